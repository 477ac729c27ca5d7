// What every chart of the report shares: the spec a chart is (options in two sizes, title, caption, mark count),
// colours, fonts, axes and the ranked-bars chart. The charts themselves are charts.ts'; drawing is render-charts.ts'.
import type { EChartsOption } from 'echarts';
import { chartLabel } from './chart-text.js';

export type Variant = 'wide' | 'narrow';
export const VARIANTS: readonly Variant[] = ['wide', 'narrow'];

export interface ChartSpec {
  /** Also the figure's id in the page. */
  id: string;
  title: string;
  caption: string;
  /** Bars or points the chart draws: the page states it (data-marks) and the browser test counts them. */
  marks: number;
  size(variant: Variant): { width: number; height: number };
  option(variant: Variant): EChartsOption;
}

export const COLORS = { member: '#2f6fdb', external: '#e8833a', sent: '#2f6fdb', received: '#2e9e5b', bar: '#2f6fdb' };
export const WIDTH: Record<Variant, number> = { wide: 720, narrow: 360 };
export const FONT = { wide: 13, narrow: 12 } as const;
/** Characters of a name on a category axis before it is cut. */
export const NAME_CHARS = { wide: 18, narrow: 12 } as const;
/** The page's text (style.ts) and the charts' labels in one font stack. */
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

export function base(variant: Variant): EChartsOption {
  return {
    animation: false,
    textStyle: { fontFamily: FONT_FAMILY, fontSize: FONT[variant], color: '#333' },
    grid: { left: 8, right: variant === 'wide' ? 24 : 12, top: 44, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
  };
}

export const axisName = (variant: Variant) => ({ nameTextStyle: { fontSize: FONT[variant], color: '#555' } });

/** A value axis named below its labels (x) or above them (y). */
export function valueAxis(name: string, variant: Variant, position: 'x' | 'y'): Record<string, unknown> {
  return position === 'x'
    ? { type: 'value', name, nameLocation: 'middle', nameGap: 28, ...axisName(variant), minInterval: 1 }
    : // Left-aligned from the axis line, so a long name runs into the plot rather than off the left edge.
      { type: 'value', name, nameLocation: 'end', nameGap: 14, nameTextStyle: { ...axisName(variant).nameTextStyle, align: 'left' }, minInterval: 1 };
}

/** What a top-N chart shows: one name a bar (highest first), the series stacked on them, the value axis's name. */
interface Ranked extends Pick<ChartSpec, 'id' | 'title' | 'caption'> {
  names: readonly string[];
  series: Array<{ name?: string; color: string; values: Array<number | '-'> }>;
  xName: string;
}

/** Horizontal bars, largest on top, each name cut to fit the variant. */
function rankedBars(variant: Variant, { names, series, xName }: Ranked): EChartsOption {
  return {
    ...base(variant),
    grid: { left: 8, right: variant === 'wide' ? 48 : 24, top: series.length > 1 ? 36 : 12, bottom: 36, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: series.length > 1 ? { top: 0, itemWidth: 14, itemHeight: 10 } : undefined,
    yAxis: { type: 'category', inverse: true, data: names.map((n) => chartLabel(n, NAME_CHARS[variant])), axisTick: { show: false }, axisLabel: { fontSize: FONT[variant] - 1 } },
    xAxis: valueAxis(xName, variant, 'x'),
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      stack: 'rank',
      data: s.values,
      itemStyle: { color: s.color },
      barMaxWidth: 18,
    })),
  } as EChartsOption;
}

/** A top-N chart (top viewers, top accounts), as tall as its names need. */
export function rankedChart(chart: Ranked): ChartSpec {
  return {
    id: chart.id,
    title: chart.title,
    caption: chart.caption,
    marks: chart.names.length,
    size: (variant) => ({ width: WIDTH[variant], height: 90 + Math.max(chart.names.length, 1) * 22 }),
    option: (variant) => rankedBars(variant, chart),
  };
}

