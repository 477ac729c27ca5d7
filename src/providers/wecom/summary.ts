// `watch --summary`: one row per living id given, built from the detail rows as they stream past.
// Which livings to walk and how rows reach the sink are the command's and export-runner's business.
import type { SummarySpec } from '../../export/runner.js';
import type { Column } from '../../output/columns.js';
import type { WatchRow } from './rows.js';

export interface WatchSummaryRow {
  living_id: string;
  viewers: number;
  members: number;
  external_viewers: number;
  total_watch_time_s: number;
  avg_watch_time_s: number;
  commenters: number;
  mic_users: number;
}

interface Totals {
  living_id: string;
  members: number;
  external_viewers: number;
  total_watch_time_s: number;
  commenters: number;
  mic_users: number;
}

export const WATCH_SUMMARY_COLUMNS: readonly Column<WatchSummaryRow>[] = [
  { key: 'living_id', value: (r) => r.living_id },
  { key: 'viewers', value: (r) => r.viewers, total: 'sum' },
  { key: 'members', value: (r) => r.members, total: 'sum' },
  { key: 'external_viewers', value: (r) => r.external_viewers, total: 'sum' },
  { key: 'total_watch_time_s', value: (r) => r.total_watch_time_s, total: 'sum' },
  // An average of averages would mislead, so the totals line leaves it blank.
  { key: 'avg_watch_time_s', value: (r) => r.avg_watch_time_s },
  { key: 'commenters', value: (r) => r.commenters, total: 'sum' },
  { key: 'mic_users', value: (r) => r.mic_users, total: 'sum' },
];

/** Mean watch time to one decimal; 0 for a living nobody watched. */
export function averageSeconds(total: number, viewers: number): number {
  return viewers === 0 ? 0 : Math.round((total / viewers) * 10) / 10;
}

export function watchSummary(livingIds: readonly string[]): SummarySpec<WatchRow, Totals, WatchSummaryRow> {
  return {
    columns: WATCH_SUMMARY_COLUMNS,
    inputs: livingIds,
    keyOf: (row) => row.living_id,
    create: (livingId) => ({ living_id: livingId, members: 0, external_viewers: 0, total_watch_time_s: 0, commenters: 0, mic_users: 0 }),
    add(acc, row) {
      if (row.viewer_type === 'member') acc.members++;
      else acc.external_viewers++;
      acc.total_watch_time_s += row.watch_time_s;
      if (row.is_comment === true) acc.commenters++;
      if (row.is_mic === true) acc.mic_users++;
    },
    finish(acc) {
      const viewers = acc.members + acc.external_viewers;
      return {
        living_id: acc.living_id,
        viewers,
        members: acc.members,
        external_viewers: acc.external_viewers,
        total_watch_time_s: acc.total_watch_time_s,
        avg_watch_time_s: averageSeconds(acc.total_watch_time_s, viewers),
        commenters: acc.commenters,
        mic_users: acc.mic_users,
      };
    },
  };
}
