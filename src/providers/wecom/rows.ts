// One watch row per viewer, in the contract's column order, from a validated get_watch_stat page.
// A plain object literal per viewer: 1M rows must stream at 300k rows/s, so nothing here allocates more.
import type { Column } from '../../output/columns.js';
import type { External, Member, WatchStatPage } from './schemas.js';

export interface WatchRow {
  living_id: string;
  viewer_type: 'member' | 'external';
  userid: string | null;
  external_userid: string | null;
  name: string | null;
  external_type: 'wechat' | 'wecom' | null;
  watch_time_s: number;
  is_comment: boolean | null;
  is_mic: boolean | null;
  invitor_userid: string | null;
  invitor_external_userid: string | null;
}

/** The contract: an optional id or name that is absent or "" is null. */
function text(value: string | null | undefined): string | null {
  return value ? value : null;
}

/** 0/1 flags become booleans; an absent flag is unknown (null), not "no". */
function flag(value: number | undefined): boolean | null {
  return value === undefined ? null : value !== 0;
}

/** What the rows are made of: the fields of a viewer that memberRow and externalRow read, and no others. */
type ViewerCommon = 'name' | 'watch_time' | 'is_comment' | 'is_mic' | 'invitor_userid' | 'invitor_external_userid';
export type MemberFields = Pick<Member, 'userid' | ViewerCommon>;
export type ExternalFields = Pick<External, 'external_userid' | 'type' | ViewerCommon>;

export function memberRow(livingId: string, u: MemberFields): WatchRow {
  return {
    living_id: livingId,
    viewer_type: 'member',
    userid: text(u.userid),
    external_userid: null,
    name: text(u.name),
    external_type: null,
    watch_time_s: u.watch_time,
    is_comment: flag(u.is_comment),
    is_mic: flag(u.is_mic),
    invitor_userid: text(u.invitor_userid),
    invitor_external_userid: text(u.invitor_external_userid),
  };
}

export function externalRow(livingId: string, u: ExternalFields): WatchRow {
  return {
    living_id: livingId,
    viewer_type: 'external',
    userid: null,
    external_userid: text(u.external_userid),
    name: text(u.name),
    // WeCom: type 1 is a WeChat user, 2 a WeCom user (doc 93636); anything else is not guessed at.
    external_type: u.type === 1 ? 'wechat' : u.type === 2 ? 'wecom' : null,
    watch_time_s: u.watch_time,
    is_comment: flag(u.is_comment),
    is_mic: flag(u.is_mic),
    invitor_userid: text(u.invitor_userid),
    invitor_external_userid: text(u.invitor_external_userid),
  };
}

/** A page's viewers as rows: members first, then external users, each in the order WeCom sent them. */
export function pageRows(livingId: string, page: WatchStatPage): WatchRow[] {
  const users = page.stat_info?.users ?? [];
  const externals = page.stat_info?.external_users ?? [];
  const rows = new Array<WatchRow>(users.length + externals.length);
  let i = 0;
  for (const u of users) rows[i++] = memberRow(livingId, u);
  for (const u of externals) rows[i++] = externalRow(livingId, u);
  return rows;
}

export const WATCH_COLUMNS: readonly Column<WatchRow>[] = [
  { key: 'living_id', value: (r) => r.living_id },
  { key: 'viewer_type', value: (r) => r.viewer_type },
  { key: 'userid', value: (r) => r.userid },
  { key: 'external_userid', value: (r) => r.external_userid },
  { key: 'name', value: (r) => r.name },
  { key: 'external_type', value: (r) => r.external_type },
  { key: 'watch_time_s', value: (r) => r.watch_time_s, total: 'sum' },
  { key: 'is_comment', value: (r) => r.is_comment },
  { key: 'is_mic', value: (r) => r.is_mic },
  { key: 'invitor_userid', value: (r) => r.invitor_userid },
  { key: 'invitor_external_userid', value: (r) => r.invitor_external_userid },
];
