// The catalogue and picks code in a real Chromium page (bundled by tests/bench/product.mjs with esbuild):
// seeding the built-in catalogue into IndexedDB, a 100,000-film import (preview and commit), title matches
// and picks over the lot. The same modules as the extension, on Chromium's IndexedDB and JavaScript engine.
import { decodeBuiltinCatalogue } from '../../../lib/catalogue/builtin';
import { catalogueKeys, previewCsvImport } from '../../../lib/catalogue/csv-import';
import { buildTitleIndex } from '../../../lib/catalogue/match';
import { openStores } from '../../../lib/browser/database';
import { NO_NUDGES } from '../../../lib/picks/feedback';
import { rankPicks } from '../../../lib/picks/rank';
import { weightsFor } from '../../../lib/picks/strategies';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function time<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

export async function run({ catalogueText, csvText }: { catalogueText: string; csvText: string }) {
  indexedDB.deleteDatabase('moodreel-bench');
  const repository = openStores('moodreel-bench').catalogue;
  const [builtin, decodeMs] = await time(() => decodeBuiltinCatalogue(catalogueText));
  const [, seedMs] = await time(() => repository.seedBuiltin(builtin.films, builtin.version));
  const [films, loadMs] = await time(() => repository.allFilms());
  const [index, indexMs] = await time(() => buildTitleIndex(films));
  const queries = films
    .slice(0, 1000)
    .map((f, i) => (i % 4 === 3 ? { title: `${f.title} (Dubbed)`, year: null } : { title: f.title, year: f.year }));
  const matchRuns: number[] = [];
  for (let r = 0; r < 7; r++)
    matchRuns.push((await time(() => queries.forEach((q) => index.match(q.title, q.year))))[1]);

  // A 100,000-line import: preview (streamed, yielding), then commit; the longest pause of the page while it runs.
  let longest = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  const [preview, previewMs] = await time(() => previewCsvImport(new Blob([csvText]), { known: catalogueKeys(films) }));
  if (!preview.ok) throw new Error(preview.message);
  const [, commitMs] = await time(() => repository.commitImport(preview.films));
  clearInterval(ticker);

  const all = await repository.allFilms();
  const input = {
    films: all,
    probabilities: [0.05, 0, 0.05, 0.6, 0.2, 0.05, 0.05],
    strategy: 'match' as const,
    weights: weightsFor('match', null),
    nudges: NO_NUDGES,
    hidden: new Set<string>(),
    recent: new Set<string>(),
  };
  const [, firstPicksMs] = await time(() => rankPicks({ ...input, page: 0 }));
  const picksRuns: number[] = [];
  for (let r = 0; r < 15; r++) picksRuns.push((await time(() => rankPicks({ ...input, page: r % 4 })))[1]);
  repository.close();
  indexedDB.deleteDatabase('moodreel-bench');
  return {
    builtinFilms: builtin.films.length,
    decodeMs,
    seedMs,
    loadMs,
    indexMs,
    matches1000Ms: median(matchRuns),
    importLines: preview.rows,
    importPreviewMs: previewMs,
    importCommitMs: commitMs,
    longestPauseMs: longest,
    picksFilms: all.length,
    picksFirstMs: firstPicksMs,
    picksMedianMs: median(picksRuns),
  };
}
