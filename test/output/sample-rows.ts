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
 * Feeds rows as the runner does: one values array reused for every row (so a sink that keeps the array
 * instead of its contents shows up as wrong output), awaiting write() only when it returns a promise.
 * Returns how many writes asked the caller to wait.
 */
export async function feed(sink: Sink, columns: readonly ColumnInfo[], rows: readonly (readonly CellValue[])[]): Promise<number> {
  let waits = 0;
  await sink.begin(columns);
  const values: CellValue[] = new Array<CellValue>(columns.length);
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) values[i] = row[i] ?? null;
    const pending = sink.write(values);
    if (pending) {
      waits++;
      await pending;
    }
  }
  await sink.end();
  return waits;
}

/** Lets every pending setImmediate callback run (the sinks' idle flush). */
export const nextCheckPhase = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * `count` rows of `width` random cells for the sinks' differential tests: null, a boolean, one of `numbers`,
 * or (half the time) text joined from up to `maxPieces` of `pieces`, the characters a format must get right.
 */
export function randomCellRows(
  random: () => number,
  options: { pieces: readonly string[]; numbers: readonly number[]; maxPieces: number; width: number; count: number },
): CellValue[][] {
  const next = (n: number): number => Math.floor(random() * n);
  const cell = (): CellValue => {
    switch (next(6)) {
      case 0:
        return null;
      case 1:
        return next(2) === 0;
      case 2:
        return options.numbers[next(options.numbers.length)] as number;
      default: {
        let text = '';
        for (let n = next(options.maxPieces); n >= 0; n--) text += options.pieces[next(options.pieces.length)];
        return text;
      }
    }
  };
  return Array.from({ length: options.count }, () => Array.from({ length: options.width }, cell));
}
