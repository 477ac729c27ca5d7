// One row as the text of a JSON object, keys in column order, values typed (numbers, booleans, null), by
// JSON.stringify. Shared by the json and ndjson sinks; how rows are separated is theirs.
import type { CellValue, ColumnInfo } from './columns.js';

/**
 * A function from a row's values to its JSON text. A value JSON cannot hold (NaN, Infinity) is null, as
 * JSON.stringify writes it, and so is a missing one. Column keys are names, never array indices, so the
 * object keeps them in column order.
 */
export function jsonRowText(columns: readonly ColumnInfo[]): (values: readonly CellValue[]) => string {
  const keys = columns.map((column) => column.key);
  return (values) => {
    const row: Record<string, CellValue> = {};
    for (let i = 0; i < keys.length; i++) row[keys[i]!] = values[i] ?? null;
    return JSON.stringify(row);
  };
}
