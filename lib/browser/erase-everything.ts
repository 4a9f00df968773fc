/**
 * "Erase everything": the extension's database first (imported films, 👍/👎, mood history), then its
 * storage (settings, the latest reading, the record of shown picks, the session's flags). The database goes
 * first because storage holds the history switch: were storage cleared and the database not, history would
 * be kept while the options page said it was off. A failed step is reported, never hidden.
 */
export interface EraseSteps {
  /** Empties the database (one transaction: all or nothing). */
  eraseDatabase(): Promise<void>;
  /** Each storage area by name ("sync", "local", "session"). */
  storageAreas: Record<string, { clear(): Promise<void> }>;
  /** Puts the built-in catalogue back, so the picks keep working. */
  reseed(): Promise<void>;
}

/** What a finished "Erase everything" says it did. */
export const ERASED =
  'Everything erased: your settings, your last reading and the picks it showed, your mood history, 👍/👎, "Not this film" titles and imported films. The built-in films are back.';

export type EraseResult = { ok: true } | { ok: false; message: string };

const why = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function eraseEverything(steps: EraseSteps): Promise<EraseResult> {
  try {
    await steps.eraseDatabase();
  } catch (error) {
    return {
      ok: false,
      message: `Your films, 👍/👎 and mood history could not be erased (${why(error)}). Nothing was erased; try again.`,
    };
  }
  const failed: string[] = [];
  for (const [name, area] of Object.entries(steps.storageAreas)) {
    try {
      await area.clear();
    } catch (error) {
      failed.push(`${name} storage (${why(error)})`);
    }
  }
  if (failed.length > 0) {
    return {
      ok: false,
      message: `Your films, 👍/👎 and history were erased, but not ${failed.join(' and ')}: your settings or last reading may remain. Try again.`,
    };
  }
  try {
    await steps.reseed();
  } catch (error) {
    return {
      ok: false,
      message: `Everything was erased, but the built-in films could not be put back (${why(error)}). Reload this page.`,
    };
  }
  return { ok: true };
}
