// SlidingWindowLimiter on a fake clock: never more than `limit` starts in any window, no longer a wait than
// needed, callers served first come first served, and an interrupted caller does not hold up the rest.
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import { SlidingWindowLimiter } from '../../src/http/rate-limiter.js';
import { fakeClock } from '../helpers/context.js';

/** A limiter whose sleeps move the fake clock and are recorded. */
function limiterOnFakeClock(limit: number, windowMs: number) {
  const clock = fakeClock(1_000_000);
  const sleeps: number[] = [];
  const limiter = new SlidingWindowLimiter({
    limit,
    windowMs,
    now: clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
  });
  return { limiter, clock, sleeps };
}

/** Largest number of starts inside any half-open window [t, t + windowMs). */
function maxInAnyWindow(starts: readonly number[], windowMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let max = 0;
  let left = 0;
  for (let right = 0; right < sorted.length; right++) {
    while ((sorted[right] as number) - (sorted[left] as number) >= windowMs) left++;
    max = Math.max(max, right - left + 1);
  }
  return max;
}

describe('SlidingWindowLimiter', () => {
  it('never lets more than limit starts into any window over 1000 concurrent acquisitions', async () => {
    const { limiter, clock } = limiterOnFakeClock(200, 1_000);
    const starts: number[] = [];

    await Promise.all(Array.from({ length: 1_000 }, () => limiter.acquire().then(() => starts.push(clock.now()))));

    expect(starts).toHaveLength(1_000);
    expect(maxInAnyWindow(starts, 1_000)).toBe(200);
    // Full speed otherwise: five full windows, each opening 1 ms after the previous one closed.
    expect(Math.max(...starts) - Math.min(...starts)).toBe(4 * 1_001);
  });

  it('fills a window at once and then waits exactly until the oldest start leaves it (plus 1 ms)', async () => {
    const { limiter, clock, sleeps } = limiterOnFakeClock(3, 1_000);
    const t0 = clock.now();

    await limiter.acquire();
    clock.advance(100);
    await limiter.acquire();
    clock.advance(100);
    await limiter.acquire();
    expect(sleeps).toEqual([]);

    await limiter.acquire();
    expect(sleeps).toEqual([801]);
    expect(clock.now()).toBe(t0 + 1_001);

    // The next oldest start was at t0 + 100, so the fifth waits until t0 + 1101.
    await limiter.acquire();
    expect(sleeps).toEqual([801, 100]);
    expect(clock.now()).toBe(t0 + 1_101);
  });

  it('does not wait when calls come slower than the limit', async () => {
    const { limiter, clock, sleeps } = limiterOnFakeClock(5, 100);
    for (let i = 0; i < 50; i++) {
      await limiter.acquire();
      clock.advance(21);
    }
    expect(sleeps).toEqual([]);
  });

  it('serves waiting callers in the order they asked', async () => {
    const { limiter } = limiterOnFakeClock(1, 50);
    const order: number[] = [];

    await Promise.all([0, 1, 2, 3, 4, 5].map((i) => limiter.acquire().then(() => order.push(i))));

    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('rejects an interrupted caller without using a slot or blocking the callers behind it', async () => {
    const { limiter, clock, sleeps } = limiterOnFakeClock(1, 1_000);
    const t0 = clock.now();
    const aborted = new AbortController();
    aborted.abort();

    await limiter.acquire();
    const interrupted = limiter.acquire(aborted.signal);
    const later = limiter.acquire();

    await expect(interrupted).rejects.toBeInstanceOf(InterruptedError);
    await expect(later).resolves.toBeUndefined();
    // The later caller waited one window, not two: the interrupted one took no slot.
    expect(clock.now()).toBe(t0 + 1_001);
    expect(sleeps).toEqual([1_001]);
  });

  it('rejects a caller interrupted while it waits, and the next caller still gets its turn', async () => {
    const clock = fakeClock(0);
    const controller = new AbortController();
    const limiter = new SlidingWindowLimiter({
      limit: 1,
      windowMs: 500,
      now: clock.now,
      sleep: async (ms) => {
        // Ctrl-C arrives during the first wait.
        controller.abort();
        clock.advance(ms);
      },
    });

    await limiter.acquire();
    const waiting = limiter.acquire(controller.signal);
    const next = limiter.acquire();

    await expect(waiting).rejects.toBeInstanceOf(InterruptedError);
    await expect(next).resolves.toBeUndefined();
    expect(clock.now()).toBe(501);
  });

  it('refuses a limit below 1', () => {
    expect(() => new SlidingWindowLimiter({ limit: 0, windowMs: 1_000 })).toThrow(RangeError);
    expect(new SlidingWindowLimiter({ limit: 7, windowMs: 1_000 }).limit).toBe(7);
  });
});
