// Draws chart options as SVG markup with Apache ECharts' server-side renderer (no DOM, no canvas), and names
// each drawing for assistive technology. Only the report imports this module, so only it loads ECharts.
import { BarChart, FunnelChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartSpec, Variant } from './charts.js';
import { estimateTextWidth } from './text-width.js';

echarts.use([BarChart, FunnelChart, ScatterChart, GridComponent, LegendComponent, SVGRenderer]);
// No canvas in Node to measure text with: layouts use a generous estimate instead (text-width.ts).
echarts.setPlatformAPI({ measureText: (text, font) => ({ width: estimateTextWidth(text ?? '', font) }) });

/** One chart in one size, as an <svg> element; ECharts escapes the text it writes into it. */
export function renderChart(spec: ChartSpec, variant: Variant): string {
  const { width, height } = spec.size(variant);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(spec.option(variant));
    const svg = chart.renderToSVGString();
    // The figure's heading names the drawing and its caption describes it (ids from page.ts).
    return svg.replace(
      /^<svg /,
      `<svg role="img" focusable="false" aria-labelledby="${spec.id}-title" aria-describedby="${spec.id}-caption" class="chart-svg" `,
    );
  } finally {
    // Without dispose, zrender's animation timer keeps the process alive.
    chart.dispose();
  }
}
