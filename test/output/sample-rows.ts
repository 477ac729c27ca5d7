// Shared test data for the sink tests: columns and rows with the awkward cases (CJK, quotes, commas,
// newlines, formula-like text, a negative number next to the same text, null, booleans), and a driver
// that feeds a sink the way the export runner does.
import type { CellValue, ColumnInfo } from '../../src/output/columns.js';
import type { Sink } from '../../src/output/sink.js';

export const COLUMNS: ColumnInfo[] = [
  { key: 'id' },
  { key: 'name' },
  { key: 'count', total: 'sum' },
  { key: 'amount', total: 'money' },
  { key: 'active' },
  { key: 'note' },
];

export const ROWS: CellValue[][] = [
  ['r1', '张三', 3, 0.1, true, 'plain'],
  ['r2', 'Smith, "Jo"', -5, 0.2, false, 'line one\nline two'],
  ['r3', null, 0, null, null, '=1+1'],
  ['r4', '-5', 12, 1.05, true, '@cmd'],
];

/**
 * Feeds rows as the runner does: a page at a time (`pageSize` rows, 2 by default, so that every test also
 * sees pages joined), each row a fresh values array, awaiting writePage() only when it returns a promise.
 * Returns how many pages asked the caller to wait.
 */
export async function feed(sink: Sink, columns: readonly ColumnInfo[], rows: readonly (readonly CellValue[])[], pageSize = 2): Promise<number> {
  let waits = 0;
  await sink.begin(columns);
  for (let start = 0; start < rows.length; start += pageSize) {
    const page = rows.slice(start, start + pageSize).map((row) => columns.map((_, i) => row[i] ?? null));
    const pending = sink.writePage(page);
    if (pending) {
      waits++;
      await pending;
    }
  }
  await sink.end();
  return waits;
}
