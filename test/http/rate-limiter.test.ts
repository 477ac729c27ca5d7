// SlidingWindowLimiter on a fake clock: never more than `limit` starts in any window, no longer a wait than
// needed, callers served first come first served, an interrupted caller does not hold up the rest, and slots
// dated by when their requests left and were answered, so late arrivals never crowd the next window.
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import type { PacerSlot } from '../../src/http/client.js';
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

  it('counts a slot from when its request was sent, not from when it was granted', async () => {
    const { limiter, clock, sleeps } = limiterOnFakeClock(2, 1_000);
    const t0 = clock.now();
    const first = await limiter.acquireSlot();
    const second = await limiter.acquireSlot();
    // The first request waited 40 ms for its connection; both are answered after a 30 ms round trip.
    clock.advance(40);
    first.sent();
    second.sent();
    clock.advance(30);
    first.release();
    second.release();

    await limiter.acquireSlot();
    expect(clock.now()).toBe(t0 + 40 + 1_001);
    expect(sleeps).toEqual([971]);
  });

  it('dates a start by its answer when the round trip was longer than the quickest one', async () => {
    const { limiter, clock } = limiterOnFakeClock(2, 1_000);
    const t0 = clock.now();
    const quick = await limiter.acquireSlot();
    const held = await limiter.acquireSlot();
    quick.sent();
    held.sent();
    clock.advance(30);
    quick.release();
    // The other answer takes 130 ms: the provider saw that request up to 100 ms late, and counts it then.
    clock.advance(100);
    held.release();

    await limiter.acquireSlot();
    expect(clock.now()).toBe(t0 + 1_001);
    await limiter.acquireSlot();
    expect(clock.now()).toBe(t0 + 100 + 1_001);
  });

  it('counts a request that is still on its way however old its slot, and waits for it to be answered', async () => {
    const clock = fakeClock(0);
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 100, now: clock.now, sleep: async (ms) => clock.advance(ms) });
    const slow = await limiter.acquireSlot();
    slow.sent();
    let granted = false;
    const next = limiter.acquireSlot().then(() => (granted = true));
    clock.advance(5_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(granted).toBe(false);
    slow.release();
    await next;
    // Answered at 5000 after the quickest (only) round trip of 5000 ms: it counts from when it was sent.
    expect(clock.now()).toBe(5_000);
  });

  it('gives a slot back when its request never left', async () => {
    const { limiter, clock, sleeps } = limiterOnFakeClock(1, 1_000);
    const t0 = clock.now();
    const failed = await limiter.acquireSlot();
    failed.release();
    await limiter.acquireSlot();
    expect(clock.now()).toBe(t0);
    expect(sleeps).toEqual([]);
  });

  it('keeps every window of arrivals under the limit for 1000 requests whose arrival lags vary', async () => {
    const clock = fakeClock(0);
    const answers: Array<{ at: number; slot: PacerSlot }> = [];
    /** Moves the clock to `t`, delivering every answer due by then in time order. */
    const advanceTo = (t: number): void => {
      answers.sort((a, b) => a.at - b.at);
      while (answers.length > 0 && (answers[0] as { at: number }).at <= t) {
        const answer = answers.shift() as { at: number; slot: PacerSlot };
        clock.set(Math.max(clock.now(), answer.at));
        answer.slot.release();
      }
      clock.set(Math.max(clock.now(), t));
    };
    const limiter = new SlidingWindowLimiter({ limit: 200, windowMs: 1_000, now: clock.now, sleep: async (ms) => advanceTo(clock.now() + ms) });
    const arrivals: number[] = [];
    for (let i = 0; i < 1_000; i++) {
      let granted: PacerSlot | undefined;
      const waiting = limiter.acquireSlot().then((slot) => (granted = slot));
      // While the limiter waits for an answer, time moves on to the next one.
      while (granted === undefined) {
        await new Promise((resolve) => setImmediate(resolve));
        if (granted === undefined && answers.length > 0) advanceTo(Math.min(...answers.map((a) => a.at)));
      }
      await waiting;
      // Sent now, seen by the provider 0–20 ms later (a busy server), answered 30 ms after that.
      const lag = (i * 7) % 21;
      granted.sent();
      arrivals.push(clock.now() + lag);
      answers.push({ at: clock.now() + lag + 30, slot: granted });
    }
    expect(maxInAnyWindow(arrivals, 1_000)).toBeLessThanOrEqual(200);
    // Still close to full speed: five windows, each opened at most one lag and a margin after the last.
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(4 * 1_001 + 4 * 21 + 21);
  });

  it('refuses a limit below 1', () => {
    expect(() => new SlidingWindowLimiter({ limit: 0, windowMs: 1_000 })).toThrow(RangeError);
    expect(new SlidingWindowLimiter({ limit: 7, windowMs: 1_000 }).limit).toBe(7);
  });
});
