// WeCom viewers folded into the report's figures as the pages stream past: counts, watch-time sums, a per-minute
// watch-time tally (bounded by the longest watch, not the viewer count) and the top viewers. No row is kept.
import type { WatchRow } from '../providers/wecom/rows.js';
import { watchSummary } from '../providers/wecom/summary.js';
import { TopN } from './top-n.js';

/** A viewer as `watch` exports it: the report's figures are `watch --summary`'s, from the same rows. */
export type Viewer = WatchRow;

export interface TopViewer {
  viewerType: 'member' | 'external';
  id: string | null;
  name: string | null;
  watchSeconds: number;
  commented: boolean | null;
  mic: boolean | null;
}

export interface WatchBin {
  /** Minutes, inclusive start and exclusive end. */
  from: number;
  to: number;
  members: number;
  external: number;
}

export interface WatchSummary {
  livings: readonly string[];
  viewers: number;
  members: number;
  externalViewers: number;
  totalWatchSeconds: number;
  /** To one decimal, as `watch --summary` gives it. */
  averageWatchSeconds: number;
  commenters: number;
  micUsers: number;
  /** Equal-width bins from 0 to past the longest watch. */
  bins: WatchBin[];
  binMinutes: number;
  top: TopViewer[];
}

export const TOP_VIEWERS = 20;
/** At most this many bars in the histogram: readable on a phone. */
export const MAX_BINS = 24;
const BIN_WIDTHS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720, 1440];

function topViewer(v: Viewer): TopViewer {
  return {
    viewerType: v.viewer_type,
    id: v.viewer_type === 'member' ? v.userid : v.external_userid,
    name: v.name,
    watchSeconds: v.watch_time_s,
    commented: v.is_comment,
    mic: v.is_mic,
  };
}

/** The smallest width from the list (then whole days) that covers minutes 0..lastMinute in at most MAX_BINS bins. */
export function binWidth(lastMinute: number): number {
  const span = lastMinute + 1;
  for (const width of BIN_WIDTHS) if (Math.ceil(span / width) <= MAX_BINS) return width;
  return Math.ceil(span / MAX_BINS / 1440) * 1440;
}

export class WatchAggregator {
  /** `watch --summary`'s sums, over every living at once. */
  private readonly totals = watchSummary([]);
  private readonly acc = this.totals.create('');
  /** Minute of watch time → [members, external viewers]. */
  private readonly perMinute = new Map<number, [number, number]>();
  private readonly top = new TopN<TopViewer>(TOP_VIEWERS, (v) => v.watchSeconds);

  constructor(private readonly livings: readonly string[]) {}

  add(v: Viewer): void {
    this.totals.add(this.acc, v);
    const member = v.viewer_type === 'member';
    const seconds = v.watch_time_s;
    const minute = Math.floor(seconds / 60);
    let tally = this.perMinute.get(minute);
    if (tally === undefined) {
      tally = [0, 0];
      this.perMinute.set(minute, tally);
    }
    tally[member ? 0 : 1]++;
    this.top.offer(v, seconds, topViewer);
  }

  addPage(page: readonly Viewer[]): void {
    for (const v of page) this.add(v);
  }

  summary(): WatchSummary {
    const totals = this.totals.finish(this.acc);
    let lastMinute = 0;
    for (const minute of this.perMinute.keys()) if (minute > lastMinute) lastMinute = minute;
    const width = binWidth(lastMinute);
    const bins: WatchBin[] = [];
    for (let from = 0; from <= lastMinute; from += width) bins.push({ from, to: from + width, members: 0, external: 0 });
    for (const [minute, [members, external]] of this.perMinute) {
      const bin = bins[Math.floor(minute / width)] as WatchBin;
      bin.members += members;
      bin.external += external;
    }
    return {
      livings: this.livings,
      viewers: totals.viewers,
      members: totals.members,
      externalViewers: totals.external_viewers,
      totalWatchSeconds: totals.total_watch_time_s,
      averageWatchSeconds: totals.avg_watch_time_s,
      commenters: totals.commenters,
      micUsers: totals.mic_users,
      bins: totals.viewers === 0 ? [] : bins,
      binMinutes: width,
      top: this.top.values(),
    };
  }
}
