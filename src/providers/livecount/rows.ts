// Turns one parsed LiveCount result into the contract's single row: the room id, the funnel counts and the
// flattened `live_oders` fields, in the contract's column order. Output formats are left to the sinks.
import type { Column } from '../../output/columns.js';
import { COUNT_FIELDS, ORDER_FIELDS, type CountField, type LiveCountResult, type OrderField } from './schemas.js';

export type LiveCountRow = { room_id: string } & Record<CountField | OrderField, number | null>;

type RowKey = keyof LiveCountRow;

const ROW_KEYS: readonly RowKey[] = ['room_id', ...COUNT_FIELDS, ...ORDER_FIELDS];

/** Every column of the contract; one the provider left out is null, never 0, so "unknown" stays visible. */
export const LIVECOUNT_COLUMNS: readonly Column<LiveCountRow>[] = ROW_KEYS.map((key) => ({
  key,
  value: (row: LiveCountRow) => row[key],
}));

export function toLiveCountRow(roomId: number, result: LiveCountResult): LiveCountRow {
  // An id, so a string as every other export's ids are, though LiveCount asks for it as a number.
  const row = { room_id: String(roomId) } as LiveCountRow;
  for (const field of COUNT_FIELDS) row[field] = result[field];
  for (const field of ORDER_FIELDS) row[field] = result.orders?.[field] ?? null;
  return row;
}
