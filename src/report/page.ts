// The report as one self-contained HTML document: a Content-Security-Policy that allows no request and no script,
// the inline style sheet, a header, and one section per source (sections.ts). Charts arrive as SVG markup from
// the `draw` function, so this module never loads the chart library and tests can stub it.
import type { ChartSpec, Variant } from './charts.js';
import { html, raw, visibleControls, type SafeHtml } from './html.js';
import type { ReportModel, TimeText } from './model.js';
import { funnelSection, giftSection, redPackSection, watchSection } from './sections.js';
import { STYLE } from './style.js';

export type Draw = (spec: ChartSpec, variant: Variant) => string;

/** Nothing may be fetched and nothing run: inline styles (the page's and the SVGs') are all the page needs. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function renderPage(model: ReportModel, draw: Draw, time: TimeText): string {
  const { labels } = model;
  const title = visibleControls(model.title ?? labels.defaultTitle);
  const sections: SafeHtml[] = [];
  if (model.wecom) sections.push(watchSection(model.wecom, labels, draw));
  if (model.tencent) sections.push(giftSection(model.tencent, labels, draw));
  if (model.polyv) sections.push(redPackSection(model.polyv, labels, draw, time, model.zone));
  if (model.livecount) sections.push(funnelSection(model.livecount, labels, draw));
  const page = html`<!doctype html>
<html lang="${labels.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="livestats">
<title>${title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header>
<h1>${title}</h1>
<p class="meta">${labels.generated}: <time datetime="${new Date(model.generatedAt).toISOString()}">${time(model.generatedAt)}</time> · ${labels.timeZone}: ${model.zone}</p>
${model.sandbox ? html`<p class="note">${labels.sandboxNote}</p>` : ''}
</header>
<main>
${sections}
</main>
<footer><p>livestats report</p></footer>
</body>
</html>
`;
  return page.value;
}
