// Polyv red-pack data, generated lazily: red pack i of a channel is a pure function of (channel id, i), and its
// creation time grows with i, so session and time filters are index arithmetic and a page of a million-pack
// channel costs no more than a page of a small one. Amounts are whole fen: amount = balance + sum of receipts.
import { DEFAULT_RED_PACKS, sizeFromId } from './ids.js';
import { nameText } from './names.js';
import { hashHex, hashString, mix32, rowHash } from './prng.js';
const DAY_MS = 86_400_000;
const STEP_MS = 45_000;
const EPOCH_MS = Date.UTC(2026, 0, 5, 2, 0, 0);

export interface Channel {
  id: string;
  size: number;
  seed: number;
  /** Red packs per session (场次): one session a day, packs 45 s apart within it. */
  perSession: number;
  firstMs: number;
  sessionPrefix: string;
}

/** The channel behind an id, or undefined for an id Polyv would call illegal. */
export function channelFor(id: string): Channel | undefined {
  const sized = sizeFromId(id);
  if (sized === undefined && !/^[1-9]\d{0,11}$/.test(id)) return undefined;
  const size = sized ?? DEFAULT_RED_PACKS;
  const seed = hashString(id, 0x901f);
  return {
    id,
    size,
    seed,
    perSession: Math.max(4, Math.ceil(Math.sqrt(size))),
    firstMs: EPOCH_MS + (seed % 60) * DAY_MS,
    sessionPrefix: seed.toString(36).padStart(5, 'q').slice(-5),
  };
}

export function sessionCount(ch: Channel): number {
  return Math.ceil(ch.size / ch.perSession);
}

export function sessionIdOf(ch: Channel, session: number): string {
  return ch.sessionPrefix + session.toString(36).padStart(5, '0');
}

/** The index range [from, to) of a session id, or undefined when the channel has no such session. */
export function sessionRange(ch: Channel, sessionId: string): [number, number] | undefined {
  if (sessionId.length !== 10 || !sessionId.startsWith(ch.sessionPrefix)) return undefined;
  const tail = sessionId.slice(5);
  if (!/^[0-9a-z]{5}$/.test(tail)) return undefined;
  const session = parseInt(tail, 36);
  if (session >= sessionCount(ch)) return undefined;
  return [session * ch.perSession, Math.min(ch.size, (session + 1) * ch.perSession)];
}

export function createdTimeOf(ch: Channel, index: number): number {
  const session = Math.floor(index / ch.perSession);
  return ch.firstMs + session * DAY_MS + (index - session * ch.perSession) * STEP_MS;
}

/** The first index created at or after `ms` (ch.size when none is). */
export function firstIndexAtOrAfter(ch: Channel, ms: number): number {
  if (ms <= ch.firstMs) return 0;
  const session = Math.floor((ms - ch.firstMs) / DAY_MS);
  const step = Math.ceil((ms - ch.firstMs - session * DAY_MS) / STEP_MS);
  const index = step >= ch.perSession ? (session + 1) * ch.perSession : session * ch.perSession + step;
  return Math.min(ch.size, index);
}

const ALLOT = ['随机分配红包', '平均分配红包'] as const;
const TYPES = ['红包雨', '口令红包', '普通红包'] as const;

function openId(seed: number, n: number): string {
  return `ovtl9t${hashHex(seed, n, 22)}`;
}

/** One item of data.contents; `extra` adds an undocumented field. */
export function redPackAt(ch: Channel, index: number, extra = false): Record<string, unknown> {
  const h = rowHash(ch.seed, index);
  const g = rowHash(ch.seed, index, 1);
  const redPackId = hashHex(ch.seed, index, 32);
  const createdTime = createdTimeOf(ch, index);
  const average = ((h >>> 3) & 1) === 1;
  const receivers = ((g >>> 3) & 31) === 0 ? 40 : g % 8;
  const share = 10 + (h % 490);
  const receipts = [];
  let received = 0;
  for (let j = 0; j < receivers; j++) {
    const r = rowHash(ch.seed ^ 0x51ab, index * 64 + j);
    const fen = average ? share : 1 + (r % 800);
    received += fen;
    receipts.push({
      redPackId,
      userId: openId(ch.seed ^ 0x7e, index * 64 + j),
      nickName: nameText(r >>> 10),
      avatar: `https://thirdwx.qlogo.cn/mmopen/vi_32/${hashHex(r, j, 24)}/132`,
      amount: fen / 100,
      createdTime: createdTime + (j + 1) * (1000 + (r % 4000)),
    });
  }
  // Finished packs are fully taken; the others still hold (or are refunding) a balance.
  const state = receivers === 0 ? 1 + ((h >>> 8) % 3) : (h >>> 8) % 10 < 6 ? 0 : 1 + ((h >>> 12) % 3);
  const status = ['已结束', '进行中', '退款中', '已退款'][state] as string;
  const balance = state === 0 ? 0 : average ? share * (1 + ((h >>> 16) % 3)) : 1 + ((h >>> 16) % 500);
  const sender = mix32(ch.seed ^ (h % 5));
  const item: Record<string, unknown> = {
    redPackId,
    userId: openId(ch.seed ^ 0x5e, h % 5),
    // Polyv documents channelId as a string, yet its own sample answers a number for a numeric channel.
    channelId: /^\d+$/.test(ch.id) ? Number(ch.id) : ch.id,
    nickName: nameText(sender),
    amount: (balance + received) / 100,
    balance: balance / 100,
    allotType: ALLOT[average ? 1 : 0],
    createdTime,
    channelSessionId: sessionIdOf(ch, Math.floor(index / ch.perSession)),
    status,
    redPackType: TYPES[(h >>> 4) % 3],
    redPackReceiveList: receipts,
  };
  if (extra) item.sandboxUnknown = { note: 'undocumented field' };
  return item;
}
