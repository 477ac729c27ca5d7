// Provider text made safe and measurable for a terminal table: control characters that could move the
// cursor, change the terminal or reorder text are replaced, and long text is cut by display width.
// Layout itself is cli-table3's; this only prepares cell text.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The very string-width cli-table3 lays out with, so a cut here and the table's column widths agree on
// every character (CJK wide, combining marks zero).
const stringWidth = createRequire(require.resolve('cli-table3'))('string-width') as (text: string) => number;

export const REPLACEMENT = '\uFFFD';
export const NEWLINE_MARK = '⏎';

// C0 and C1 controls and DEL (ESC starts every cursor and mode sequence, 0x9B is a one-byte CSI), line and
// paragraph separators, and the bidi embeddings, overrides, isolates and marks that reorder what follows.
const UNSAFE = /\r\n|[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const HAS_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function replacement(match: string): string {
  switch (match) {
    case '\r\n':
    case '\n':
    case '\r':
    case '\u2028':
    case '\u2029':
      // One visible mark keeps the cell on one line, so the row stays one line high.
      return NEWLINE_MARK;
    case '\t':
      return ' ';
    default:
      return REPLACEMENT;
  }
}

/** Replaces every character that could act on the terminal instead of being shown. */
export function terminalSafe(text: string): string {
  return HAS_UNSAFE.test(text) ? text.replace(UNSAFE, replacement) : text;
}

/** Columns the text takes up on a terminal. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

let segmenter: Intl.Segmenter | undefined;

/** Cuts text to at most `max` columns, ending in "…" when cut; never splits a character or a grapheme. */
export function truncateToWidth(text: string, max: number): string {
  // No character is wider than two columns, so short text needs no measuring.
  if (text.length * 2 <= max || stringWidth(text) <= max) return text;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let kept = '';
  let width = 0;
  for (const { segment } of segmenter.segment(text)) {
    const w = stringWidth(segment);
    if (width + w > max - 1) break;
    kept += segment;
    width += w;
  }
  return `${kept}…`;
}

/** Cuts text to at most `max` columns by taking out its middle, so an id keeps its distinguishing tail. */
export function truncateMiddle(text: string, max: number): string {
  if (text.length * 2 <= max || stringWidth(text) <= max) return text;
  if (max <= 1) return max === 1 ? '…' : '';
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const parts = Array.from(segmenter.segment(text), (s) => s.segment);
  // The tail gets the larger half: ids tend to share a prefix and differ at the end.
  const headRoom = Math.floor((max - 1) / 2);
  let tailRoom = max - 1 - headRoom;
  let tail = '';
  for (let i = parts.length - 1; i >= 0; i--) {
    const w = stringWidth(parts[i]!);
    if (w > tailRoom) break;
    tail = parts[i]! + tail;
    tailRoom -= w;
  }
  let head = '';
  let room = headRoom + tailRoom;
  for (const part of parts) {
    const w = stringWidth(part);
    if (w > room) break;
    head += part;
    room -= w;
  }
  return `${head}…${tail}`;
}
