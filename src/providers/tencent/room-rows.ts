// get_room_list rooms and get_room_stats totals turned into the contract's rooms rows, their columns, and the
// one-row summary of a run. Knows the response shapes and the column names; nothing about HTTP or sinks.
import type { SummarySpec } from '../../export/runner.js';
import type { CellValue, Column } from '../../output/columns.js';
import type { TimeFormatter } from '../../output/time.js';
import type { RoomStats } from './room-stats.js';
import type { ListedRoom } from './schemas.js';

export interface RoomRow {
  room_id: string;
  room_name: string | null;
  owner_account: string | null;
  created_at: string | null;
  category: readonly number[] | null;
  activity_status: number | null;
  view_count: number | null;
  total_viewers: number | null;
  total_gifts_sent: number | null;
  total_gift_coins: number | null;
  unique_gift_senders: number | null;
  likes_received: number | null;
  msg_count: number | null;
}

const text = (value: string | null | undefined): string | null => (value === undefined || value === null || value === '' ? null : value);

/** A room as listed, with its totals when they were read (`undefined`: not read, or the room was gone). */
export function roomRow(room: ListedRoom | undefined, roomId: string, stats: RoomStats | undefined, time: TimeFormatter): RoomRow {
  const created = room?.CreateTime;
  return {
    room_id: roomId,
    room_name: text(room?.RoomName),
    owner_account: text(room?.Owner_Account),
    // A CreateTime of 0 means "not set", not 1970.
    created_at: created === undefined || created === null || created <= 0 ? null : time(created * 1000),
    category: room?.Category ?? null,
    activity_status: room?.ActivityStatus ?? null,
    view_count: room?.ViewCount ?? null,
    total_viewers: stats?.TotalViewers ?? null,
    total_gifts_sent: stats?.TotalGiftsSent ?? null,
    total_gift_coins: stats?.TotalGiftCoins ?? null,
    unique_gift_senders: stats?.TotalUniqueGiftSenders ?? null,
    likes_received: stats?.TotalLikesReceived ?? null,
    msg_count: stats?.TotalMsgCount ?? null,
  };
}

function column<Row>(key: keyof Row & string, total?: 'sum'): Column<Row> {
  return { key, value: (row) => row[key] as CellValue, total };
}

// View counts and totals add up across rooms; unique senders do not (one person may give in several rooms).
export const ROOM_COLUMNS: readonly Column<RoomRow>[] = [
  column('room_id'),
  column('room_name'),
  column('owner_account'),
  { ...column<RoomRow>('created_at'), kind: 'time' },
  { key: 'category', value: (row) => row.category, list: true },
  column('activity_status'),
  column('view_count', 'sum'),
  column('total_viewers', 'sum'),
  column('total_gifts_sent', 'sum'),
  column('total_gift_coins', 'sum'),
  column('unique_gift_senders'),
  column('likes_received', 'sum'),
  column('msg_count', 'sum'),
];

export interface RoomSummaryRow {
  rooms: number;
  rooms_with_stats: number;
  view_count: number | null;
  total_viewers: number | null;
  total_gifts_sent: number | null;
  total_gift_coins: number | null;
  likes_received: number | null;
  msg_count: number | null;
}

export const ROOM_SUMMARY_COLUMNS: readonly Column<RoomSummaryRow>[] = [
  column('rooms'),
  column('rooms_with_stats'),
  column('view_count'),
  column('total_viewers'),
  column('total_gifts_sent'),
  column('total_gift_coins'),
  column('likes_received'),
  column('msg_count'),
];

const SUMMED = ['view_count', 'total_viewers', 'total_gifts_sent', 'total_gift_coins', 'likes_received', 'msg_count'] as const;
const FROM_STATS = new Set<string>(SUMMED.filter((key) => key !== 'view_count'));
const ALL = 'all rooms';

/**
 * One row for the whole run. A sum is over the rooms whose value is known; a sum of a kind the run did not read
 * (the list's view_count with --room, every total with --no-stats) is null rather than 0.
 */
export function roomSummary(read: { list: boolean; stats: boolean }): SummarySpec<RoomRow, RoomSummaryRow, RoomSummaryRow> {
  return {
    columns: ROOM_SUMMARY_COLUMNS,
    inputs: [ALL],
    keyOf: () => ALL,
    create: () => {
      const row: RoomSummaryRow = { rooms: 0, rooms_with_stats: 0, view_count: null, total_viewers: null, total_gifts_sent: null, total_gift_coins: null, likes_received: null, msg_count: null };
      for (const key of SUMMED) if (FROM_STATS.has(key) ? read.stats : read.list) row[key] = 0;
      return row;
    },
    add(acc, row) {
      acc.rooms += 1;
      if (row.total_viewers !== null) acc.rooms_with_stats += 1;
      for (const key of SUMMED) {
        const value = row[key];
        if (value !== null) acc[key] = (acc[key] ?? 0) + value;
      }
    },
    finish: (acc) => acc,
  };
}
