// How wide a label will be, without a canvas: ECharts lays out legends, axis names and label spacing from text
// widths, and its own fallback assumes narrow Latin glyphs. This estimate errs wide (DejaVu-like Latin, CJK and
// emoji a full em), so labels get room in whatever system font the reader's browser picks.

const NARROW = new Set("il|.,:;!'`ijtfr ()[]");
const WIDE = new Set('mwMW@%');

function emOf(codePoint: number, char: string): number {
  // East Asian wide and fullwidth characters, and emoji, take a full em.
  if (codePoint >= 0x2e80) return 1;
  if (NARROW.has(char)) return 0.34;
  if (WIDE.has(char)) return 0.92;
  if (char >= 'A' && char <= 'Z') return 0.7;
  if (char >= '0' && char <= '9') return 0.64;
  if (char >= 'a' && char <= 'z') return 0.6;
  if (codePoint < 0x80) return 0.5;
  return 0.66;
}

/** Width in px of `text` in a CSS `font` shorthand ("12px sans-serif", "bold 13px …"). */
export function estimateTextWidth(text: string, font: string | undefined): number {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
  const bold = /\bbold\b|\b[6-9]00\b/.test(font ?? '') ? 1.06 : 1;
  let em = 0;
  for (const char of text) em += emOf(char.codePointAt(0) as number, char);
  return em * size * bold;
}
