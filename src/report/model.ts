// What the page is made from: each source's summary and the export command that gives its full data.
// Built by the report run (run.ts), read by the page (page.ts, sections.ts).
import type { Labels } from './labels.js';
import type { FunnelSummary } from './funnel.js';
import type { GiftSummary } from './gift-stats.js';
import type { RedPackSummary } from './red-pack-stats.js';
import type { WatchSummary } from './watch-stats.js';

export interface SourcePart<S> {
  summary: S;
  /** The export command line that gives every row of this source. */
  command: string;
}

export interface ReportModel {
  title: string | undefined;
  labels: Labels;
  zone: string;
  /** Epoch ms. */
  generatedAt: number;
  sandbox: boolean;
  wecom?: SourcePart<WatchSummary> | undefined;
  tencent?: SourcePart<GiftSummary> | undefined;
  polyv?: SourcePart<RedPackSummary> | undefined;
  livecount?: SourcePart<FunnelSummary> | undefined;
}

/** Epoch ms → the zone's local "2026-01-05 10:00 +08:00" (the time formatter of the exports, shortened). */
export type TimeText = (epochMs: number) => string;
