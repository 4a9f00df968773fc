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

/**
 * The page's frames, shared by MoodReel's work on a big page (as "fastdom" does): in each frame, before its
 * style and layout, first every read of the layout (which is still clean then: reading costs no layout of its
 * own), then every change to the page's elements (which that frame's layout then takes in once).
 */
export class Frames {
  private reads: (() => void)[] = [];
  private writes: (() => void)[] = [];
  private scheduled = false;

  constructor(
    private readonly request: (callback: () => void) => void = (callback) => {
      // A tab in the background renders no frame: a second later the work goes on all the same.
      let done = false;
      const once = () => {
        if (done) return;
        done = true;
        callback();
      };
      requestAnimationFrame(once);
      setTimeout(once, 1_000);
    },
  ) {}

  /** Run `read` in the next frame, before any change. */
  read(read: () => void): void {
    this.reads.push(read);
    this.schedule();
  }

  /** Resolves in the next frame, after its reads: what the caller changes then, that frame lays out. */
  write(): Promise<void> {
    return new Promise((resolve) => {
      this.writes.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.request(() => {
      this.scheduled = false;
      for (const read of this.reads.splice(0)) read();
      for (const write of this.writes.splice(0)) write();
    });
  }
}

const defaultFrames = new Frames();

export class TimeSlice {
  private started: number;
  /** Slices ended so far (the bench counts them). */
  yields = 0;

  constructor(
    private readonly budgetMs = SLICE_MS,
    private readonly giveWay: () => Promise<void> = yieldToPage,
    private readonly now: () => number = () => performance.now(),
    private readonly frame: () => Promise<void> = () => defaultFrames.write(),
  ) {
    this.started = this.now();
  }

  /**
   * Ends the slice and waits for the page's next frame (see Frames): changes to the page's elements are laid
   * out by the frame they are made in, a few at a time, on a page of 100,000 elements.
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
