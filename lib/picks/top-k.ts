/** The K best-scored items of a stream, kept in a bounded min-heap (O(n log K), no sort of the whole stream). */

export interface Scored<T> {
  item: T;
  score: number;
}

export class TopK<T> {
  private readonly heap: Scored<T>[] = [];

  /**
   * `tieBreak` orders items of equal score (negative: the first ranks higher), so the result never depends on
   * the order the items come in; it is only called on ties.
   */
  constructor(
    private readonly capacity: number,
    private readonly tieBreak: (a: T, b: T) => number,
  ) {}

  /** Whether `a` ranks below `b`: a lower score, or the same score and behind on the tie-break. */
  private below(a: Scored<T>, b: Scored<T>): boolean {
    return a.score < b.score || (a.score === b.score && this.tieBreak(a.item, b.item) > 0);
  }

  /** Whether an item would be kept now: most of a large catalogue never beats the worst kept item. */
  wouldKeep(item: T, score: number): boolean {
    if (this.heap.length < this.capacity) return this.capacity > 0;
    const worst = this.heap[0]!;
    return score > worst.score || (score === worst.score && this.tieBreak(item, worst.item) < 0);
  }

  /** The score an item must beat (or tie, winning the tie-break) to be kept: -Infinity until K items are kept. */
  threshold(): number {
    return this.heap.length < this.capacity ? -Infinity : this.heap[0]!.score;
  }

  /** Offers an item; it is kept when it ranks among the K best so far. */
  offer(item: T, score: number): void {
    const heap = this.heap;
    if (!this.wouldKeep(item, score)) return;
    if (heap.length < this.capacity) {
      heap.push({ item, score });
      this.siftUp(heap.length - 1);
      return;
    }
    heap[0] = { item, score };
    this.siftDown(0);
  }

  /** The kept items, best first. */
  best(): Scored<T>[] {
    return [...this.heap].sort((a, b) => (this.below(a, b) ? 1 : this.below(b, a) ? -1 : 0));
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.below(heap[index]!, heap[parent]!)) return;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let lowest = index;
      if (left < heap.length && this.below(heap[left]!, heap[lowest]!)) lowest = left;
      if (right < heap.length && this.below(heap[right]!, heap[lowest]!)) lowest = right;
      if (lowest === index) return;
      [heap[index], heap[lowest]] = [heap[lowest]!, heap[index]!];
      index = lowest;
    }
  }
}
