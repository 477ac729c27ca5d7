// One row as the text of a JSON object, keys in column order, values typed (numbers, booleans, null).
// Shared by the json and ndjson sinks; how rows are separated is theirs.
import type { CellValue, ColumnInfo } from './columns.js';

export type RowSerializer = (values: readonly CellValue[]) => string;

/** A cell as JSON text. A value that JSON cannot hold (NaN, Infinity, undefined from a buggy column) is null. */
export function jsonValue(value: CellValue | undefined): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
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
