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
 * them is markedly faster than building an object per row for JSON.stringify.
 */
export function jsonRowSerializer(columns: readonly ColumnInfo[]): RowSerializer {
  if (columns.length === 0) return () => '{}';
  const prefixes = columns.map((column, i) => `${i === 0 ? '{' : ','}${JSON.stringify(column.key)}:`);
  return (values) => {
    let text = '';
    for (let i = 0; i < prefixes.length; i++) text += prefixes[i]! + jsonValue(values[i]);
    return `${text}}`;
  };
}
