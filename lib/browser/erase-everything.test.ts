import { describe, expect, it } from 'vitest';
import { eraseEverything, type EraseSteps } from './erase-everything';

/** Steps that record their order; `failing` names the ones that throw. */
function steps(failing: string[] = []) {
  const done: string[] = [];
  const step = (name: string) => async () => {
    if (failing.includes(name)) throw new Error(`${name} is locked`);
    done.push(name);
  };
  const parts: EraseSteps = {
    eraseDatabase: step('database'),
    storageAreas: {
      sync: { clear: step('sync') },
      local: { clear: step('local') },
      session: { clear: step('session') },
    },
    reseed: step('reseed'),
  };
  return { parts, done };
}

describe('erase everything', () => {
  it('erases the database first, then every storage area, then puts the built-in films back', async () => {
    const { parts, done } = steps();
    expect(await eraseEverything(parts)).toEqual({ ok: true });
    expect(done).toEqual(['database', 'sync', 'local', 'session', 'reseed']);
  });

  it('stops when the database cannot be erased: storage (with the history switch) is kept, and the user is told', async () => {
    const { parts, done } = steps(['database']);
    const result = await eraseEverything(parts);
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/could not be erased \(database is locked\)\. Nothing was erased/),
    });
    expect(done).toEqual([]);
  });

  it('clears the other areas when one fails, and names the one that failed', async () => {
    const { parts, done } = steps(['local']);
    const result = await eraseEverything(parts);
    expect(result).toEqual({ ok: false, message: expect.stringContaining('not local storage (local is locked)') });
    expect(done).toEqual(['database', 'sync', 'session']);
  });

  it('says so when the built-in films cannot be put back', async () => {
    const { parts } = steps(['reseed']);
    expect(await eraseEverything(parts)).toEqual({
      ok: false,
      message: expect.stringContaining('built-in films could not be put back'),
    });
  });
});
