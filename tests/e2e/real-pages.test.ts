/**
 * The built extension on real saved streaming pages (../shared/pages), reached under the real host names
 * (the pages are served on 127.0.0.1 with --host-resolver-rules; their scripts kept as inert text, their
 * markup is the sites'): a Netflix home page (row and badges), a Netflix search page (badges, no row) and Prime Video's
 * title page saved on www.amazon.de/gp/video/ (badges). Every badge must sit on a tile hand-labelled as the
 * catalogue film it names, for several moods. Skipped, with a message, where ../shared is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, launchExtension, type Harness } from '../harness/index.mjs';
import { LABELLED_PAGES } from '../fixtures/real-pages/labels';
import { pressNotThisFilm, readBadges, setStoredReading, waitForRow } from './support';

const PAGES_DIR = path.join(ROOT, '../shared/pages');
const hasPages = existsSync(PAGES_DIR);
if (!hasPages) console.warn(`Skipping the real-page e2e: no saved pages at ${PAGES_DIR} (../shared is not here)`);

/** host + path → saved page. */
const SERVED: Record<string, string> = {
  'www.netflix.com/browse': 'netflix/browse-2026-05',
  'www.netflix.com/search': 'netflix/search-2026-06',
  // Saved from amazon.de/gp/video/; served here on primevideo.com, since Amazon's stores are HSTS-preloaded
  // (http is upgraded to https before the host mapping). manifest.test.ts checks the /gp/video/ matches.
  'www.primevideo.com/detail/0TMFS1J1ABCHOVP5KNMOTJKDOO': 'prime/detail-de-2026-03',
};

let server: http.Server;
let harness: Harness | undefined;

beforeAll(async () => {
  if (!hasPages) return;
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const page = SERVED[`${(req.headers.host ?? '').replace(/:\d+$/, '')}${url.pathname}`];
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    // The markup as saved; the sites' scripts kept as inert text (run, they would try to reach their servers;
    // the content script reads the kinds the page's inline app state states).
    const html = readFileSync(path.join(PAGES_DIR, `${page}.html`), 'utf8').replace(
      /<script\b/gi,
      '<script type="text/plain"',
    );
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  harness = await launchExtension({ hostMap: { 'www.netflix.com': port, 'www.primevideo.com': port } });
});

afterAll(async () => {
  await harness?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

function h(): Harness {
  if (!harness) throw new Error('The browser did not launch');
  return harness;
}

async function setReading(emotion: string): Promise<void> {
  await setStoredReading(h(), emotion);
}

/** The badges once they stop changing (the first pass asks the background, which may still be seeding). */
async function settledBadges(page: Page): ReturnType<typeof readBadges> {
  let last = '';
  let stableFor = 0;
  for (let i = 0; i < 120; i++) {
    const now = JSON.stringify(await readBadges(page));
    stableFor = now === last && now !== '[]' ? stableFor + 1 : 0;
    if (stableFor >= 4) break;
    last = now;
    await page.waitForTimeout(250);
  }
  return readBadges(page);
}

function labelsOf(file: string) {
  return LABELLED_PAGES.find((p) => p.file === file)!.labels;
}

describe.skipIf(!hasPages)('real pages under the real host names', () => {
  for (const emotion of ['happy', 'angry', 'sad']) {
    it(`Netflix search page, ${emotion}: badges only on tiles labelled as a catalogue film, and no row`, async () => {
      await setReading(emotion);
      const page = await h().context.newPage();
      await page.goto('http://www.netflix.com/search?q=action');
      const badges = await settledBadges(page);
      const labels = labelsOf('netflix/search-2026-06');
      expect(badges.length, emotion).toBeGreaterThan(0);
      for (const badge of badges) {
        expect(labels[badge.title], badge.title).toMatch(/^film:/);
        expect(badge.emotion).toBe(emotion);
      }
      expect(await page.locator('moodreel-picks').count()).toBe(0);
      await page.close();
    });
  }

  it('Netflix home page (May 2026): the row, and no badge on a series or a namesake', async () => {
    await setReading('happy');
    const page = await h().context.newPage();
    await page.goto('http://www.netflix.com/browse');
    const badges = await settledBadges(page);
    const labels = labelsOf('netflix/browse-2026-05');
    expect(badges.map((b) => b.title)).toContain('The Royal Tenenbaums');
    for (const badge of badges) expect(labels[badge.title], badge.title).toMatch(/^film:/);
    for (const title of ['Outlander', 'Stranger Things', 'Black Mirror', 'Long Story Short', 'Apex']) {
      expect(badges.map((b) => b.title)).not.toContain(title);
    }
    await page.waitForSelector('moodreel-picks');
    // The row's picks, read inside its frame on the saved page (its own styles and scripts around it).
    const row = await waitForRow(page, 'picks', 'happy', 30_000);
    expect(row.picks.length).toBeGreaterThanOrEqual(5);
    // The badge names the film it means.
    expect(badges.find((b) => b.title === 'The Royal Tenenbaums')?.label).toBe(
      'Fits your happy mood: The Royal Tenenbaums (2001), Comedy · Drama',
    );
    // "Not this film", pressed with the mouse in the popup (the page has no such button): the badge goes,
    // comes back on Undo, and once turned down for good stays gone on the next visit.
    const titles = async () => (await readBadges(page)).map((b) => b.title);
    const popup = await pressNotThisFilm(h(), page, 'The Royal Tenenbaums');
    await expect.poll(titles, { timeout: 10_000 }).not.toContain('The Royal Tenenbaums');
    await popup.locator('[data-title="The Royal Tenenbaums"] [data-testid="undo-not-this-film"]').click();
    await expect.poll(titles, { timeout: 10_000 }).toContain('The Royal Tenenbaums');
    await popup.close();
    await (await pressNotThisFilm(h(), page, 'The Royal Tenenbaums')).close();
    await expect.poll(titles, { timeout: 10_000 }).not.toContain('The Royal Tenenbaums');
    await page.reload();
    const again = await settledBadges(page);
    expect(again.length).toBeGreaterThan(0);
    expect(again.map((b) => b.title)).not.toContain('The Royal Tenenbaums');
    await page.close();
  });

  it('Prime Video title page (saved on amazon.de/gp/video/): the film card of "Customers also watched" badged', async () => {
    await setReading('angry');
    const page = await h().context.newPage();
    await page.goto('http://www.primevideo.com/detail/0TMFS1J1ABCHOVP5KNMOTJKDOO');
    const badges = await settledBadges(page);
    expect(badges).toEqual([
      {
        title: 'The Creator',
        emotion: 'angry',
        label: 'Fits your angry mood: The Creator (2023), Action · Sci-Fi · Thriller',
      },
    ]);
    await page.close();
  });
});
