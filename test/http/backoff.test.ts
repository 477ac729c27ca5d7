// Retry timing: exponential backoff with half-fixed jitter and its cap; Retry-After in both of its forms.
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF, MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../src/http/backoff.js';
import { seededRandom, TEST_NOW } from '../helpers/context.js';

describe('backoffDelay', () => {
  it('stays within [ceiling/2, ceiling] for every attempt, with a doubling ceiling', () => {
    const random = seededRandom(1);
    for (let attempt = 1; attempt <= 6; attempt++) {
      const ceiling = Math.min(DEFAULT_BACKOFF.maxMs, DEFAULT_BACKOFF.baseMs * 2 ** (attempt - 1));
      for (let i = 0; i < 200; i++) {
        const delay = backoffDelay(attempt, { ...DEFAULT_BACKOFF, random });
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('gives the exact bounds for the lowest and highest random draws', () => {
    const opts = { baseMs: 100, maxMs: 10_000 };
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, { ...opts, random: () => 0 }))).toEqual([50, 100, 200, 400]);
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, { ...opts, random: () => 0.999_999 }))).toEqual([100, 200, 400, 800]);
  });

  it('caps the ceiling at maxMs however many attempts were made', () => {
    const opts = { baseMs: 300, maxMs: 10_000 };
    expect(backoffDelay(30, { ...opts, random: () => 0.999_999 })).toBe(10_000);
    expect(backoffDelay(30, { ...opts, random: () => 0 })).toBe(5_000);
    expect(backoffDelay(1_000, { ...opts, random: () => 0.5 })).toBe(7_500);
  });

  it('spreads concurrent retries: different draws give different delays', () => {
    const random = seededRandom(99);
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3, { ...DEFAULT_BACKOFF, random })));
    expect(delays.size).toBeGreaterThan(20);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta seconds, including a decimal and surrounding spaces', () => {
    expect(parseRetryAfter('0', TEST_NOW)).toBe(0);
    expect(parseRetryAfter('5', TEST_NOW)).toBe(5_000);
    expect(parseRetryAfter(' 1.5 ', TEST_NOW)).toBe(1_500);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter(new Date(TEST_NOW + 30_000).toUTCString(), TEST_NOW)).toBe(30_000);
    expect(parseRetryAfter(new Date(TEST_NOW - 30_000).toUTCString(), TEST_NOW)).toBe(0);
  });

  it('caps both forms at MAX_RETRY_AFTER_MS', () => {
    expect(parseRetryAfter('999999', TEST_NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter(new Date(TEST_NOW + 86_400_000).toUTCString(), TEST_NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('takes the first value of a repeated header', () => {
    expect(parseRetryAfter(['2', '9'], TEST_NOW)).toBe(2_000);
  });

  it('returns undefined for a missing, empty or unreadable value', () => {
    expect(parseRetryAfter(undefined, TEST_NOW)).toBeUndefined();
    expect(parseRetryAfter('', TEST_NOW)).toBeUndefined();
    expect(parseRetryAfter('   ', TEST_NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', TEST_NOW)).toBeUndefined();
    expect(parseRetryAfter([], TEST_NOW)).toBeUndefined();
  });
});
