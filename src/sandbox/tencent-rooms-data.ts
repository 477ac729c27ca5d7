// The sandbox's live rooms, for get_room_list and get_room_stats: 47 rooms by default (the tencentRoomCount knob
// asks for more), with deterministic names, owners, categories and totals, listed by ViewCount. Between the first
// page and the next ones a room gains views and moves up, as on the real service; one listed room is destroyed
// before its totals can be read.
import { HOSTILE_NAMES } from './names.js';
import { hashString, rowHash } from './prng.js';

export interface SandboxRoom {
  RoomId: string;
  RoomName: string;
  Owner_Account?: string;
  CoverURL: string;
  Category: number[];
  CreateTime: number;
  ActivityStatus: number;
  ViewCount: number;
}

/** The rooms of a sandbox that was not asked for another number; the named rooms below need at least 45. */
export const ROOM_COUNT = 47;
export const MIN_ROOM_COUNT = 45;
/** Listed 31st on the first page's order; moves to 4th once the first page has been served, so a lister skips it. */
export const RISING_ROOM = 'room-31';
/** The last room of the first page, pushed down by the rising room: listed again at the top of page 2. */
export const REPEATED_ROOM = 'room-20';
/** Listed on the last page, then destroyed: get_room_stats answers 100004 for it. */
export const DESTROYED_ROOM = 'room-45';

const TOPICS = ['周末音乐会', '新品发布会', '英语角', '健身直播', '读书会', '产品答疑', '美食探店', '编程夜谈', 'Morning Yoga', '城市漫游'];
/** 2026-11-01T00:00:00Z: rooms were created over the days before the sandbox's data was fixed. */
const CREATED_BEFORE = 1_793_491_200;

function roomId(index: number): string {
  return `room-${String(index + 1).padStart(2, '0')}`;
}

function name(index: number, h: number): string {
  // Room 7 has an empty name (null in the row); every ninth room has a hostile one.
  if (index === 6) return '';
  if (index % 9 === 4) return HOSTILE_NAMES[(index / 9) | 0] as string;
  return `${TOPICS[h % TOPICS.length]} #${1 + (index % 7)}`;
}

function makeRoom(index: number, count: number): SandboxRoom {
  const h = rowHash(hashString('sandbox rooms'), index);
  const categories = Array.from({ length: h % 4 }, (_, i) => 1 + ((h >>> (4 + 3 * i)) % 12));
  const room: SandboxRoom = {
    RoomId: roomId(index),
    RoomName: name(index, h),
    CoverURL: `https://sandbox.invalid/covers/${roomId(index)}.png`,
    Category: categories,
    CreateTime: CREATED_BEFORE - 3_600 * (1 + index * 5) - (h % 3_600),
    ActivityStatus: (h >>> 12) % 3,
    // Strictly descending in list order.
    ViewCount: 1_000 * (count - index) + ((h >>> 16) % 900),
  };
  // Room 12's owner left the app: the field is absent (null in the row).
  if (index !== 11) room.Owner_Account = `host_${String(1 + (index % 23)).padStart(2, '0')}`;
  return room;
}

export interface RoomSet {
  /** The order the first page is served in: ViewCount descending. */
  firstOrder: readonly SandboxRoom[];
  /** The order after the first page: the rising room, with more views than the 4th, listed 4th. */
  laterOrder: readonly SandboxRoom[];
  /** Every room that exists (the destroyed one included, until stats are asked for). */
  ids: ReadonlySet<string>;
  /** The room whose totals are all zero: the newest, listed last. */
  newest: string;
}

const SETS = new Map<number, RoomSet>();

/** The `count` rooms of a sandbox, built once per count. */
export function roomSet(count: number = ROOM_COUNT): RoomSet {
  let set = SETS.get(count);
  if (set !== undefined) return set;
  const rooms = Array.from({ length: count }, (_, i) => makeRoom(i, count));
  const rising = rooms.find((r) => r.RoomId === RISING_ROOM) as SandboxRoom;
  const moved = { ...rising, ViewCount: (rooms[3] as SandboxRoom).ViewCount + 500 };
  const rest = rooms.filter((r) => r !== rising);
  set = {
    firstOrder: rooms,
    laterOrder: [...rest.slice(0, 3), moved, ...rest.slice(3)],
    ids: new Set(rooms.map((r) => r.RoomId)),
    newest: roomId(count - 1),
  };
  SETS.set(count, set);
  return set;
}

export interface SandboxRoomStats {
  TotalViewers: number;
  TotalGiftsSent: number;
  TotalGiftCoins: number;
  TotalUniqueGiftSenders: number;
  TotalLikesReceived: number;
  TotalMsgCount: number;
}

/** A live room's totals; undefined for a room that does not exist (or no longer does). The newest room: all zero. */
export function roomStats(set: RoomSet, id: string): SandboxRoomStats | undefined {
  if (!set.ids.has(id) || id === DESTROYED_ROOM) return undefined;
  if (id === set.newest) {
    return { TotalViewers: 0, TotalGiftsSent: 0, TotalGiftCoins: 0, TotalUniqueGiftSenders: 0, TotalLikesReceived: 0, TotalMsgCount: 0 };
  }
  const h = rowHash(hashString(id, 0x5a7), 0);
  const viewers = 50 + (h % 5_000);
  const senders = (h >>> 5) % Math.min(viewers, 60);
  const gifts = senders * (1 + ((h >>> 11) % 9));
  return {
    TotalViewers: viewers,
    TotalGiftsSent: gifts,
    TotalGiftCoins: gifts * (1 + ((h >>> 15) % 50)),
    TotalUniqueGiftSenders: senders,
    TotalLikesReceived: (h >>> 3) % 20_000,
    TotalMsgCount: (h >>> 9) % 3_000,
  };
}
