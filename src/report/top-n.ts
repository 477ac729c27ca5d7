// The n items with the highest score seen so far, kept in a sorted array that never grows past n: a stream of a
// million rows costs one comparison for most of them. Ties keep the item seen first. Knows nothing of rows.

export class TopN<T> {
  private readonly items: T[] = [];
  private readonly scores: number[] = [];

  constructor(
    private readonly n: number,
    private readonly score: (item: T) => number,
  ) {}

  /** Offers an item; `make` builds the kept copy only when it makes the cut (most rows never do). */
  offer<S>(source: S, score: number, make: (source: S) => T): void {
    const size = this.scores.length;
    if (size === this.n && !(score > (this.scores[size - 1] as number))) return;
    // The first position whose score is lower: equal scores stay in the order they came.
    let lo = 0;
    let hi = size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.scores[mid] as number) >= score) lo = mid + 1;
      else hi = mid;
    }
    this.items.splice(lo, 0, make(source));
    this.scores.splice(lo, 0, score);
    if (this.items.length > this.n) {
      this.items.pop();
      this.scores.pop();
    }
  }

  add(item: T): void {
    this.offer(item, this.score(item), (i) => i);
  }

  /** Highest first. */
  values(): T[] {
    return this.items.slice();
  }
}
