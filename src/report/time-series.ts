// Amounts on a time axis in bounded memory: one point per event while there are few, then sums per interval,
// the interval doubling (along a list of round lengths) whenever there would be too many points. Times are
// wall-clock milliseconds of the report's zone, so a day's bucket starts at local midnight.

export interface SeriesPoint {
  /** Wall-clock ms (the zone's local time read as UTC): the start of the interval, or the event itself. */
  at: number;
  sentFen: number;
  receivedFen: number;
  /** Events summed into this point. */
  count: number;
}

export interface SeriesResult {
  points: SeriesPoint[];
  /** 0 when each point is one event; otherwise the interval each point sums, in ms. */
  intervalMs: number;
}

/** At most this many points per series on the chart. */
export const MAX_POINTS = 240;

const MINUTE = 60_000;
const INTERVALS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10_080].map((m) => m * MINUTE);

function nextInterval(current: number): number {
  for (const interval of INTERVALS) if (interval > current) return interval;
  return current * 2;
}

export class AmountSeries {
  private events: SeriesPoint[] | undefined = [];
  private buckets = new Map<number, SeriesPoint>();
  private intervalMs = 0;

  constructor(private readonly maxPoints = MAX_POINTS) {}

  add(at: number, sentFen: number, receivedFen: number): void {
    if (this.events) {
      this.events.push({ at, sentFen, receivedFen, count: 1 });
      if (this.events.length > this.maxPoints) {
        const events = this.events;
        this.events = undefined;
        this.rebucket(events, nextInterval(0));
      }
      return;
    }
    this.addToBucket(at, sentFen, receivedFen, 1);
    if (this.buckets.size > this.maxPoints) this.rebucket([...this.buckets.values()], nextInterval(this.intervalMs));
  }

  private addToBucket(at: number, sentFen: number, receivedFen: number, count: number): void {
    const start = Math.floor(at / this.intervalMs) * this.intervalMs;
    const bucket = this.buckets.get(start);
    if (bucket === undefined) {
      this.buckets.set(start, { at: start, sentFen, receivedFen, count });
      return;
    }
    bucket.sentFen += sentFen;
    bucket.receivedFen += receivedFen;
    bucket.count += count;
  }

  /** Re-sums points into intervals of `interval` ms, widening further until they fit. */
  private rebucket(points: readonly SeriesPoint[], interval: number): void {
    let source = points;
    for (let width = interval; ; width = nextInterval(width)) {
      this.intervalMs = width;
      this.buckets = new Map();
      for (const p of source) this.addToBucket(p.at, p.sentFen, p.receivedFen, p.count);
      if (this.buckets.size <= this.maxPoints) return;
      source = [...this.buckets.values()];
    }
  }

  result(): SeriesResult {
    const points = this.events ? this.events.slice() : [...this.buckets.values()];
    points.sort((a, b) => a.at - b.at);
    return { points, intervalMs: this.events ? 0 : this.intervalMs };
  }
}
