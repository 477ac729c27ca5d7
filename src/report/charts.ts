// The report's charts as ECharts options: what each shows, its title, axis names with units and caption, in two
// sizes (a wide one for laptops and print, a narrow one for phones). Plain data; render-charts.ts draws them.
import type { EChartsOption } from 'echarts';
import { fenToYuan } from '../output/money.js';
import { axisName, base, COLORS, FONT, rankedChart, valueAxis, WIDTH, type ChartSpec, type Variant } from './chart-kit.js';
import { minutesText, percentText } from './format.js';
import type { FunnelSummary } from './funnel.js';
import type { GiftSummary } from './gift-stats.js';
import type { Labels } from './labels.js';
import type { RedPackSummary } from './red-pack-stats.js';
import type { WatchSummary } from './watch-stats.js';

export { VARIANTS, type ChartSpec, type Variant } from './chart-kit.js';

export function watchCharts(s: WatchSummary, labels: Labels): ChartSpec[] {
  // A phone has room for the bins' starts only, and ECharts drops those that would overlap.
  const categories = (variant: Variant): string[] => s.bins.map((b) => (variant === 'wide' ? `${b.from}–${b.to}` : String(b.from)));
  const histogram: ChartSpec = {
    id: 'wecom-watch-time',
    title: labels.watchHistogramTitle,
    caption: labels.watchHistogramCaption(minutesText(s.binMinutes, labels)),
    marks: s.bins.length * 2,
    size: (variant) => ({ width: WIDTH[variant], height: variant === 'wide' ? 340 : 300 }),
    option: (variant) =>
      ({
        ...base(variant),
        legend: { top: 0, itemWidth: 14, itemHeight: 10 },
        grid: { left: 8, right: variant === 'wide' ? 24 : 12, top: 56, bottom: 40, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
        xAxis: {
          type: 'category',
          data: categories(variant),
          name: labels.watchHistogramX,
          nameLocation: 'middle',
          nameGap: variant === 'wide' && s.bins.length > 12 ? 46 : 30,
          ...axisName(variant),
          axisLabel:
            variant === 'wide'
              ? { rotate: s.bins.length <= 12 ? 0 : 45, interval: 0, fontSize: FONT[variant] - 2 }
              : { interval: 'auto', hideOverlap: true, fontSize: FONT[variant] - 2 },
        },
        yAxis: valueAxis(labels.watchHistogramY, variant, 'y'),
        series: [
          { type: 'bar', name: labels.members, stack: 'viewers', data: s.bins.map((b) => b.members), itemStyle: { color: COLORS.member } },
          { type: 'bar', name: labels.external, stack: 'viewers', data: s.bins.map((b) => b.external), itemStyle: { color: COLORS.external } },
        ],
      }) as EChartsOption,
  };
  const names = s.top.map((v, i) => `${i + 1}. ${v.name ?? v.id ?? '—'}`);
  const minutes = (seconds: number): number => Math.round(seconds / 6) / 10;
  const top = rankedChart({
    id: 'wecom-top-viewers',
    title: labels.topViewersTitle,
    caption: labels.topViewersCaption,
    names,
    series: [
      { name: labels.members, color: COLORS.member, values: s.top.map((v) => (v.viewerType === 'member' ? minutes(v.watchSeconds) : '-')) },
      { name: labels.external, color: COLORS.external, values: s.top.map((v) => (v.viewerType === 'external' ? minutes(v.watchSeconds) : '-')) },
    ],
    xName: labels.topViewersX,
  });
  return s.viewers === 0 ? [] : [histogram, top];
}

export function giftCharts(s: GiftSummary, labels: Labels): ChartSpec[] {
  if (s.top.length === 0) return [];
  return [
    rankedChart({
      id: 'tencent-top-accounts',
      title: labels.topAccountsTitle,
      caption: labels.topAccountsCaption,
      names: s.top.map((a, i) => `${i + 1}. ${a.account}`),
      series: [{ color: COLORS.bar, values: s.top.map((a) => a.coins) }],
      xName: labels.topAccountsX,
    }),
  ];
}

/** The interval a point of the red-pack timeline sums, in words. */
function intervalText(ms: number, labels: Labels): string {
  return minutesText(ms / 60_000, labels);
}

export function redPackCharts(s: RedPackSummary, labels: Labels, zone: string): ChartSpec[] {
  if (s.redPacks === 0) return [];
  const { points, intervalMs } = s.series;
  const timeline: ChartSpec = {
    id: 'polyv-over-time',
    title: labels.redPacksOverTimeTitle,
    caption: labels.redPacksOverTimeCaption(intervalMs === 0 ? labels.perRedPack : labels.perInterval(intervalText(intervalMs, labels))),
    marks: points.length * 2,
    size: (variant) => ({ width: WIDTH[variant], height: variant === 'wide' ? 340 : 300 }),
    option: (variant) =>
      ({
        ...base(variant),
        // The points are wall-clock times of the zone read as UTC, so the axis prints the zone's local time.
        useUTC: true,
        legend: { top: 0, itemWidth: 14, itemHeight: 10 },
        grid: { left: 8, right: variant === 'wide' ? 32 : 20, top: 56, bottom: 40, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
        xAxis: {
          type: 'time',
          name: labels.redPacksOverTimeX(zone),
          nameLocation: 'middle',
          nameGap: 30,
          ...axisName(variant),
          axisLabel: {
            hideOverlap: true,
            fontSize: FONT[variant] - 2,
            // Dates as 01-16 rather than ECharts' bare day of the month at a day boundary.
            formatter: { year: '{yyyy}', month: '{yyyy}-{MM}', day: '{MM}-{dd}', hour: '{HH}:{mm}', minute: '{HH}:{mm}', second: '{HH}:{mm}:{ss}' },
          },
        },
        yAxis: { ...valueAxis(labels.redPacksOverTimeY, variant, 'y'), minInterval: undefined },
        series: [
          {
            type: 'scatter',
            name: labels.amountSent,
            data: points.map((p) => [p.at, fenToYuan(p.sentFen)]),
            itemStyle: { color: COLORS.sent },
            symbolSize: variant === 'wide' ? 9 : 7,
          },
          {
            type: 'scatter',
            name: labels.amountReceived,
            data: points.map((p) => [p.at, fenToYuan(p.receivedFen)]),
            itemStyle: { color: COLORS.received },
            symbol: 'diamond',
            symbolSize: variant === 'wide' ? 9 : 7,
          },
        ],
      }) as EChartsOption,
  };
  const receipts: ChartSpec = {
    id: 'polyv-receipts',
    title: labels.receiptsTitle,
    caption: labels.receiptsCaption,
    marks: s.receiptCounts.length,
    size: (variant) => ({ width: WIDTH[variant], height: variant === 'wide' ? 300 : 260 }),
    option: (variant) =>
      ({
        ...base(variant),
        grid: { left: 8, right: variant === 'wide' ? 24 : 12, top: 36, bottom: 36, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
        xAxis: {
          type: 'category',
          data: s.receiptCounts.map(([count]) => String(count)),
          name: labels.receiptsX,
          nameLocation: 'middle',
          nameGap: 28,
          ...axisName(variant),
          axisLabel: { interval: 0, fontSize: FONT[variant] - 2 },
        },
        yAxis: valueAxis(labels.receiptsY, variant, 'y'),
        series: [{ type: 'bar', data: s.receiptCounts.map(([, packs]) => packs), itemStyle: { color: COLORS.bar }, barMaxWidth: 40 }],
      }) as EChartsOption,
  };
  return [timeline, receipts];
}

export function funnelCharts(f: FunnelSummary, labels: Labels): ChartSpec[] {
  const steps = [
    { name: labels.subscribed, value: f.subscribed, rate: undefined as number | undefined },
    { name: labels.watched, value: f.watched, rate: f.watchRate },
    { name: labels.ordered, value: f.ordered, rate: f.orderRate },
  ].filter((step): step is { name: string; value: number; rate: number | undefined } => step.value !== null);
  if (steps.length === 0) return [];
  const text = (step: (typeof steps)[number], index: number): string =>
    index === 0 ? `${step.name}: ${step.value}` : `${step.name}: ${step.value}\n${percentText(step.rate, labels)} ${labels.ofPrevious}`;
  return [
    {
      id: 'livecount-funnel',
      title: labels.funnelTitle,
      caption: labels.funnelCaption,
      marks: steps.length,
      size: (variant) => ({ width: WIDTH[variant], height: variant === 'wide' ? 280 : 260 }),
      option: (variant) =>
        ({
          ...base(variant),
          series: [
            {
              type: 'funnel',
              sort: 'none',
              // The funnel on the left, each step's words on the right: a narrow step has no room inside.
              left: 4,
              width: variant === 'wide' ? '55%' : '45%',
              top: 12,
              bottom: 12,
              gap: 4,
              min: 0,
              max: Math.max(...steps.map((s) => s.value), 1),
              minSize: '8%',
              label: { show: true, position: 'right', color: '#333', fontSize: FONT[variant] - (variant === 'wide' ? 0 : 1), lineHeight: FONT[variant] + 5 },
              labelLine: { show: true, length: 12, lineStyle: { color: '#999' } },
              itemStyle: { borderWidth: 0 },
              data: steps.map((step, i) => ({
                name: step.name,
                value: step.value,
                // A formatter string: the text is ours, and holds no {a}-style placeholders.
                label: { formatter: text(step, i) },
                itemStyle: { color: [COLORS.bar, '#4f8ae8', COLORS.received][i] },
              })),
            },
          ],
        }) as EChartsOption,
    },
  ];
}

