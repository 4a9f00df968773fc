/** The K best-scored items of a stream, kept in a bounded min-heap (O(n log K), no sort of the whole stream). */

export interface Scored<T> {
  item: T;
  score: number;
  /** Breaks score ties so the result never depends on input order: the smaller key wins. */
  key: string;
}

/** Whether `a` ranks below `b`: a lower score, or the same score and a larger key. */
function below<T>(a: Scored<T>, b: Scored<T>): boolean {
  return a.score < b.score || (a.score === b.score && a.key > b.key);
}

export class TopK<T> {
  private readonly heap: Scored<T>[] = [];

  constructor(private readonly capacity: number) {}

  /** Offers an item; it is kept when it ranks among the K best so far. */
  offer(item: T, score: number, key: string): void {
    const heap = this.heap;
    if (this.capacity <= 0) return;
    if (heap.length < this.capacity) {
      heap.push({ item, score, key });
      this.siftUp(heap.length - 1);
      return;
    }
    const worst = heap[0]!;
    // Cheap rejection first: most of a large catalogue never beats the worst kept item.
    if (score < worst.score || (score === worst.score && key >= worst.key)) return;
    heap[0] = { item, score, key };
    this.siftDown(0);
  }

  /** The kept items, best first. */
  best(): Scored<T>[] {
    return [...this.heap].sort((a, b) => (below(a, b) ? 1 : below(b, a) ? -1 : 0));
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!below(heap[index]!, heap[parent]!)) return;
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
      if (left < heap.length && below(heap[left]!, heap[lowest]!)) lowest = left;
      if (right < heap.length && below(heap[right]!, heap[lowest]!)) lowest = right;
      if (lowest === index) return;
      [heap[index], heap[lowest]] = [heap[lowest]!, heap[index]!];
      index = lowest;
    }
  }
}
