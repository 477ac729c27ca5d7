// --since/--until: the time forms a user may type, turned into the 13-digit epoch milliseconds Polyv's
// startTime/endTime expect. Wall-clock forms are read in --tz; forms with an offset and epoch values are absolute.
import { UsageError } from '../../errors.js';
import { zoneOffsetMinutes } from '../../output/time.js';

/** Which end of the range a value is: a bare date means the first millisecond of the day for `start` and
 *  the last one for `end`, so `--since 2026-11-01 --until 2026-11-01` is that whole day. */
export type RangeEnd = 'start' | 'end';

export interface TimeRange {
  startTime?: number | undefined;
  endTime?: number | undefined;
}

export const ACCEPTED_FORMS =
  'Use a date (2026-11-01), a date-time in --tz (2026-11-01T20:00, 2026-11-01 20:00:00.5), one with an offset ' +
  '(2026-11-01T20:00+08:00, 2026-11-01T12:00Z), or epoch milliseconds (13 digits) or seconds (10 digits).';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const DAY_MS = 86_400_000;

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

function parse(raw: string, zone: string, end: RangeEnd): number | undefined {
  const text = raw.trim();
  if (/^\d{13}$/.test(text)) return Number(text);
  // 10 digits can only be seconds: as milliseconds they would fall in the first four months of 1970.
  if (/^\d{10}$/.test(text)) return Number(text) * 1000;
  const date = DATE.exec(text);
  if (date) {
    const [y, mo, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const midnight = wallClock(y, mo, d);
    if (midnight === undefined) return undefined;
    if (end === 'start') return zonedToEpoch(zone, midnight);
    // The next local midnight minus 1 ms: right on days of 23 or 25 hours too.
    return zonedToEpoch(zone, midnight + DAY_MS) - 1;
  }
  const dt = DATE_TIME.exec(text);
  if (!dt) return undefined;
  const fraction = Number((dt[7] ?? '0').padEnd(3, '0'));
  const wall = wallClock(Number(dt[1]), Number(dt[2]), Number(dt[3]), Number(dt[4]), Number(dt[5]), Number(dt[6] ?? 0), fraction);
  if (wall === undefined) return undefined;
  if (dt[8] === undefined) return zonedToEpoch(zone, wall);
  const offset = offsetMinutes(dt[8]);
  return offset === undefined ? undefined : wall - offset * 60_000;
}

/** One option's value as epoch ms; a usage error (exit 2) that names the option and the accepted forms. */
export function parseTimeOption(option: string, raw: string, zone: string, end: RangeEnd): number {
  const value = parse(raw, zone, end);
  if (value === undefined) {
    throw new UsageError(`${option}: cannot read ${JSON.stringify(raw)} as a time`, { hint: ACCEPTED_FORMS });
  }
  return value;
}

export function parseTimeRange(since: string | undefined, until: string | undefined, zone: string): TimeRange {
  const startTime = since === undefined ? undefined : parseTimeOption('--since', since, zone, 'start');
  const endTime = until === undefined ? undefined : parseTimeOption('--until', until, zone, 'end');
  if (startTime !== undefined && endTime !== undefined && startTime > endTime) {
    throw new UsageError(`--since (${since}) is after --until (${until})`, {
      hint: 'Swap them; a bare --until date includes that whole day.',
    });
  }
  return { startTime, endTime };
}
