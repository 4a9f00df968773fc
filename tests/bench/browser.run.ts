/**
 * Prints the cost of one `match-titles` message at its bound (500 titles of 200 characters) in the background:
 * the payload check, then matching against the built-in catalogue (9,742 films) with a fresh reading. Asserts
 * nothing on its numbers. Not a test: the vitest project `bench` runs it (`npm run bench` does).
 */
import { readFileSync } from 'node:fs';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openStores } from '../../lib/browser/database';
import { median } from '../../lib/reader/stats';
import { createCatalogueService } from '../../lib/browser/catalogue-service';
import { MAX_TITLE_LENGTH, MAX_TITLES_PER_MESSAGE } from '../../lib/browser/message-checks';
import { envelope, routeMessage, type Self } from '../../lib/browser/messages';
import { createPicksService } from '../../lib/browser/picks-service';
import { latestReading } from '../../lib/browser/reading-store';
import { cameraReading } from '../support/readings';

const SELF: Self = {
  id: 'bench',
  origin: 'chrome-extension://bench',
  serviceWorkerUrl: 'chrome-extension://bench/background.js',
};
const CONTENT_SCRIPT = { id: 'bench', url: 'https://www.netflix.com/browse', tab: { id: 1 } };
const RUNS = 7;

it('match-titles at its bound (500 titles of 200 characters)', async () => {
  fakeBrowser.reset();
  const builtin = readFileSync('public/catalogue/movielens.json', 'utf8');
  const repository = openStores('moodreel', { indexedDB: new IDBFactory(), IDBKeyRange }).catalogue;
  const picks = createPicksService(createCatalogueService({ repository, loadBuiltin: async () => builtin }));
  await latestReading.setValue(cameraReading({ at: Date.now() }));
  const films = JSON.parse(builtin).films as { title: string }[];
  const pad = (title: string, filler: string) => (title + filler.repeat(MAX_TITLE_LENGTH)).slice(0, MAX_TITLE_LENGTH);
  const payloads: Record<string, string[]> = {
    'catalogue titles, padded with words': films
      .slice(0, MAX_TITLES_PER_MESSAGE)
      .map((f) => pad(`${f.title} `, 'and then some more ')),
    'runs of spaces': Array.from({ length: MAX_TITLES_PER_MESSAGE }, (_, i) => pad(`x${i}`, ' ')),
    'brackets and years': Array.from({ length: MAX_TITLES_PER_MESSAGE }, () => pad('(', '(1995) ')),
    'accented letters (Unicode folding)': Array.from({ length: MAX_TITLES_PER_MESSAGE }, () =>
      pad('', 'Amélie Ørsted '),
    ),
  };
  const handlers = {
    'get-picks': picks.getPicks,
    'match-titles': (request: { titles: { title: string; year: number | null; kind: 'movie' | 'series' | null }[] }) =>
      picks.matchTitles(request.titles),
  };
  const rows: string[][] = [];
  for (const [label, titles] of Object.entries(payloads)) {
    const message = envelope('match-titles', { titles: titles.map((title) => ({ title })) });
    const once = async () => {
      const started = performance.now();
      await routeMessage('background', handlers as never, message, CONTENT_SCRIPT, SELF);
      return performance.now() - started;
    };
    await once(); // the first one also loads the catalogue snapshot
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push(await once());
    rows.push([label, median(times).toFixed(1), Math.max(...times).toFixed(1)]);
  }
  // What an unbounded message cost before (1,000,000 titles took 4.8 s of worker time): now refused unread.
  const flood = envelope('match-titles', { titles: Array.from({ length: 1_000_000 }, (_, i) => ({ title: `t${i}` })) });
  const refusals = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await routeMessage('background', handlers as never, flood, CONTENT_SCRIPT, SELF, () => undefined);
    refusals.push(performance.now() - started);
  }
  rows.push(['1,000,000 titles (refused)', median(refusals).toFixed(1), Math.max(...refusals).toFixed(1)]);
  const width = Math.max(...rows.map((r) => r[0]!.length));
  console.log(
    `\nmatch-titles at the bound (${MAX_TITLES_PER_MESSAGE} titles × ${MAX_TITLE_LENGTH} chars, check + match, median of ${RUNS}, ms)\n` +
      `${'payload'.padEnd(width)}  median    max\n` +
      rows.map(([label, med, max]) => `${label!.padEnd(width)}  ${med!.padStart(6)} ${max!.padStart(6)}`).join('\n') +
      '\n',
  );
  repository.close();
}, 300_000);
