// The sandbox's live rooms, for get_room_list and get_room_stats: 47 rooms with deterministic names, owners,
// categories and totals, listed by ViewCount. Between the first page and the next ones a room gains views and
// moves up, as on the real service; one listed room is destroyed before its totals can be read.
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

export const ROOM_COUNT = 47;
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

function makeRoom(index: number): SandboxRoom {
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
    ViewCount: 1_000 * (ROOM_COUNT - index) + ((h >>> 16) % 900),
  };
  // Room 12's owner left the app: the field is absent (null in the row).
  if (index !== 11) room.Owner_Account = `host_${String(1 + (index % 23)).padStart(2, '0')}`;
  return room;
}

const ROOMS: readonly SandboxRoom[] = Array.from({ length: ROOM_COUNT }, (_, i) => makeRoom(i));

/** The order the first page is served in: ViewCount descending. */
export const FIRST_ORDER: readonly SandboxRoom[] = ROOMS;

/** The order after the first page: the rising room, with more views than the 4th, listed 4th. */
export const LATER_ORDER: readonly SandboxRoom[] = (() => {
  const rising = ROOMS.find((r) => r.RoomId === RISING_ROOM) as SandboxRoom;
  const moved = { ...rising, ViewCount: (ROOMS[3] as SandboxRoom).ViewCount + 500 };
  const rest = ROOMS.filter((r) => r !== rising);
  return [...rest.slice(0, 3), moved, ...rest.slice(3)];
})();

const KNOWN = new Set(ROOMS.map((r) => r.RoomId));

export interface SandboxRoomStats {
  TotalViewers: number;
  TotalGiftsSent: number;
  TotalGiftCoins: number;
  TotalUniqueGiftSenders: number;
  TotalLikesReceived: number;
  TotalMsgCount: number;
}

/** A live room's totals; undefined for a room that does not exist (or no longer does). Room 47 is brand new: all zero. */
export function roomStats(id: string): SandboxRoomStats | undefined {
  if (!KNOWN.has(id) || id === DESTROYED_ROOM) return undefined;
  if (id === roomId(ROOM_COUNT - 1)) {
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
