// get_room_list, every page: {Next, Count: 20} from Next "" until Next is empty or missing or a page holds no
// rooms, each page paced, each room handed out once (by RoomId, first sighting wins). Rows are room-rows.ts's job.
import { ProviderError } from '../../errors.js';
import type { HttpRequest, Pacer } from '../../http/client.js';
import { paginate, type CursorPage } from '../../http/paginate.js';
import { parseResponse } from '../../http/validate.js';
import type { TencentApi } from './api.js';
import {
  PROVIDER,
  ROOM_LIST_COMMAND,
  ROOM_LIST_ENDPOINT as ENDPOINT,
  ROOM_LIST_PAGE_SIZE,
  roomListSchema,
  type ListedRoom,
} from './schemas.js';

export interface RoomListQuery {
  pacer?: Pacer | undefined;
  /** Stop after this many distinct rooms: no page past the one that holds the last of them is asked for. */
  limit?: number | undefined;
  /** Told about a room seen again on a later page (the list is re-sorted by ViewCount while it is paged). */
  onDuplicate?: ((roomId: string) => void) | undefined;
}

/** Tencent: `Next` is "" for the first page; its admin tool sends "0", which the doc does not mention. */
function roomListBody(next: string): Record<string, unknown> {
  return { Next: next, Count: ROOM_LIST_PAGE_SIZE };
}

export function firstRoomListRequest(api: TencentApi): HttpRequest {
  return api.request(ROOM_LIST_COMMAND, roomListBody(''));
}

export async function fetchRoomListPage(api: TencentApi, next: string, pacer?: Pacer): Promise<CursorPage<ListedRoom[]>> {
  const subject = next === '' ? 'the first page' : `the page after Next ${JSON.stringify(next)}`;
  const { envelope, body, detail } = await api.call(ROOM_LIST_COMMAND, roomListBody(next), { pacer, subject });
  if (envelope.ErrorCode !== 0) throw new ProviderError(`${PROVIDER} ${ENDPOINT} failed for ${subject}`, detail);
  const { Response: page } = parseResponse(roomListSchema, body, { provider: PROVIDER, endpoint: ENDPOINT, requestId: envelope.RequestId });
  const rooms = page.RoomList ?? [];
  // Tencent: the last page has Next ""; a missing Next or an empty page is taken as the end as well (§7.4).
  const end = rooms.length === 0 || page.Next === undefined || page.Next === null || page.Next === '';
  return { page: rooms, next: end ? undefined : page.Next! };
}

/** Every listed room once, in list order (ViewCount descending, as Tencent sorts it). */
export async function* listRooms(api: TencentApi, query: RoomListQuery = {}): AsyncGenerator<ListedRoom, void, undefined> {
  const limit = query.limit;
  if (limit !== undefined && limit <= 0) return;
  const pages = paginate<ListedRoom[]>((cursor) => fetchRoomListPage(api, cursor ?? '', query.pacer), undefined, {
    onRepeatedCursor: (cursor) => {
      throw new ProviderError(`${PROVIDER} ${ENDPOINT} returned Next ${JSON.stringify(cursor)} a second time`, { provider: PROVIDER, endpoint: ENDPOINT }, {
        hint: 'The room list would never end; try again later.',
      });
    },
    // With a limit, the next page is asked for only once the rooms so far fall short of it.
    lookahead: limit === undefined,
  });
  const seen = new Set<string>();
  for await (const rooms of pages) {
    for (const room of rooms) {
      if (seen.has(room.RoomId)) {
        query.onDuplicate?.(room.RoomId);
        continue;
      }
      seen.add(room.RoomId);
      yield room;
      if (limit !== undefined && seen.size >= limit) return;
    }
  }
}
