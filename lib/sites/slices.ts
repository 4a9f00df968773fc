/**
 * Long work on a page in short slices: a loop asks `spent` after each item and, once the slice has run its
 * budget, awaits `next()`, which gives the page's own tasks (input, rendering, its scripts) their turn.
 * No task of ours should run for more than a few milliseconds, whatever the page's size: a long one would
 * freeze the page, and its timing would tell a page script when MoodReel is at work.
 */

/** A slice's budget: well under the 50 ms that makes a long task, with room for the item that crosses it. */
const SLICE_MS = 8;

interface Scheduler {
  yield?: () => Promise<void>;
}

/** Gives the page its turn: `scheduler.yield()` where Chromium has it (the work resumes first), else a task. */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Resolves once the page has rendered a frame (its style and layout done), or soon where frames are rare. */
function afterFrame(): Promise<void> {
  return new Promise((resolve) => {
    // A tab in the background renders no frame: a second later the work goes on all the same.
    const late = setTimeout(resolve, 1_000);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(late);
        resolve();
      }, 0),
    );
  });
}

export class TimeSlice {
  private started: number;
  /** Slices ended so far (the bench counts them). */
  yields = 0;

  constructor(
    private readonly budgetMs = SLICE_MS,
    private readonly giveWay: () => Promise<void> = yieldToPage,
    private readonly now: () => number = () => performance.now(),
    private readonly frame: () => Promise<void> = afterFrame,
  ) {
    this.started = this.now();
  }

  /**
   * Ends the slice and waits for the page's next frame: changes to the page's elements are laid out by the
   * frame that follows them, so a few at a time keep every frame short on a page of 100,000 elements.
   */
  async nextFrame(): Promise<void> {
    this.yields++;
    await this.frame();
    this.started = this.now();
  }

  /** Whether this slice has used its budget (the caller then awaits `next`). */
  get spent(): boolean {
    return this.now() - this.started >= this.budgetMs;
  }

  /** Ends the slice: the page runs, then a new slice starts. */
  async next(): Promise<void> {
    this.yields++;
    await this.giveWay();
    this.started = this.now();
  }
}
