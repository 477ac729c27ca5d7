// --since/--until forms → 13-digit epoch ms, in --tz where the value has no offset of its own.
import { describe, expect, it } from 'vitest';
import { ExitCode, UsageError } from '../../../src/errors.js';
import { parseTimeOption, parseTimeRange } from '../../../src/providers/polyv/time-range.js';

const SH = 'Asia/Shanghai';
const utc = (iso: string): number => Date.parse(iso);

describe('parseTimeOption', () => {
  it.each([
    ['2026-11-01', SH, 'start', '2026-10-31T16:00:00.000Z'],
    ['2026-11-01', SH, 'end', '2026-11-01T15:59:59.999Z'],
    ['2026-11-01', 'UTC', 'start', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01', 'UTC', 'end', '2026-11-01T23:59:59.999Z'],
    ['2026-11-01T20:00', SH, 'start', '2026-11-01T12:00:00.000Z'],
    ['2026-11-01 20:00:30', SH, 'end', '2026-11-01T12:00:30.000Z'],
    ['2026-11-01T20:00:30.5', SH, 'start', '2026-11-01T12:00:30.500Z'],
    ['2026-11-01T20:00+08:00', 'UTC', 'start', '2026-11-01T12:00:00.000Z'],
    ['2026-11-01T20:00:00-0530', SH, 'start', '2026-11-02T01:30:00.000Z'],
    ['2026-11-01T12:00Z', SH, 'end', '2026-11-01T12:00:00.000Z'],
    ['1648867234000', SH, 'start', '2022-04-02T02:40:34.000Z'],
    ['1648867234', SH, 'end', '2022-04-02T02:40:34.000Z'],
    // New York leaves daylight time on 2026-11-01: that day has 25 hours.
    ['2026-11-01', 'America/New_York', 'start', '2026-11-01T04:00:00.000Z'],
    ['2026-11-01', 'America/New_York', 'end', '2026-11-02T04:59:59.999Z'],
    ['2026-11-01T12:00', 'America/New_York', 'start', '2026-11-01T17:00:00.000Z'],
  ] as const)('%s in %s (%s) → %s', (raw, zone, end, expected) => {
    expect(parseTimeOption('--since', raw, zone, end)).toBe(utc(expected));
  });

  it.each(['yesterday', '2026-13-01', '2026-02-30', '2026-11-01T24:00', '2026-11-01T20:61', '16488672340', '2026/11/01', ''])(
    'refuses %j with a usage error naming the option and the accepted forms',
    (raw) => {
      let error: unknown;
      try {
        parseTimeOption('--until', raw, SH, 'end');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).exitCode).toBe(ExitCode.usage);
      expect((error as UsageError).message).toContain('--until');
      expect((error as UsageError).hint).toMatch(/2026-11-01.*13 digits/);
    },
  );
});

describe('parseTimeRange', () => {
  it('leaves out what was not given', () => {
    expect(parseTimeRange(undefined, undefined, SH)).toEqual({ startTime: undefined, endTime: undefined });
    expect(parseTimeRange('2026-11-01', undefined, SH)).toEqual({ startTime: utc('2026-10-31T16:00:00Z'), endTime: undefined });
  });

  it('makes the same bare date for both ends the whole day', () => {
    const { startTime, endTime } = parseTimeRange('2026-11-01', '2026-11-01', SH);
    expect(endTime! - startTime!).toBe(86_400_000 - 1);
  });

  it('refuses --since after --until (exit 2)', () => {
    expect(() => parseTimeRange('2026-11-02', '2026-11-01', SH)).toThrow(UsageError);
    expect(() => parseTimeRange('2026-11-01T10:00Z', '2026-11-01T09:59Z', SH)).toThrow(/--since .* is after --until/);
  });
});
