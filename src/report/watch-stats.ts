// WeCom viewers folded into the report's figures as the pages stream past: counts, watch-time sums, a per-minute
// watch-time tally (bounded by the longest watch, not the viewer count) and the top viewers. No row is kept.
import { averageSeconds } from '../providers/wecom/summary.js';
import { TopN } from './top-n.js';

/** The fields of a watch row the report reads (src/providers/wecom/rows.ts' WatchRow has them all). */
export interface Viewer {
  viewer_type: 'member' | 'external';
  userid: string | null;
  external_userid: string | null;
  name: string | null;
  watch_time_s: number;
  is_comment: boolean | null;
  is_mic: boolean | null;
}

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
  private viewers = 0;
  private members = 0;
  private totalSeconds = 0;
  private commenters = 0;
  private micUsers = 0;
  /** Minute of watch time → [members, external viewers]. */
  private readonly perMinute = new Map<number, [number, number]>();
  private readonly top = new TopN<TopViewer>(TOP_VIEWERS, (v) => v.watchSeconds);

  constructor(private readonly livings: readonly string[]) {}

  add(v: Viewer): void {
    this.viewers++;
    const member = v.viewer_type === 'member';
    if (member) this.members++;
    const seconds = v.watch_time_s;
    this.totalSeconds += seconds;
    if (v.is_comment === true) this.commenters++;
    if (v.is_mic === true) this.micUsers++;
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
      viewers: this.viewers,
      members: this.members,
      externalViewers: this.viewers - this.members,
      totalWatchSeconds: this.totalSeconds,
      averageWatchSeconds: averageSeconds(this.totalSeconds, this.viewers),
      commenters: this.commenters,
      micUsers: this.micUsers,
      bins: this.viewers === 0 ? [] : bins,
      binMinutes: width,
      top: this.top.values(),
    };
  }
}
