// Tencent live rooms: v4/live_engine_http_srv/get_room_list (10 calls/s, at most 20 rooms a page, an opaque Next)
// and get_room_stats (100 calls/s, 100004 for a room that does not exist), as docs/providers.md §7.4–7.5 document them.
// The shared checks (common query, UserSig, rate limit) are tencent.ts's; the rooms are tencent-rooms-data.ts's.
import { hashHex } from './prng.js';
import { fail, liveApi, succeed, type Throttle } from './tencent.js';
import { roomSet, roomStats } from './tencent-rooms-data.js';

export const ROOM_LIST_PATH = '/v4/live_engine_http_srv/get_room_list';
export const ROOM_STATS_PATH = '/v4/live_engine_http_srv/get_room_stats';
export const ROOM_LIST_RATE = 10;
export const ROOM_STATS_RATE = 100;

/** get_room_list's limit answer: the common REST code, as for get_gift_count. */
const LIST_THROTTLE: Throttle = { code: 60018, info: 'requests too frequent' };
/** get_room_stats documents its own "called too frequently" code (docs/providers.md §7.5). */
const STATS_THROTTLE: Throttle = { code: 100012, info: 'called too frequently' };

const MAX_COUNT = 20;
const NEXT_SALT = 0x4e58;

/** An opaque cursor in the shape of Tencent's sample ("1693271355-123123123123"), checked on the way back in. */
function nextToken(offset: number): string {
  return `${1_793_491_200 + offset}-${hashHex(NEXT_SALT, offset, 12)}`;
}

/** The offset a Next names; 0 for the first page ("" as documented, "0" as Tencent's admin tool sends). */
function offsetOf(next: unknown, total: number): number | undefined {
  if (next === undefined || next === '' || next === '0') return 0;
  if (typeof next !== 'string') return undefined;
  const match = /^(\d{10})-([0-9a-f]{12})$/.exec(next);
  if (!match) return undefined;
  const offset = Number(match[1]) - 1_793_491_200;
  return offset > 0 && offset < total && nextToken(offset) === next ? offset : undefined;
}

export const handleRoomList = liveApi(LIST_THROTTLE, (body, ctx, fault) => {
  const count = body.Count ?? MAX_COUNT;
  // Tencent documents Count ≤ 20; what it does above that is unknown, so the sandbox refuses it.
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    return fail(ctx, 100002, 'invalid parameter: Count must be 1 to 20');
  }
  const rooms = roomSet(ctx.options.tencentRoomCount);
  const offset = offsetOf(body.Next, rooms.firstOrder.length);
  if (offset === undefined) return fail(ctx, 100002, 'invalid parameter: Next');
  // The list is re-sorted by ViewCount between the first page and the later ones (tencent-rooms-data.ts).
  const order = offset === 0 ? rooms.firstOrder : rooms.laterOrder;
  const end = Math.min(offset + count, order.length);
  const page: Array<Record<string, unknown>> = order.slice(offset, end).map((room) => ({ ...room }));
  if (fault === 'missingField' && page[0]) delete page[0].RoomId;
  return succeed(ctx, { Next: end < order.length ? nextToken(end) : '', RoomList: page }, fault);
});

export const handleRoomStats = liveApi(STATS_THROTTLE, (body, ctx, fault) => {
  const roomId = body.RoomId;
  if (typeof roomId !== 'string' || roomId === '' || Buffer.byteLength(roomId) > 48) {
    return fail(ctx, 100002, 'invalid parameter: RoomId is required, at most 48 bytes');
  }
  const totals = roomStats(roomSet(ctx.options.tencentRoomCount), roomId);
  if (!totals) return fail(ctx, 100004, 'room does not exist');
  const stats: Record<string, unknown> = { ...totals };
  if (fault === 'missingField') delete stats.TotalViewers;
  return succeed(ctx, stats, fault);
});
