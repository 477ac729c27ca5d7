// --since/--until forms → a half-open window in epoch ms, read in --tz where the value has no offset of its own.
import { describe, expect, it } from 'vitest';
import { inWindow, parseTimeWindow, parseWindowBound, type WindowClock } from '../../src/cli/time-window.js';
import { ExitCode, UsageError } from '../../src/errors.js';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const utc = (iso: string): number => Date.parse(iso);
// 2026-01-15T08:00Z: 16:00 in Shanghai, 03:00 in New York, the same calendar day in both.
const NOW = utc('2026-01-15T08:00:00Z');
const at = (zone: string, now = NOW): WindowClock => ({ zone, now });

describe('parseWindowBound', () => {
  it.each([
    ['2026-11-01', SH, 'since', '2026-10-31T16:00:00.000Z', true],
    ['2026-11-01', SH, 'until', '2026-11-01T16:00:00.000Z', true],
    ['2026-11-01', 'UTC', 'since', '2026-11-01T00:00:00.000Z', true],
    ['2026-11-01', 'UTC', 'until', '2026-11-02T00:00:00.000Z', true],
    ['2026-11-01T20:00', SH, 'since', '2026-11-01T12:00:00.000Z', false],
    ['2026-11-01 20:00:30', SH, 'until', '2026-11-01T12:00:30.000Z', false],
    ['2026-11-01T20:00:30.5', SH, 'since', '2026-11-01T12:00:30.500Z', false],
    ['2026-11-01T20:00+08:00', 'UTC', 'since', '2026-11-01T12:00:00.000Z', false],
    ['2026-11-01T20:00:00-0530', SH, 'since', '2026-11-02T01:30:00.000Z', false],
    ['2026-11-01T12:00Z', SH, 'until', '2026-11-01T12:00:00.000Z', false],
    ['1648867234000', SH, 'since', '2022-04-02T02:40:34.000Z', false],
    ['1648867234', SH, 'until', '2022-04-02T02:40:34.000Z', false],
    // New York leaves daylight time on 2026-11-01: that day has 25 hours.
    ['2026-11-01', NY, 'since', '2026-11-01T04:00:00.000Z', true],
    ['2026-11-01', NY, 'until', '2026-11-02T05:00:00.000Z', true],
    ['2026-11-01T12:00', NY, 'since', '2026-11-01T17:00:00.000Z', false],
  ] as const)('%s in %s (--%s) → %s', (raw, zone, side, expected, day) => {
    expect(parseWindowBound(raw, side, at(zone))).toEqual({ ms: utc(expected), day });
  });

  it.each([
    ['today', SH, '2026-01-15T08:00:00Z', '2026-01-14T16:00:00Z', '2026-01-15T16:00:00Z'],
    ['today', NY, '2026-01-15T08:00:00Z', '2026-01-15T05:00:00Z', '2026-01-16T05:00:00Z'],
    ['yesterday', SH, '2026-01-15T08:00:00Z', '2026-01-13T16:00:00Z', '2026-01-14T16:00:00Z'],
    ['yesterday', NY, '2026-01-15T08:00:00Z', '2026-01-14T05:00:00Z', '2026-01-15T05:00:00Z'],
    // Late in the UTC day Shanghai is a day ahead of New York: "today" names different days.
    ['today', SH, '2026-01-15T20:00:00Z', '2026-01-15T16:00:00Z', '2026-01-16T16:00:00Z'],
    ['today', NY, '2026-01-15T20:00:00Z', '2026-01-15T05:00:00Z', '2026-01-16T05:00:00Z'],
    ['Yesterday', 'UTC', '2026-01-15T20:00:00Z', '2026-01-14T00:00:00Z', '2026-01-15T00:00:00Z'],
  ] as const)('%s in %s at %s is a whole day: its start for --since, the next day for --until', (word, zone, now, start, end) => {
    expect(parseWindowBound(word, 'since', at(zone, utc(now)))).toEqual({ ms: utc(start), day: true });
    expect(parseWindowBound(word, 'until', at(zone, utc(now)))).toEqual({ ms: utc(end), day: true });
  });

  it.each([
    ['now', 0],
    ['-30m', 30 * 60_000],
    ['-12h', 12 * 3_600_000],
    ['-7d', 7 * 86_400_000],
    ['-90s', 90_000],
    ['-2w', 14 * 86_400_000],
    [' -7D ', 7 * 86_400_000],
  ])('%j is an instant that far back from now, the same for --since and --until and in any zone', (raw, back) => {
    for (const side of ['since', 'until'] as const) {
      for (const zone of [SH, NY]) expect(parseWindowBound(raw, side, at(zone))).toEqual({ ms: NOW - back, day: false });
    }
  });

  it.each(['last tuesday', '2026-13-01', '2026-02-30', '2026-11-01T24:00', '2026-11-01T20:61', '16488672340', '2026/11/01', '', '-7', '+7d', '7d', '-d'])(
    'refuses %j with a usage error naming the option and the accepted forms',
    (raw) => {
      let error: unknown;
      try {
        parseWindowBound(raw, 'until', at(SH));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).exitCode).toBe(ExitCode.usage);
      expect((error as UsageError).message).toContain('--until');
      expect((error as UsageError).hint).toMatch(/2026-11-01.*yesterday.*13 digits.*-7d/);
    },
  );
});

describe('parseTimeWindow', () => {
  it('leaves out what was not given', () => {
    expect(parseTimeWindow(undefined, undefined, at(SH))).toEqual({ since: undefined, until: undefined });
    expect(parseTimeWindow('2026-11-01', undefined, at(SH))).toEqual({ since: { ms: utc('2026-10-31T16:00:00Z'), day: true }, until: undefined });
  });

  it('makes the same day for both ends that whole day, in the zone asked for', () => {
    const sh = parseTimeWindow('yesterday', 'yesterday', at(SH));
    expect(sh.until!.ms - sh.since!.ms).toBe(86_400_000);
    expect(inWindow(sh, utc('2026-01-13T16:00:00Z'))).toBe(true);
    expect(inWindow(sh, utc('2026-01-14T15:59:59.999Z'))).toBe(true);
    expect(inWindow(sh, utc('2026-01-14T16:00:00Z'))).toBe(false);
    expect(inWindow(sh, utc('2026-01-13T15:59:59.999Z'))).toBe(false);
    const week = parseTimeWindow('2026-11-01', '2026-11-07', at('UTC'));
    expect(week.until!.ms - week.since!.ms).toBe(7 * 86_400_000);
  });

  it('keeps an instant exact: --since inclusive, --until exclusive', () => {
    const window = parseTimeWindow('-12h', 'now', at(SH));
    expect(inWindow(window, NOW - 12 * 3_600_000)).toBe(true);
    expect(inWindow(window, NOW - 1)).toBe(true);
    expect(inWindow(window, NOW)).toBe(false);
  });

  it('refuses a window whose end is not after its start (exit 2)', () => {
    expect(() => parseTimeWindow('2026-11-02', '2026-11-01', at(SH))).toThrow(/--since \(2026-11-02\) is after --until \(2026-11-01\)/);
    expect(() => parseTimeWindow('2026-11-01T10:00Z', '2026-11-01T09:59Z', at(SH))).toThrow(UsageError);
    expect(() => parseTimeWindow('now', 'now', at(SH))).toThrow(/--until \(now\) is not after --since \(now\)/);
    expect(() => parseTimeWindow('now', '-1h', at(SH))).toThrow(UsageError);
  });
});
