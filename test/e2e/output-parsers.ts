// Small, independent readers for what livestats prints (RFC 4180 CSV, NDJSON, box-drawn tables) and the cell
// text each format should show for a JSON value, so every format can be compared with the JSON output.
import { expect } from 'vitest';
import { fen } from './contract.js';

export interface ParsedCsv {
  records: string[][];
  /** How each record ended: '\n', '\r\n', or '' for a last record without a line end. */
  endings: string[];
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; records end in LF or CRLF. */
export function parseCsv(text: string): ParsedCsv {
  const records: string[][] = [];
  const endings: string[] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let closed = false;
  let i = 0;
  const endField = (): void => {
    record.push(field);
    field = '';
    closed = false;
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        closed = true;
        i++;
      } else {
        field += c;
        i++;
      }
      continue;
    }
    const ending = c === '\n' ? '\n' : c === '\r' && text[i + 1] === '\n' ? '\r\n' : undefined;
    if (c === ',') {
      endField();
      i++;
    } else if (ending !== undefined) {
      endField();
      records.push(record);
      endings.push(ending);
      record = [];
      i += ending.length;
    } else if (closed) {
      throw new Error(`CSV: text after a closing quote at offset ${i}`);
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error('CSV: unterminated quoted field');
  if (field !== '' || record.length > 0 || closed) {
    endField();
    records.push(record);
    endings.push('');
  }
  return { records, endings };
}

/** One JSON object per line, each line ending in LF; '' is zero rows. */
export function parseNdjson(text: string): Record<string, unknown>[] {
  if (text === '') return [];
  expect(text.endsWith('\n'), 'NDJSON ends with a line end').toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export interface ParsedTable {
  /** The cell rows between the top and bottom borders, split into groups at each ├ separator line. */
  groups: string[][][];
  /** Lines before the top border and after the bottom one. */
  before: string[];
  after: string[];
}

/** Reads a box-drawn table (┌ … └); every line between the borders must be a cell row or a separator. */
export function parseTable(text: string): ParsedTable {
  const lines = text.split(/\r?\n/);
  const top = lines.findIndex((line) => line.startsWith('┌'));
  const bottom = lines.findIndex((line, i) => i > top && line.startsWith('└'));
  if (top < 0 || bottom < 0) throw new Error(`no table in output:\n${text.slice(0, 500)}`);
  const groups: string[][][] = [[]];
  for (const line of lines.slice(top + 1, bottom)) {
    if (line.startsWith('├')) groups.push([]);
    else if (line.startsWith('│') && line.endsWith('│')) groups[groups.length - 1]!.push(line.slice(1, -1).split('│').map((cell) => cell.trim()));
    else throw new Error(`unexpected line inside the table: ${JSON.stringify(line)}`);
  }
  return { groups, before: lines.slice(0, top), after: lines.slice(bottom + 1) };
}

// East Asian Wide and Fullwidth ranges that occur in provider text (CJK, kana, Hangul, fullwidth forms, emoji).
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];
// One code point at a time: the joiner and the variation selector are matched alone, never as a sequence.
// eslint-disable-next-line no-misleading-character-class -- see the line above
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\u200b\u200d\ufe0f]$/u;

/** Terminal columns a string takes: wide characters 2, combining marks and joiners 0, the rest 1. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (ZERO_WIDTH.test(char)) continue;
    const cp = char.codePointAt(0) as number;
    width += WIDE.some(([from, to]) => cp >= from && cp <= to) ? 2 : 1;
  }
  return width;
}

/** The CSV cell for a JSON value: empty for null, true/false, numbers as JSON writes them, text exact. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

/** --excel: text that a spreadsheet would run as a formula gets a leading '; numbers are left alone. */
export function excelCell(value: unknown): string {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : csvCell(value);
}

/** Whole fen as yuan with two decimals. */
export function yuanText(fenValue: number): string {
  const abs = Math.abs(fenValue);
  return `${fenValue < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]+/g;

/**
 * A table cell shows the JSON value: '' for null, true/false, money with two decimals, text as it is except
 * that control characters are replaced (their printable parts stay, in order) and long text may be cut with '…'.
 */
export function expectTableCell(cell: string, value: unknown, money: boolean, where: string): void {
  if (value === null || value === undefined) return void expect(cell, where).toBe('');
  if (typeof value === 'boolean') return void expect(cell, where).toBe(String(value));
  if (typeof value === 'number') return void expect(cell, where).toBe(money ? yuanText(fen(value)) : String(value));
  const raw = String(value);
  const text = raw.trim();
  if (CONTROL.test(raw)) {
    expect(CONTROL.test(cell), `${where}: no control character in ${JSON.stringify(cell)}`).toBe(false);
    let from = 0;
    for (const part of raw.split(CONTROLS).filter((p) => p.trim() !== '')) {
      const at = cell.indexOf(part.trim(), from);
      expect(at, `${where}: ${JSON.stringify(part)} shown in ${JSON.stringify(cell)}`).toBeGreaterThanOrEqual(0);
      from = at + part.trim().length;
    }
    return;
  }
  if (cell === text) return;
  // Cut to a display width: a prefix of the text and an ellipsis, never a mangled character.
  expect(cell.endsWith('…'), `${where}: ${JSON.stringify(cell)} is ${JSON.stringify(text)} or a cut of it`).toBe(true);
  expect(text.startsWith(cell.slice(0, -1)), `${where}: ${JSON.stringify(cell)} starts ${JSON.stringify(text)}`).toBe(true);
  expect(displayWidth(cell), where).toBeGreaterThanOrEqual(20);
}
