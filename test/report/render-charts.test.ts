// The charts drawn by ECharts' server-side SVG renderer: each one a named image, with as many bars or points as
// the page says (data-marks), and hostile provider text only as escaped SVG text.
import { describe, expect, it } from 'vitest';
import { funnelCharts, giftCharts, redPackCharts, VARIANTS, watchCharts, type ChartSpec } from '../../src/report/charts.js';
import { renderChart } from '../../src/report/render-charts.js';
import { hostileModel } from './page.test.js';

const model = hostileModel();
const specs: ChartSpec[] = [
  ...watchCharts(model.wecom!.summary, model.labels),
  ...giftCharts(model.tencent!.summary, model.labels),
  ...redPackCharts(model.polyv!.summary, model.labels, model.zone),
  ...funnelCharts(model.livecount!.summary, model.labels),
];

describe('renderChart', () => {
  it.each(specs.flatMap((spec) => VARIANTS.map((variant) => [spec.id, variant, spec] as const)))('%s (%s)', (_id, variant, spec) => {
    const svg = renderChart(spec, variant);
    const { width, height } = spec.size(variant);
    expect(svg.startsWith(`<svg role="img" focusable="false" aria-labelledby="${spec.id}-title" aria-describedby="${spec.id}-caption"`)).toBe(true);
    expect(svg).toContain(`viewBox="0 0 ${width} ${height}"`);
    expect(svg.match(/ecmeta_ssr_type="chart"/g) ?? []).toHaveLength(spec.marks);
    expect(spec.marks).toBeGreaterThan(0);
    // Only SVG drawing elements: nothing that runs, loads or links.
    expect(svg).not.toMatch(/<(script|foreignObject|image|a|use)\b/i);
    expect(svg).not.toMatch(/\son\w+=|href=/i);
    expect(svg).not.toContain('\u001b');
    expect(svg).not.toContain('\u202e');
  });

  it('writes a hostile account as escaped text', () => {
    const svg = renderChart(giftCharts(model.tencent!.summary, model.labels)[0]!, 'wide');
    expect(svg).not.toContain('<script>');
    expect(svg).toMatch(/&lt;script&gt;window\.__p…|&lt;\/style&gt;&lt;styl…|&quot;&gt;&lt;img src=x o…/);
  });
});
