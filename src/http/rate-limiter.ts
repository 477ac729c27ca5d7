// A sliding-window rate limiter: at most `limit` starts in any window of `windowMs` (plus a small margin),
// shared by every call of one provider. It fills the window exactly instead of spacing calls evenly, so short
// runs go at full speed. Providers count arrivals, not departures; see SlidingWindowLimiter for how a start
// is dated so that a late arrival never crowds the next window.
// Not a library: p-throttle and the like date a start when they grant it, which got Tencent rejections (README).
import type { Context } from '../context.js';
import { InterruptedError } from '../errors.js';
import { abortableSleep, type Pacer, type PacerSlot } from './client.js';

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  /**
   * Extra time a start stays in the window, for what dating a start cannot see (small differences in network
   * delay between two requests). Default 1 ms: a start exactly one window later would share a millisecond
   * bucket with the oldest on the server.
   */
  marginMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** One start: granted, on its way, or over. */
interface Start {
  state: 'granted' | 'sent' | 'over';
  /** When it was granted (acquire), sent (acquireSlot), or -Infinity when it was given back. */
  at: number;
  /** When its exchange ended, for a start that was sent; undefined otherwise. */
  answered: number | undefined;
}

/**
 * With acquire() a start is dated when it is granted. With acquireSlot() it is dated when its request has
 * been answered: a request reaches the provider after it is sent (a first request may wait for its
 * connection) and before its answer comes back, and an answer that took longer than the quickest one so far
 * means the request was held up on the way or at the provider before being counted. So a start is taken to
 * have arrived at max(sent, answered − quickest round trip so far); until its answer is in, it counts as now.
 */
export class SlidingWindowLimiter implements Pacer {
  /** Starts in the order they were granted; the front ones leave once over and out of the window. */
  private starts: Start[] = [];
  private head = 0;
  private quickestRoundTrip = Infinity;
  private onSettled: (() => void) | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly spanMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: RateLimiterOptions) {
    if (!(options.limit >= 1)) throw new RangeError('rate limit must be at least 1');
    const margin = options.marginMs ?? 1;
    if (!(margin >= 0)) throw new RangeError('rate limit margin must not be negative');
    this.spanMs = options.windowMs + margin;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  get limit(): number {
    return this.options.limit;
  }

  /** Resolves when a new request may start, counted as started now. Callers are served in order. */
  acquire(signal?: AbortSignal): Promise<void> {
    return this.enqueue(signal, () => {
      this.starts.push({ state: 'over', at: this.now(), answered: undefined });
    });
  }

  /** Resolves when a new request may start; the slot reports when it was sent and when its exchange ended. */
  acquireSlot(signal?: AbortSignal): Promise<PacerSlot> {
    return this.enqueue(signal, () => {
      const start: Start = { state: 'granted', at: this.now(), answered: undefined };
      this.starts.push(start);
      return {
        sent: () => {
          if (start.state !== 'granted') return;
          start.state = 'sent';
          start.at = this.now();
        },
        release: () => {
          if (start.state === 'over') return;
          if (start.state === 'granted') {
            // Nothing left, nothing arrived: the start is given back.
            start.at = -Infinity;
          } else {
            start.answered = this.now();
            this.quickestRoundTrip = Math.min(this.quickestRoundTrip, start.answered - start.at);
          }
          start.state = 'over';
          const wake = this.onSettled;
          this.onSettled = undefined;
          wake?.();
        },
      };
    });
  }

  private enqueue<T>(signal: AbortSignal | undefined, take: () => T): Promise<T> {
    const turn = this.queue.then(async () => {
      await this.waitForRoom(signal);
      return take();
    });
    // A rejected turn (interrupt) must not block the callers behind it.
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private async waitForRoom(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw new InterruptedError();
      const now = this.now();
      this.prune(now);
      let used = 0;
      let leaves = Infinity;
      for (let i = this.head; i < this.starts.length; i++) {
        const start = this.starts[i] as Start;
        if (start.state !== 'over') {
          used++;
          continue;
        }
        const arrived = this.arrival(start);
        if (now - arrived < this.spanMs) {
          used++;
          leaves = Math.min(leaves, arrived + this.spanMs);
        }
      }
      if (used < this.options.limit) return;
      if (leaves !== Infinity) await this.sleep(leaves - now);
      // Every start in the window is a request still under way: wait until one of them is answered.
      else await new Promise<void>((resolve) => (this.onSettled = resolve));
    }
  }

  /** When a finished start is taken to have reached the provider; the quickest round trip only shrinks, so this only grows. */
  private arrival(start: Start): number {
    return start.answered === undefined ? start.at : Math.max(start.at, start.answered - this.quickestRoundTrip);
  }

  private prune(now: number): void {
    while (this.head < this.starts.length) {
      const start = this.starts[this.head] as Start;
      if (start.state !== 'over' || now - this.arrival(start) < this.spanMs) break;
      this.head++;
    }
    // Compact now and then so the list does not grow with the run.
    if (this.head > 1024 && this.head * 2 > this.starts.length) {
      this.starts = this.starts.slice(this.head);
      this.head = 0;
    }
  }
}

/** At most `limit` starts in any one-second window (plus `marginMs`), on the run's clock, its sleep cut short by its interrupt. */
export function perSecondLimiter(ctx: Pick<Context, 'now' | 'sleep' | 'signal'>, limit: number, marginMs: number): SlidingWindowLimiter {
  const sleep = ctx.sleep ?? abortableSleep;
  return new SlidingWindowLimiter({ limit, windowMs: 1000, marginMs, now: ctx.now, sleep: (ms) => sleep(ms, ctx.signal) });
}
