// --since/--until as the contract reads them: a day (ISO date, today, yesterday) in --tz, or an instant (a
// date-time with or without an offset, epoch s/ms, now, -30m/-12h/-7d), turned into a half-open window of
// epoch milliseconds. What a provider's own parameters expect (Polyv's inclusive endTime) is the provider's.
import { UsageError } from '../errors.js';
import { zoneOffsetMinutes } from '../output/time.js';

/** One end of the window. A day's `ms` is its first millisecond for --since and the next day's first for --until. */
export interface WindowBound {
  ms: number;
  /** True when the value named a whole day (the end of the day for --until), false for an instant. */
  day: boolean;
}

/** [since, until): --since inclusive, --until exclusive; an absent bound leaves that side open. */
export interface TimeWindow {
  since: WindowBound | undefined;
  until: WindowBound | undefined;
}

/** What reading a value needs from the run: the zone of --tz and "now" (ctx.now, so tests pin it). */
export interface WindowClock {
  zone: string;
  now: number;
}

export type WindowSide = 'since' | 'until';

export const ACCEPTED_FORMS =
  'Use a day (2026-11-01, today, yesterday), a date-time in --tz (2026-11-01T20:00, 2026-11-01 20:00:00.5), one with ' +
  'an offset (2026-11-01T20:00+08:00, 2026-11-01T12:00Z), epoch milliseconds (13 digits) or seconds (10 digits), ' +
  'now, or an amount back from now (-30m, -12h, -7d).';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const RELATIVE = /^-(\d{1,9})([smhdw])$/i;
const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

/** Local wall-clock fields → epoch ms in `zone`; a second look fixes the guess across a DST change. */
function zonedToEpoch(zone: string, wallAsUtc: number): number {
  const guess = wallAsUtc - zoneOffsetMinutes(zone, wallAsUtc) * 60_000;
  return wallAsUtc - zoneOffsetMinutes(zone, guess) * 60_000;
}

/** Date.UTC of the fields, or undefined when one is out of range (2026-02-30, 24:00, minute 60). */
function wallClock(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | undefined {
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.getTime();
}

function offsetMinutes(text: string): number | undefined {
  if (text.toUpperCase() === 'Z') return 0;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) return undefined;
  return (text.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** Midnight (as Date.UTC of the wall clock) of the day `daysBack` before today in `zone`. */
function localMidnight(clock: WindowClock, daysBack: number): number {
  const wall = clock.now + zoneOffsetMinutes(clock.zone, clock.now) * 60_000;
  return Math.floor(wall / DAY_MS) * DAY_MS - daysBack * DAY_MS;
}

/** A day, given as its wall-clock midnight: its first millisecond for --since, the next day's for --until. */
function dayBound(midnight: number, side: WindowSide, zone: string): WindowBound {
  // Next local midnight, not midnight + 24 h: right on days of 23 or 25 hours too.
  return { ms: zonedToEpoch(zone, side === 'since' ? midnight : midnight + DAY_MS), day: true };
}

function parse(raw: string, side: WindowSide, clock: WindowClock): WindowBound | undefined {
  const text = raw.trim();
  const word = text.toLowerCase();
  if (word === 'now') return { ms: clock.now, day: false };
  if (word === 'today') return dayBound(localMidnight(clock, 0), side, clock.zone);
  if (word === 'yesterday') return dayBound(localMidnight(clock, 1), side, clock.zone);
  const relative = RELATIVE.exec(text);
  if (relative) return { ms: clock.now - Number(relative[1]) * (UNIT_MS[(relative[2] as string).toLowerCase()] as number), day: false };
  if (/^\d{13}$/.test(text)) return { ms: Number(text), day: false };
  // 10 digits can only be seconds: as milliseconds they would fall in the first four months of 1970.
  if (/^\d{10}$/.test(text)) return { ms: Number(text) * 1000, day: false };
  const date = DATE.exec(text);
  if (date) {
    const midnight = wallClock(Number(date[1]), Number(date[2]), Number(date[3]));
    return midnight === undefined ? undefined : dayBound(midnight, side, clock.zone);
  }
  const dt = DATE_TIME.exec(text);
  if (!dt) return undefined;
  const fraction = Number((dt[7] ?? '0').padEnd(3, '0'));
  const wall = wallClock(Number(dt[1]), Number(dt[2]), Number(dt[3]), Number(dt[4]), Number(dt[5]), Number(dt[6] ?? 0), fraction);
  if (wall === undefined) return undefined;
  if (dt[8] === undefined) return { ms: zonedToEpoch(clock.zone, wall), day: false };
  const offset = offsetMinutes(dt[8]);
  return offset === undefined ? undefined : { ms: wall - offset * 60_000, day: false };
}

/** One option's value; a usage error (exit 2) that names the option and the accepted forms. */
export function parseWindowBound(raw: string, side: WindowSide, clock: WindowClock): WindowBound {
  const bound = parse(raw, side, clock);
  if (bound === undefined) {
    throw new UsageError(`--${side}: cannot read ${JSON.stringify(raw)} as a time`, { hint: ACCEPTED_FORMS });
  }
  return bound;
}

/** Both options; a window whose end is not after its start is a usage error. */
export function parseTimeWindow(since: string | undefined, until: string | undefined, clock: WindowClock): TimeWindow {
  const window: TimeWindow = {
    since: since === undefined ? undefined : parseWindowBound(since, 'since', clock),
    until: until === undefined ? undefined : parseWindowBound(until, 'until', clock),
  };
  if (window.since !== undefined && window.until !== undefined && window.until.ms <= window.since.ms) {
    // A day given to --until ends just before its ms: a start on that ms is after the window's last instant.
    const last = window.until.day ? window.until.ms - 1 : window.until.ms;
    const problem = window.since.ms > last ? `--since (${since}) is after --until (${until})` : `--until (${until}) is not after --since (${since})`;
    throw new UsageError(problem, { hint: 'Swap them; a day given to --until includes that whole day, an instant is exclusive.' });
  }
  return window;
}

/** Whether an instant (epoch ms) lies in [since, until). */
export function inWindow(window: TimeWindow, ms: number): boolean {
  return (window.since === undefined || ms >= window.since.ms) && (window.until === undefined || ms < window.until.ms);
}
