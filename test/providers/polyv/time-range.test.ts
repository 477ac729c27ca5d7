// The shared window turned into Polyv's inclusive startTime/endTime (13-digit epoch ms).
import { describe, expect, it } from 'vitest';
import { parseTimeRange } from '../../../src/providers/polyv/time-range.js';

const SH = { zone: 'Asia/Shanghai', now: Date.parse('2026-01-15T08:00:00Z') };
const utc = (iso: string): number => Date.parse(iso);

describe('parseTimeRange', () => {
  it('leaves out what was not given', () => {
    expect(parseTimeRange(undefined, undefined, SH)).toEqual({ startTime: undefined, endTime: undefined });
    expect(parseTimeRange('2026-11-01', undefined, SH)).toEqual({ startTime: utc('2026-10-31T16:00:00Z'), endTime: undefined });
  });

  it('ends a day given to --until at its last millisecond, as before', () => {
    expect(parseTimeRange('2026-11-01', '2026-11-01', SH)).toEqual({ startTime: utc('2026-10-31T16:00:00Z'), endTime: utc('2026-11-01T15:59:59.999Z') });
    expect(parseTimeRange(undefined, 'yesterday', SH)).toEqual({ startTime: undefined, endTime: utc('2026-01-14T15:59:59.999Z') });
  });

  it('keeps a --since instant and ends the millisecond before a --until instant (exclusive, as everywhere)', () => {
    expect(parseTimeRange('1648867234', '2026-11-01T20:00', SH)).toEqual({ startTime: utc('2022-04-02T02:40:34Z'), endTime: utc('2026-11-01T11:59:59.999Z') });
    expect(parseTimeRange('-7d', 'now', SH)).toEqual({ startTime: SH.now - 7 * 86_400_000, endTime: SH.now - 1 });
  });

  it('refuses --since after --until', () => {
    expect(() => parseTimeRange('2026-11-02', '2026-11-01', SH)).toThrow(/--since .* is after --until/);
  });
});
