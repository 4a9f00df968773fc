/**
 * Runs jobs one after another, each after the previous one settled. The offscreen document's readings, its
 * warm-ups and the options page's speed test all go through one: the speed test loads every backend in turn,
 * and loading one disposes the model before it (tfjs has one global backend), so it must never run while a
 * reading is using that model.
 */
export type Serial = <T>(job: () => Promise<T>) => Promise<T>;

export function oneAtATime(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(() => job());
    tail = run.catch(() => undefined);
    return run;
  };
}
