// --since/--until for Polyv: the shared window (src/cli/time-window.ts) turned into the 13-digit epoch
// milliseconds Polyv's startTime/endTime expect. Reading the values is the shared parser's job.
import { parseTimeWindow, type WindowClock } from '../../cli/time-window.js';

export interface TimeRange {
  startTime?: number | undefined;
  endTime?: number | undefined;
}

/**
 * Polyv's endTime is taken as inclusive, and --until is exclusive everywhere in livestats: endTime is the
 * millisecond before it. So a day given to --until ends at its last millisecond (`--since 2026-11-01 --until
 * 2026-11-01` is that whole day), and a red pack sent at exactly the --until instant is left out.
 */
export function parseTimeRange(since: string | undefined, until: string | undefined, clock: WindowClock): TimeRange {
  const window = parseTimeWindow(since, until, clock);
  const end = window.until;
  return { startTime: window.since?.ms, endTime: end === undefined ? undefined : end.ms - 1 };
}
