// WeCom livings of the sandbox's members: who has which livings and what get_living_info says of each. Start
// times sit on fixed hours of whole UTC days before the sandbox's "today", so a window such as --since -7d or
// a given date selects a known set whatever the time of day. Viewers come from wecom-data.ts (by living id).
import { DEFAULT_VIEWERS, sizeFromId } from './ids.js';
import { hashString, rowHash } from './prng.js';

/** The member with a fixed set of livings covering every status and type (the README lists them). */
export const ANCHOR = 'sandbox-anchor';
/** A member that shares one living with ANCHOR, so a living listed twice must be read once. */
export const COHOST = 'sandbox-cohost';
/** A member the app knows who has no livings of this app. */
export const NOBODY = 'sandbox-nobody';
/** `sandbox-anchor-<N>`: a member with N generated livings, ended or expired. */
const GENERATED = /^sandbox-anchor-([1-9]\d{0,3}|10000)$/;
const GENERATED_LIVING = /^sandbox-anchor-([1-9]\d{0,4})-(0|[1-9]\d{0,4})$/;

const DAY_S = 86_400;
const HOUR_S = 3_600;

interface Fixed {
  id: string;
  status: number;
  type: number;
  /** Whole UTC days before today and the hour of day (UTC) it started, or [undefined] for one that never did. */
  start: 'live' | readonly [number, number] | undefined;
  /** For one that never started: when it was booked, the same way. */
  reserve?: readonly [number, number];
  theme: string;
  openReplay?: number;
  replayStatus?: number;
  /** Send the key as `"status "` with a trailing space, as the doc sample does. */
  spacedStatus?: boolean;
  /** Send only these keys (a sparse answer: every other field absent). */
  only?: readonly string[];
}

// The ids are `sandbox-<N>` ids, so get_watch_stat serves N viewers for each (see ids.ts).
const ANCHOR_LIVINGS: readonly Fixed[] = [
  { id: 'sandbox-20', status: 1, type: 0, start: 'live', theme: '新品发布会（直播中）', openReplay: 1, replayStatus: 1 },
  { id: 'sandbox-12', status: 2, type: 0, start: [1, 12], theme: '周例会', openReplay: 1, replayStatus: 0 },
  { id: 'sandbox-30', status: 2, type: 1, start: [2, 9], theme: '答疑, "直播" 小班课', openReplay: 0 },
  { id: 'sandbox-5', status: 3, type: 2, start: [3, 1], theme: '大班课：直角三角形', openReplay: 1, replayStatus: 1, spacedStatus: true },
  { id: 'sandbox-1500', status: 2, type: 3, start: [3, 20], theme: '企业培训 · 安全生产', openReplay: 1, replayStatus: 2 },
  { id: 'sandbox-4', status: 4, type: 4, start: undefined, reserve: [2, 15], theme: '已取消的活动直播' },
  { id: 'sandbox-3', status: 0, type: 4, start: undefined, reserve: [-1, 12], theme: '明日活动直播（预约中）' },
  { id: 'sandbox-7', status: 2, type: 4, start: [5, 10], theme: 'Town hall', openReplay: 1, replayStatus: 3 },
  { id: 'sandbox-2', status: 2, type: 0, start: [8, 10], theme: '', only: ['living_start', 'status'] },
  { id: 'sandbox-9', status: 2, type: 1, start: [40, 10], theme: '上月的小班课', openReplay: 0 },
];

const COHOST_LIVINGS: readonly Fixed[] = [{ id: 'sandbox-8', status: 2, type: 0, start: [4, 10], theme: '联合直播', openReplay: 0 }];

const BY_ID = new Map<string, { spec: Fixed; anchor: string }>([
  ...ANCHOR_LIVINGS.map((spec) => [spec.id, { spec, anchor: ANCHOR }] as const),
  ...COHOST_LIVINGS.map((spec) => [spec.id, { spec, anchor: COHOST }] as const),
]);

/** The ids of a member's livings in the order the sandbox lists them, or undefined for a member it does not know. */
export function memberLivingIds(userid: string): string[] | undefined {
  if (userid === ANCHOR) return ANCHOR_LIVINGS.map((l) => l.id);
  if (userid === COHOST) return ['sandbox-12', ...COHOST_LIVINGS.map((l) => l.id)];
  if (userid === NOBODY) return [];
  const match = GENERATED.exec(userid);
  if (!match) return undefined;
  return Array.from({ length: Number(match[1]) }, (_, i) => `${userid}-${i}`);
}

/** Unix seconds of the sandbox's current UTC day's midnight. */
function todayS(nowMs: number): number {
  return Math.floor(nowMs / 1000 / DAY_S) * DAY_S;
}

function counts(id: string, viewers: number): Record<string, number> {
  const seed = hashString(id, 0x11fe);
  return {
    viewer_num: viewers,
    comment_num: rowHash(seed, 0) % (viewers * 2 + 1),
    mic_num: rowHash(seed, 1) % 4,
    main_department: 1 + (rowHash(seed, 2) % 3),
  };
}

function fixedInfo(spec: Fixed, anchor: string, nowMs: number): Record<string, unknown> {
  const today = todayS(nowMs);
  const at = ([days, hour]: readonly [number, number]): number => today - days * DAY_S + hour * HOUR_S;
  const nowS = Math.floor(nowMs / 1000);
  const start = spec.start === 'live' ? nowS - 30 * 60 : spec.start === undefined ? 0 : at(spec.start);
  const duration = spec.start === 'live' ? nowS - start : spec.start === undefined ? 0 : 600 + (hashString(spec.id) % 5400);
  const reserve = spec.reserve ? at(spec.reserve) : start - 600;
  const info: Record<string, unknown> = {
    theme: spec.theme,
    living_start: start,
    living_duration: duration,
    [spec.spacedStatus ? 'status ' : 'status']: spec.status,
    reserve_start: reserve,
    reserve_living_duration: 3600,
    description: spec.theme === '' ? '' : `${spec.theme}（sandbox）`,
    anchor_userid: anchor,
    ...counts(spec.id, sizeFromId(spec.id) ?? DEFAULT_VIEWERS),
    open_replay: spec.openReplay ?? 0,
    type: spec.type,
    online_count: spec.status === 1 ? 7 : 0,
    subscribe_count: spec.status === 0 ? 25 : 3,
  };
  // WeCom: replay_status only when open_replay is 1; push_stream_url only for an event before it starts (doc 93635).
  if (spec.openReplay === 1) info.replay_status = spec.replayStatus ?? 0;
  if (spec.type === 4 && spec.status === 0) info.push_stream_url = `rtmp://127.0.0.1/sandbox/${spec.id}`;
  if (spec.only) for (const key of Object.keys(info)) if (!spec.only.includes(key)) delete info[key];
  return info;
}

/**
 * Living i of `sandbox-anchor-<N>`: four a day at 02, 08, 14 and 20 h UTC, from yesterday back, skipping the
 * seventh day back so that --since -7d splits them the same way at any time of day. Every tenth one expired.
 */
function generatedInfo(member: string, i: number, nowMs: number): Record<string, unknown> {
  const id = `${member}-${i}`;
  let days = Math.floor(i / 4) + 1;
  if (days >= 7) days++;
  const start = todayS(nowMs) - days * DAY_S + [2, 8, 14, 20][i % 4]! * HOUR_S;
  const openReplay = i % 3 === 0 ? 0 : 1;
  return {
    theme: `第 ${i + 1} 场直播`,
    living_start: start,
    living_duration: 600 + (hashString(id) % 3600),
    status: i % 10 === 9 ? 3 : 2,
    reserve_start: start - 600,
    reserve_living_duration: 3600,
    description: `sandbox living ${i + 1} of ${member}`,
    anchor_userid: member,
    ...counts(id, DEFAULT_VIEWERS),
    open_replay: openReplay,
    ...(openReplay === 1 ? { replay_status: i % 4 } : {}),
    type: i % 5,
    online_count: 0,
    subscribe_count: i % 7,
  };
}

/** get_living_info's living_info for an id, or undefined for an id the sandbox does not know. */
export function livingInfoFor(id: string, nowMs: number): Record<string, unknown> | undefined {
  const fixed = BY_ID.get(id);
  if (fixed) return fixedInfo(fixed.spec, fixed.anchor, nowMs);
  const match = GENERATED_LIVING.exec(id);
  if (!match) return undefined;
  const member = `sandbox-anchor-${match[1]}`;
  const index = Number(match[2]);
  if (!GENERATED.test(member) || index >= Number(match[1])) return undefined;
  return generatedInfo(member, index, nowMs);
}
