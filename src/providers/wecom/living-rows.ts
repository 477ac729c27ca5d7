// One `livings` row per living, in the contract's column order, from what get_living_info said: codes as
// words, Unix seconds as ISO 8601 in --tz, a missing field as null. Finding the livings is livings.ts's.
import type { Column } from '../../output/columns.js';
import type { TimeFormatter } from '../../output/time.js';
import { livingStatus, type FoundLiving } from './livings.js';

export interface LivingRow {
  living_id: string;
  anchor_userid: string | null;
  theme: string | null;
  status: string | null;
  type: string | null;
  living_start: string | null;
  living_duration_s: number | null;
  reserve_start: string | null;
  reserve_duration_s: number | null;
  viewer_num: number | null;
  comment_num: number | null;
  mic_num: number | null;
  online_count: number | null;
  subscribe_count: number | null;
  open_replay: boolean | null;
  replay_status: string | null;
  main_department: number | null;
  description: string | null;
}

// WeCom: status 0 预约中, 1 直播中, 2 已结束, 3 已过期, 4 已取消 (doc 93635).
export const STATUS_WORDS = ['reserved', 'live', 'ended', 'expired', 'cancelled'] as const;
// WeCom: type 0 通用直播, 1 小班课, 2 大班课, 3 企业培训, 4 活动直播 (doc 93635).
const TYPE_WORDS = ['general', 'small_class', 'large_class', 'training', 'event'] as const;
// WeCom: replay_status 0 ready, 1 generating, 2 deleted, 3 failed, only when open_replay == 1 (doc 93635).
const REPLAY_WORDS = ['ready', 'generating', 'deleted', 'failed'] as const;

/** The word for a code; a code WeCom has not documented is not guessed at. */
function word(words: readonly string[], code: number | null | undefined): string | null {
  return code === null || code === undefined ? null : (words[code] ?? null);
}

function text(value: string | null | undefined): string | null {
  return value ? value : null;
}

function number(value: number | null | undefined): number | null {
  return value ?? null;
}

/** Unix seconds → ISO 8601 in --tz; 0 (never happened) and absent are null. */
function instant(seconds: number | null | undefined, time: TimeFormatter): string | null {
  return seconds ? time(seconds * 1000) : null;
}

export function livingRow(living: FoundLiving, time: TimeFormatter): LivingRow {
  const info = living.info;
  const replayOn = info.open_replay === null || info.open_replay === undefined ? null : info.open_replay === 1;
  return {
    living_id: living.livingid,
    anchor_userid: text(info.anchor_userid),
    theme: text(info.theme),
    status: word(STATUS_WORDS, livingStatus(info)),
    type: word(TYPE_WORDS, info.type),
    living_start: instant(info.living_start, time),
    living_duration_s: number(info.living_duration),
    reserve_start: instant(info.reserve_start, time),
    reserve_duration_s: number(info.reserve_living_duration),
    viewer_num: number(info.viewer_num),
    comment_num: number(info.comment_num),
    mic_num: number(info.mic_num),
    online_count: number(info.online_count),
    subscribe_count: number(info.subscribe_count),
    open_replay: replayOn,
    replay_status: replayOn === true ? word(REPLAY_WORDS, info.replay_status) : null,
    main_department: number(info.main_department),
    description: text(info.description),
  };
}

export const LIVING_COLUMNS: readonly Column<LivingRow>[] = [
  { key: 'living_id', value: (r) => r.living_id },
  { key: 'anchor_userid', value: (r) => r.anchor_userid },
  { key: 'theme', value: (r) => r.theme },
  { key: 'status', value: (r) => r.status },
  { key: 'type', value: (r) => r.type },
  { key: 'living_start', value: (r) => r.living_start, kind: 'time' },
  { key: 'living_duration_s', value: (r) => r.living_duration_s, total: 'sum' },
  { key: 'reserve_start', value: (r) => r.reserve_start, kind: 'time' },
  { key: 'reserve_duration_s', value: (r) => r.reserve_duration_s },
  { key: 'viewer_num', value: (r) => r.viewer_num, total: 'sum' },
  { key: 'comment_num', value: (r) => r.comment_num, total: 'sum' },
  { key: 'mic_num', value: (r) => r.mic_num, total: 'sum' },
  { key: 'online_count', value: (r) => r.online_count },
  { key: 'subscribe_count', value: (r) => r.subscribe_count, total: 'sum' },
  { key: 'open_replay', value: (r) => r.open_replay },
  { key: 'replay_status', value: (r) => r.replay_status },
  { key: 'main_department', value: (r) => r.main_department },
  { key: 'description', value: (r) => r.description },
];
