// A sliding-window rate limiter: at most `limit` starts in any window of `windowMs`, shared by every call
// of one provider. It fills the window exactly instead of spacing calls evenly, so short runs go at full speed.
import { InterruptedError } from '../errors.js';
import type { Pacer } from './client.js';

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class SlidingWindowLimiter implements Pacer {
  /** Start times of the last `limit` acquisitions, oldest first (a ring buffer). */
  private readonly starts: number[];
  private head = 0;
  private count = 0;
  private queue: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: RateLimiterOptions) {
    if (!(options.limit >= 1)) throw new RangeError('rate limit must be at least 1');
    this.starts = new Array<number>(options.limit).fill(0);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  get limit(): number {
    return this.options.limit;
  }

  /** Resolves when a new request may start. Callers are served in order. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    // A rejected turn (interrupt) must not block the callers behind it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw new InterruptedError();
      const now = this.now();
      if (this.count < this.options.limit) {
        this.record(now);
        return;
      }
      const oldest = this.starts[this.head] as number;
      // +1 ms: a start exactly one window later would share a millisecond bucket with the oldest on the server.
      const wait = oldest + this.options.windowMs + 1 - now;
      if (wait <= 0) {
        this.record(now);
        return;
      }
      await this.sleep(wait);
    }
  }

  private record(now: number): void {
    if (this.count < this.options.limit) {
      this.starts[(this.head + this.count) % this.options.limit] = now;
      this.count++;
    } else {
      this.starts[this.head] = now;
      this.head = (this.head + 1) % this.options.limit;
    }
  }
}
