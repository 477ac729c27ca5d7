// One row as the text of a JSON object, keys in column order, values typed (numbers, booleans, null), by
// JSON.stringify. Shared by the json and ndjson sinks; how rows are separated is theirs.
import type { CellValue, ColumnInfo } from './columns.js';

/**
 * A function from a row's values to its JSON text. A value JSON cannot hold (NaN, Infinity) is null, as
 * JSON.stringify writes it, and so is a missing one. The text is put together from each key's quoted name
 * and each value's JSON, so no object is built per row and the keys stay in column order whatever they are.
 */
export function jsonRowText(columns: readonly ColumnInfo[]): (values: readonly CellValue[]) => string {
  const names = columns.map((column, i) => `${i === 0 ? '' : ','}${JSON.stringify(column.key)}:`);
  return (values) => {
    let text = '{';
    for (let i = 0; i < names.length; i++) text += names[i]! + JSON.stringify(values[i] ?? null);
    return `${text}}`;
  };
}
