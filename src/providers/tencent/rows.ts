// get_gift_count answers turned into the contract's gifts rows and per-room summary rows, with their columns.
// Knows the response shape and the column names; nothing about HTTP or sinks.
import type { Column } from '../../output/columns.js';
import type { SummarySpec } from '../../export/runner.js';
import type { GiftCountBody } from './schemas.js';

export interface GiftRow {
  room_id: string;
  from_account: string;
  total_count: number;
  total_coins: number;
  gift_sender_count: number;
  sequence: number | null;
}

export function toGiftRow(room: string, account: string, body: GiftCountBody): GiftRow {
  const r = body.Response;
  return {
    room_id: room,
    from_account: account,
    total_count: r.TotalCount,
    total_coins: r.TotalCoins,
    gift_sender_count: r.GiftSenderCount,
    sequence: r.Sequence ?? null,
  };
}

// Sender counts and sequences are not summed: one sender may be counted under several accounts.
export const GIFT_COLUMNS: readonly Column<GiftRow>[] = [
  { key: 'room_id', value: (r) => r.room_id },
  { key: 'from_account', value: (r) => r.from_account },
  { key: 'total_count', value: (r) => r.total_count, total: 'sum' },
  { key: 'total_coins', value: (r) => r.total_coins, total: 'sum' },
  { key: 'gift_sender_count', value: (r) => r.gift_sender_count },
  { key: 'sequence', value: (r) => r.sequence },
];

export interface GiftSummaryRow {
  room_id: string;
  accounts: number;
  total_count: number;
  total_coins: number;
}

export const GIFT_SUMMARY_COLUMNS: readonly Column<GiftSummaryRow>[] = [
  { key: 'room_id', value: (r) => r.room_id },
  { key: 'accounts', value: (r) => r.accounts, total: 'sum' },
  { key: 'total_count', value: (r) => r.total_count, total: 'sum' },
  { key: 'total_coins', value: (r) => r.total_coins, total: 'sum' },
];

/** One summary row per room; `rooms` lists them in order so a room with no rows still gets a zero row. */
export function giftSummary(rooms: readonly string[]): SummarySpec<GiftRow, GiftSummaryRow, GiftSummaryRow> {
  return {
    columns: GIFT_SUMMARY_COLUMNS,
    inputs: rooms,
    keyOf: (row) => row.room_id,
    create: (room) => ({ room_id: room, accounts: 0, total_count: 0, total_coins: 0 }),
    add(acc, row) {
      acc.accounts += 1;
      acc.total_count += row.total_count;
      acc.total_coins += row.total_coins;
    },
    finish: (acc) => acc,
  };
}
