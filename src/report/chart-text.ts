// Provider text as a chart label: ECharts escapes what it writes into SVG, but an SVG <text> has no <bdi>, so
// bidi controls are dropped, controls shown as pictures, and long names cut at a whole character (emoji stay whole).
import { visibleControls } from './html.js';

const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
let segmenter: Intl.Segmenter | undefined;

export function chartLabel(text: string, max: number): string {
  const clean = visibleControls(text.replace(BIDI_CONTROLS, ''));
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const graphemes: string[] = [];
  for (const { segment } of segmenter.segment(clean)) {
    if (graphemes.length === max) return `${graphemes.slice(0, max - 1).join('')}…`;
    graphemes.push(segment);
  }
  return graphemes.join('');
}
