// LiveCount's one row read as a funnel: subscribed → watched → ordered and the conversion at each step, plus the
// row's fields for the table. The row comes from the provider's own code; rates are computed here, once.
import { rate } from './format.js';

/** The LiveCount row fields the report reads (src/providers/livecount/rows.ts' LiveCountRow has them all). */
export type LiveCountFields = { room_id: number } & Record<string, number | null>;

export interface FunnelSummary {
  room: number;
  subscribed: number | null;
  watched: number | null;
  ordered: number | null;
  /** watched / subscribed, ordered / watched, ordered / subscribed; undefined where a count is missing or 0. */
  watchRate: number | undefined;
  orderRate: number | undefined;
  overallRate: number | undefined;
  /** Every column of the row but the room id, in the row's order, for the table. */
  fields: Array<[string, number | null]>;
}

export function funnelOf(row: LiveCountFields): FunnelSummary {
  const subscribed = row.is_subscribe ?? null;
  const watched = row.is_look ?? null;
  const ordered = row.is_order ?? null;
  return {
    room: row.room_id,
    subscribed,
    watched,
    ordered,
    watchRate: rate(watched, subscribed),
    orderRate: rate(ordered, watched),
    overallRate: rate(ordered, subscribed),
    fields: Object.entries(row).filter(([key]) => key !== 'room_id') as Array<[string, number | null]>,
  };
}
