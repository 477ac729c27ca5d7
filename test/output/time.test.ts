// ISO 8601 timestamps in a zone: whole-hour, quarter-hour and DST zones, and milliseconds.
import { describe, expect, it } from 'vitest';
import { createTimeFormatter, zoneOffsetMinutes } from '../../src/output/time.js';

describe('createTimeFormatter', () => {
  it('writes Asia/Shanghai with +08:00', () => {
    const format = createTimeFormatter('Asia/Shanghai');
    expect(format(Date.UTC(2022, 3, 2, 2, 40, 34))).toBe('2022-04-02T10:40:34+08:00');
    // Past midnight locally moves the date.
    expect(format(Date.UTC(2022, 3, 2, 16, 0, 0))).toBe('2022-04-03T00:00:00+08:00');
  });

  it('writes UTC with +00:00', () => {
    expect(createTimeFormatter('UTC')(Date.UTC(2024, 0, 31, 23, 59, 59))).toBe('2024-01-31T23:59:59+00:00');
  });

  it('prints whole seconds always: a millisecond fraction is dropped, never rounded up', () => {
    const format = createTimeFormatter('UTC');
    expect(format(Date.UTC(2024, 0, 1, 0, 0, 0, 5))).toBe('2024-01-01T00:00:00+00:00');
    expect(format(Date.UTC(2024, 0, 1, 0, 0, 0, 999))).toBe('2024-01-01T00:00:00+00:00');
    expect(format(Date.UTC(2023, 11, 31, 23, 59, 59, 999))).toBe('2023-12-31T23:59:59+00:00');
    expect(format(Date.UTC(2024, 0, 1))).toBe('2024-01-01T00:00:00+00:00');
  });

  it('follows America/New_York across the spring-forward transition', () => {
    const format = createTimeFormatter('America/New_York');
    // 2024-03-10 02:00 EST does not exist: the second before it is 01:59:59-05:00, the next is 03:00:00-04:00.
    const transition = Date.UTC(2024, 2, 10, 7, 0, 0);
    expect(format(transition - 1_000)).toBe('2024-03-10T01:59:59-05:00');
    expect(format(transition)).toBe('2024-03-10T03:00:00-04:00');
    expect(format(transition + 20 * 60_000)).toBe('2024-03-10T03:20:00-04:00');
  });

  it('follows America/New_York across the fall-back transition, where a local hour repeats', () => {
    const format = createTimeFormatter('America/New_York');
    const transition = Date.UTC(2024, 10, 3, 6, 0, 0);
    expect(format(transition - 30 * 60_000)).toBe('2024-11-03T01:30:00-04:00');
    expect(format(transition + 30 * 60_000)).toBe('2024-11-03T01:30:00-05:00');
  });

  it('writes Asia/Kathmandu with its quarter-hour offset +05:45', () => {
    const format = createTimeFormatter('Asia/Kathmandu');
    expect(format(Date.UTC(2024, 5, 1, 0, 0, 0))).toBe('2024-06-01T05:45:00+05:45');
    expect(format(Date.UTC(2024, 5, 1, 18, 14, 59, 999))).toBe('2024-06-01T23:59:59+05:45');
  });

  it('gives the same answer whether or not the offset was cached', () => {
    const cached = createTimeFormatter('America/New_York');
    const start = Date.UTC(2024, 2, 10, 5, 0, 0);
    for (let t = start; t < start + 4 * 3_600_000; t += 7 * 60_000 + 13_000) {
      expect(cached(t)).toBe(createTimeFormatter('America/New_York')(t));
      expect(Date.parse(cached(t))).toBe(t);
    }
  });
});

describe('zoneOffsetMinutes', () => {
  it('gives minutes east of UTC', () => {
    expect(zoneOffsetMinutes('Asia/Shanghai', Date.UTC(2024, 0, 1))).toBe(480);
    expect(zoneOffsetMinutes('Asia/Kathmandu', Date.UTC(2024, 0, 1))).toBe(345);
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2024, 0, 1))).toBe(-300);
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2024, 6, 1))).toBe(-240);
    expect(zoneOffsetMinutes('UTC', Date.UTC(2024, 6, 1))).toBe(0);
  });
});
