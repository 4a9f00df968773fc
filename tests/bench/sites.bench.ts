/**
 * Bench of the badge work on a big page, in happy-dom (run: npx vitest run --project bench
 * tests/bench/sites.run.ts; in Chromium, `npm run bench` bundles it). happy-dom's DOM is slower than Chromium's, so the figures are an upper bound of
 * MoodReel's own main-thread cost, not a browser measurement. The background is a fake that answers at
 * once, so the time is the content script's: reading tiles, the cache, drawing badges, the observer.
 * Nothing asserts on these numbers; they are printed as a table.
 */
import { NETFLIX } from '../../lib/sites/adapters/index';
import { Badger } from '../../lib/sites/badger';
import { findTiles } from '../../lib/sites/read';
import { FAKE_CATALOGUE, fakeBackground, mood } from '../support/sites-testing';
import { TitleLookup } from '../../lib/sites/title-lookup';
import { watchPage } from '../../lib/sites/watcher';

export interface BenchRow {
  case: string;
  ms: number;
  passes: number;
  messages: number;
  badges: number;
  /** Tiles holding MoodReel's inert host (every tile read, badged or not: the page cannot tell them apart). */
  hosts: number;
}

/** Titles for `count` tiles: every third a catalogue film (half of those fit "happy"), the rest unknown. */
function titles(count: number, offset = 0): string[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + offset;
    return n % 3 === 0 ? FAKE_CATALOGUE[(n / 3) % FAKE_CATALOGUE.length]!.title : `Unknown Title ${n}`;
  });
}

/** A Netflix 2026 row of cards, as the demo page has them. */
function row(index: number, labels: string[]): HTMLElement {
  const section = document.createElement('section');
  section.setAttribute('data-uia', `carousel-row-section-${index}`);
  labels.forEach((label, i) => {
    const slot = document.createElement('div');
    slot.setAttribute('data-virtual-slot', String(i));
    const card = document.createElement('a');
    card.setAttribute('data-uia', 'standard-card');
    card.setAttribute('href', `/browse?jbv=${index * 1000 + i}`);
    card.setAttribute('aria-label', label);
    const poster = document.createElement('div');
    poster.textContent = label;
    card.append(poster);
    slot.append(card);
    section.append(slot);
  });
  return section;
}

function page(): HTMLElement {
  document.body.innerHTML = '<div data-uia="browse-page-sections"></div>';
  return document.body.firstElementChild as HTMLElement;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One full badge pass over `tiles` tiles, then the same page again (the periodic re-scan), then a new mood. */
async function fullPasses(tiles: number): Promise<BenchRow[]> {
  const sections = page();
  for (let r = 0; r < tiles / 25; r++) sections.append(row(r, titles(25, r * 25)));
  const background = fakeBackground({ mood: mood('happy') });
  const lookup = new TitleLookup(background.matchTitles);
  const badger = new Badger(NETFLIX, lookup);
  const rows: BenchRow[] = [];
  const measure = async (name: string, work: () => Promise<void>) => {
    const before = lookup.messages;
    const start = performance.now();
    await work();
    rows.push({
      case: name,
      ms: performance.now() - start,
      passes: 1,
      messages: lookup.messages - before,
      badges: badger.badges.count,
      hosts: badger.badges.hosts,
    });
  };
  await measure(`first pass, ${tiles} tiles`, () => badger.pass(findTiles(NETFLIX, [document])));
  await measure(`re-scan, ${tiles} tiles, nothing new`, () => badger.pass(findTiles(NETFLIX, [document])));
  background.mood = mood('sad');
  lookup.redraw();
  await measure(`new mood, ${tiles} tiles`, () => badger.pass(findTiles(NETFLIX, [document])));
  badger.clear();
  background.mood = null;
  lookup.redraw();
  await measure(`first pass, ${tiles} tiles, no reading`, () => badger.pass(findTiles(NETFLIX, [document])));
  badger.clear();
  return rows;
}

/** `tiles` tiles arriving in bursts (a row every `gapMs`), through the page watcher, as on a scrolling page. */
async function bursts(tiles: number, perBurst: number, gapMs: number): Promise<BenchRow> {
  const sections = page();
  const background = fakeBackground({ mood: mood('happy') });
  const lookup = new TitleLookup(background.matchTitles);
  const badger = new Badger(NETFLIX, lookup);
  let inPasses = 0;
  const watcher = watchPage({
    root: document.body,
    attributes: NETFLIX.titleAttributes,
    isOwn: (node) => node.nodeName.toLowerCase() === 'moodreel-badge',
    onPass: async (work) => {
      const start = performance.now();
      await badger.pass(findTiles(NETFLIX, work.full ? [document] : work.changed));
      inPasses += performance.now() - start;
    },
    timers: { setTimeout: (fn, ms) => window.setTimeout(fn, ms) },
    rescanMs: 60_000,
  });
  await watcher.flush();
  for (let b = 0; b < tiles / perBurst; b++) {
    sections.append(row(b, titles(perBurst, b * perBurst)));
    await sleep(gapMs);
  }
  await watcher.flush();
  watcher.stop();
  const result = {
    case: `${tiles} tiles in bursts of ${perBurst}, ${gapMs} ms apart`,
    ms: inPasses,
    passes: watcher.passes,
    messages: lookup.messages,
    badges: badger.badges.count,
    hosts: badger.badges.hosts,
  };
  badger.clear();
  return result;
}

export async function runSitesBench(): Promise<BenchRow[]> {
  return [...(await fullPasses(1_000)), await bursts(1_000, 50, 30), await bursts(1_000, 10, 5)];
}

export function formatBench(rows: BenchRow[]): string {
  const header = ['case', 'main-thread ms', 'passes', 'messages', 'badges', 'hosts'];
  const lines = rows.map((r) => [
    r.case,
    r.ms.toFixed(1),
    String(r.passes),
    String(r.messages),
    String(r.badges),
    String(r.hosts),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [format(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(format)].join('\n');
}
