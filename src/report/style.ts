// The page's one style sheet: system fonts only (nothing to download), a single column that fits 375 px,
// a narrow chart drawing on phones and the wide one on larger screens and in print, A4 pages without cut charts.
import { FONT_FAMILY } from './chart-kit.js';

export const STYLE = `
:root { color-scheme: light; --fg: #1d2330; --muted: #5b6475; --line: #e3e6ec; --card: #fff; --page: #f4f5f7; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--page); color: var(--fg);
  font: 15px/1.5 ${FONT_FAMILY}; }
header, main, footer { max-width: 880px; margin: 0 auto; padding: 0 16px; }
header { padding-top: 24px; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 6px; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 0 0 12px; overflow-wrap: anywhere; }
h3 { font-size: 1rem; margin: 0 0 2px; }
.meta, .note, figcaption, .full-data p { color: var(--muted); font-size: .875rem; margin: 0; }
.note { margin-top: 4px; }
section.source { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px; margin: 16px 0; }
.metrics { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; margin: 0; }
.metric { border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; min-width: 0; }
.metric dt { color: var(--muted); font-size: .8rem; }
.metric dd { margin: 0; font-size: 1.3rem; font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
figure { margin: 24px 0 0; break-inside: avoid; page-break-inside: avoid; }
figure .drawing { margin: 6px 0; }
.chart-svg { display: block; width: 100%; height: auto; }
.variant-narrow { display: none; }
.tables h3 { margin-top: 24px; }
.table-wrap { overflow-x: auto; margin-top: 6px; }
table { border-collapse: collapse; width: 100%; font-size: .875rem; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
td { overflow-wrap: anywhere; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.empty { color: var(--muted); }
.time { white-space: nowrap; }
.full-data { margin-top: 20px; }
pre.command { margin: 6px 0 0; padding: 8px 10px; background: #f1f3f6; border-radius: 6px; font-size: .8rem;
  white-space: pre-wrap; word-break: break-all; }
footer { padding-bottom: 32px; color: var(--muted); font-size: .8rem; }
@media (max-width: 560px) {
  header, main, footer { padding: 0 10px; }
  header { padding-top: 16px; }
  section.source { padding: 12px; }
  .metrics { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .metric dd { font-size: 1.1rem; }
  .variant-wide { display: none; }
  .variant-narrow { display: block; }
  .wide-only { display: none; }
}
@page { size: A4; margin: 14mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  header, main, footer { max-width: none; padding: 0; }
  section.source { border: 0; border-radius: 0; padding: 0; margin: 0 0 18px; }
  .variant-wide { display: block !important; }
  .variant-narrow { display: none !important; }
  .wide-only { display: table-cell !important; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr { break-inside: avoid; }
  .table-wrap { overflow: visible; }
}
`;
