// What the sandbox counts for tests and benchmarks (requests per endpoint, token issues, rate-limit
// rejections, the busiest Tencent second), and the sliding windows behind its rate limits.

export type SandboxEndpoint =
  | 'gettoken'
  | 'get_watch_stat'
  | 'get_user_all_livingid'
  | 'get_living_info'
  | 'get_gift_count'
  | 'get_room_list'
  | 'get_room_stats'
  | 'red_pack_statistics'
  | 'live_count'
  | 'other';

export interface SandboxStats {
  /** Every request received, by endpoint ('other' for unknown paths and methods). */
  requests: Record<SandboxEndpoint, number>;
  /** Access tokens issued by gettoken (successful calls only). */
  tokensIssued: number;
  /** Tencent answers with ErrorCode 60018 from the per-SDKAppID limit (not from injected faults). */
  tencentRateLimited: number;
  /** Polyv answers "qps exceeds number of calls" from the limit (not from injected faults). */
  polyvRateLimited: number;
  /** WeCom discovery answers with errcode 45009 from the per-second budget (not from injected faults). */
  wecomRateLimited: number;
  /** The most requests to each endpoint that arrived within any 1-second window (injected faults included). */
  maxPerSecond: Partial<Record<SandboxEndpoint, number>>;
  /**
   * When the first and the last request of each endpoint arrived (sandbox clock, epoch ms): the span a rate is
   * measured over, and where a run's start-up ends and its pages begin. Absent for an endpoint not called yet.
   */
  firstArrivalMs: Partial<Record<SandboxEndpoint, number>>;
  lastArrivalMs: Partial<Record<SandboxEndpoint, number>>;
  /** Requests answered with an injected fault, from `faults` or `failRate`. */
  faultsInjected: number;
}

export function createStats(): SandboxStats {
  return {
    requests: {
      gettoken: 0,
      get_watch_stat: 0,
      get_user_all_livingid: 0,
      get_living_info: 0,
      get_gift_count: 0,
      get_room_list: 0,
      get_room_stats: 0,
      red_pack_statistics: 0,
      live_count: 0,
      other: 0,
    },
    tokensIssued: 0,
    tencentRateLimited: 0,
    polyvRateLimited: 0,
    wecomRateLimited: 0,
    maxPerSecond: {},
    firstArrivalMs: {},
    lastArrivalMs: {},
    faultsInjected: 0,
  };
}

/** Timestamps within the last `windowMs`, oldest first; a queue compacted now and then, so pushes stay O(1). */
class TimeQueue {
  private times: number[] = [];
  private head = 0;

  constructor(private readonly windowMs: number) {}

  /** Drops what fell out of the window ending at `now` and returns how many remain. */
  prune(now: number): number {
    const oldest = now - this.windowMs;
    while (this.head < this.times.length && (this.times[this.head] as number) <= oldest) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }

  push(now: number): void {
    this.times.push(now);
  }
}

/** At most `limit` accepted requests in any window of `windowMs`; rejected requests do not use up the window. */
export class SlidingWindow {
  private readonly queue: TimeQueue;

  constructor(
    private readonly limit: number,
    windowMs: number,
  ) {
    this.queue = new TimeQueue(windowMs);
  }

  tryAcquire(now: number): boolean {
    if (this.queue.prune(now) >= this.limit) return false;
    this.queue.push(now);
    return true;
  }
}

/** Counts arrivals and remembers the largest count seen in any window of `windowMs`. */
export class PeakMeter {
  private readonly queue: TimeQueue;
  peak = 0;

  constructor(windowMs: number) {
    this.queue = new TimeQueue(windowMs);
  }

  /** Records one arrival and returns the peak so far. */
  record(now: number): number {
    const inWindow = this.queue.prune(now) + 1;
    this.queue.push(now);
    if (inWindow > this.peak) this.peak = inWindow;
    return this.peak;
  }
}
