// `rooms`: every listed room (get_room_list, all pages, each room once) with its totals (get_room_stats, several
// in flight), or only the rooms named with --room; rows in list (or given) order. A listed room gone before its
// totals are read keeps null totals and one warning; a named room that does not exist ends the run (exit 5).
import { ProviderError } from '../../errors.js';
import type { HttpRequest, Pacer } from '../../http/client.js';
import type { TimeFormatter } from '../../output/time.js';
import { mapInOrder } from '../../http/in-order.js';
import type { TencentApi } from './api.js';
import { firstRoomListRequest, listRooms } from './room-list.js';
import { roomRow, type RoomRow } from './room-rows.js';
import { roomStatsRequest, RoomStatsReader } from './room-stats.js';
import { PROVIDER, type ListedRoom } from './schemas.js';

/**
 * Stats calls in flight when --concurrency is not given; the limiter, not this, keeps under 100/s. As with gifts,
 * a second's worth of calls may leave at once, since the limit is a sliding window.
 */
export const DEFAULT_ROOM_STATS_CONCURRENCY = 100;

export interface RoomsQuery {
  /** --room: read only these rooms' totals (list fields null). */
  rooms?: readonly string[] | undefined;
  /** false for --no-stats: list only (stats fields null). */
  stats: boolean;
  /** No room past this many is listed or read. */
  limit?: number | undefined;
  concurrency: number;
  listPacer: Pacer;
  statsPacer: Pacer;
  time: TimeFormatter;
  /** One line on stderr, always shown. */
  warn(line: string): void;
  /** One line on stderr with --verbose. */
  log(line: string): void;
}

export function roomRows(api: TencentApi, query: RoomsQuery): AsyncGenerator<RoomRow, void, undefined> {
  const reader = new RoomStatsReader(api, query.statsPacer, query.log);
  if (query.rooms !== undefined) {
    const named = query.limit === undefined ? query.rooms : query.rooms.slice(0, query.limit);
    return mapInOrder(named, query.concurrency, async (roomId) => {
      const result = await reader.read(roomId);
      if (!result.found) {
        throw new ProviderError(`${PROVIDER} ${result.detail.endpoint}: room ${JSON.stringify(roomId)} does not exist`, result.detail, {
          hint: 'Check --room: rooms belong to one SDKAppID and region, and Tencent destroys a room some time after it empties.',
        });
      }
      return roomRow(undefined, roomId, result.stats, query.time);
    });
  }
  const listed = listRooms(api, {
    pacer: query.listPacer,
    limit: query.limit,
    onDuplicate: (roomId) => query.log(`${PROVIDER} get_room_list: room ${JSON.stringify(roomId)} listed again on a later page; kept once`),
  });
  if (!query.stats) return listOnly(listed, query.time);
  return mapInOrder(listed, query.concurrency, async (room) => {
    const result = await reader.read(room.RoomId);
    if (!result.found) {
      query.warn(`room ${JSON.stringify(room.RoomId)} was listed but no longer exists (${result.detail.endpoint} ${result.detail.code}); its totals are left empty`);
      return roomRow(room, room.RoomId, undefined, query.time);
    }
    return roomRow(room, room.RoomId, result.stats, query.time);
  });
}

async function* listOnly(listed: AsyncIterable<ListedRoom>, time: TimeFormatter): AsyncGenerator<RoomRow, void, undefined> {
  for await (const room of listed) yield roomRow(room, room.RoomId, undefined, time);
}

/** What --dry-run shows: the first list request, or with --room each named room's stats request. */
export function roomRequests(api: TencentApi, rooms: readonly string[] | undefined): HttpRequest[] {
  return rooms === undefined ? [firstRoomListRequest(api)] : rooms.map((room) => roomStatsRequest(api, room));
}
