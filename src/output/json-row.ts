// One row as the text of a JSON object, keys in column order, values typed (numbers, booleans, null).
// Shared by the json and ndjson sinks; how rows are separated is theirs.
import type { CellValue, ColumnInfo } from './columns.js';

export type RowSerializer = (values: readonly CellValue[]) => string;

// Text with none of these is its own JSON string body: JSON.stringify escapes quotes, backslashes and control
// characters, and writes a lone surrogate as a \u escape (a paired one, or any other character, as it is).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A cell as JSON text. A value that JSON cannot hold (NaN, Infinity, undefined from a buggy column) is null. */
export function jsonValue(value: CellValue | undefined): string {
  switch (typeof value) {
    case 'string':
      // Most text needs no escaping, and quoting it directly costs about half of what JSON.stringify does.
      return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
    case 'number':
      return Number.isFinite(value) ? `${value}` : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return 'null';
  }
}

/**
 * Builds the serializer once per export: the `"key":` parts are escaped here, not per row. Concatenating
 * them is markedly faster than building an object per row for JSON.stringify. Each cell is one piece, key and
 * value: made once per column for null, true and false, and kept for a text that repeats from the row before
 * (the living, the viewer type), so most cells of a row cost no new string (~8 % of a row's writing).
 */
export function jsonRowSerializer(columns: readonly ColumnInfo[]): RowSerializer {
  if (columns.length === 0) return () => '{}';
  const prefixes = columns.map((column, i) => `${i === 0 ? '{' : ','}${JSON.stringify(column.key)}:`);
  const nulls = prefixes.map((prefix) => `${prefix}null`);
  const trues = prefixes.map((prefix) => `${prefix}true`);
  const falses = prefixes.map((prefix) => `${prefix}false`);
  const lastText: Array<string | undefined> = new Array<string | undefined>(prefixes.length);
  const lastPiece: string[] = new Array<string>(prefixes.length);
  return (values) => {
    let text = '';
    for (let i = 0; i < prefixes.length; i++) {
      const value = values[i];
      if (value === null || value === undefined) text += nulls[i]!;
      else if (value === true) text += trues[i]!;
      else if (value === false) text += falses[i]!;
      else if (value === lastText[i]) text += lastPiece[i]!;
      else {
        const piece = prefixes[i]! + jsonValue(value);
        if (typeof value === 'string') {
          lastText[i] = value;
          lastPiece[i] = piece;
        }
        text += piece;
      }
    }
    return `${text}}`;
  };
}
