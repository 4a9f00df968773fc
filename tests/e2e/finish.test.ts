/**
 * The finish, end to end: the strategy chosen on the options page drives the popup's picks and the streaming
 * page's row; mood history records readings and the chart shows them, and erasing clears them; "erase
 * everything" really empties storage and IndexedDB (read back); the backend speed test; and axe-core finds
 * no serious or critical accessibility violation on the popup, options, onboarding, camera-access and
 * privacy pages, nor in the row (in its frame on a site, and on its preview in the options page).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { FACE_PHOTOS, facePath, makeY4m, type Harness } from '../harness/index.mjs';
import {
  attributesOf,
  BUILTIN_FILM_COUNT,
  e2eRun,
  expectMood,
  freshPopup,
  piercedDocument,
  readByCamera,
  readRow,
  rowFrame,
  waitForRow,
  walkNodes,
} from './support';

const run = e2eRun();
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function openOptions(h: Harness): Promise<Page> {
  const options = await h.context.newPage();
  await options.goto(h.url('options.html'));
  await options.locator('select[data-testid="strategy"]').waitFor();
  return options;
}

async function pickIds(page: Page, root = page.locator('body')): Promise<string[]> {
  await root.locator('[data-testid="pick"]').first().waitFor({ timeout: 30_000 });
  return root
    .locator('[data-testid="pick"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-movie-id') ?? ''));
}

/** Serious and critical axe violations on `page` (axe is evaluated over CDP, which the pages' CSP allows). */
async function axeViolations(page: Page | Frame, include?: string): Promise<string[]> {
  await page.evaluate(`${AXE}; 1`);
  const violations = await page.evaluate(async (selector) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: unknown,
            options: unknown,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(selector ? { include: [[selector]] } : document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
    }));
  }, include ?? null);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.join(' ')}`);
}

run.withBrowser(
  'finish: happy-baby',
  () => ({ camera: makeY4m(facePath(FACE_PHOTOS.happy)) }),
  (h) => {
    it('the strategy chosen on the options page changes the picks in the popup and on the streaming page', async () => {
      const popup = await freshPopup(h());
      expectMood(run, await readByCamera(popup), 'finish: camera happy');
      const matchPicks = await pickIds(popup);
      const site = await h().context.newPage();
      await site.goto('http://www.netflix.com/browse');
      // The row is in a closed shadow root: read over CDP.
      const matchRow = (await waitForRow(site, 'picks', undefined, 30_000)).picks;

      const options = await openOptions(h());
      await options.locator('select[data-testid="strategy"]').selectOption('lift');
      await expect.poll(async () => (await pickIds(popup)).join(), { timeout: 15_000 }).not.toBe(matchPicks.join());
      expect(await popup.locator('select[data-testid="strategy"]').inputValue()).toBe('lift');
      await expect.poll(async () => (await readRow(site)).picks.join(), { timeout: 15_000 }).not.toBe(matchRow.join());
      await options.locator('select[data-testid="strategy"]').selectOption('match');
      await Promise.all([options.close(), site.close()]);
    });

    it('history: off by default; on, it records each reading and the chart shows them; erasing empties it', async () => {
      const options = await openOptions(h());
      const toggle = options.locator('input[type=checkbox][data-testid="history-toggle"]');
      expect(await toggle.isChecked()).toBe(false);
      expect(await options.locator('[data-testid="history-chart"]').count()).toBe(0);
      await toggle.check();
      await options.locator('[data-testid="history-chart"]').waitFor();
      expect(await options.locator('[data-testid="history-chart"]').getAttribute('data-points')).toBe('0');
      const popup = await freshPopup(h());
      for (let i = 0; i < 2; i++) {
        expectMood(run, await readByCamera(popup), `history reading ${i + 1}`);
        await freshPopup(h(), popup);
      }
      await options.reload();
      await expect
        .poll(() => options.locator('[data-testid="history-chart"]').getAttribute('data-points'), { timeout: 10_000 })
        .toBe('2');
      await options.locator('[data-testid="history-erase"]').click();
      await options.locator('[data-testid="history-erase-confirm"]').click();
      await expect.poll(() => options.locator('[data-testid="history-chart"]').getAttribute('data-points')).toBe('0');
      await toggle.uncheck();
      await options.close();
    });

    it('"erase everything" empties storage and IndexedDB (read back), and the built-in catalogue comes back', async () => {
      const popup = await freshPopup(h());
      expectMood(run, await readByCamera(popup), 'before erase');
      const [first] = await pickIds(popup);
      await popup.locator(`[data-testid="pick"][data-movie-id="${first}"] [data-testid="pick-like"]`).click();
      const options = await openOptions(h());
      await options.locator('select[data-testid="backend-setting"]').selectOption('cpu');
      await options.locator('input[type=checkbox][data-testid="history-toggle"]').check();
      await options.locator('[data-testid="erase-all"]').click();
      await options.locator('[data-testid="erase-confirm"]').click();
      await options.waitForEvent('load', { timeout: 15_000 });
      const stored = await options.evaluate(async () => {
        const [sync, local] = await Promise.all([chrome.storage.sync.get(null), chrome.storage.local.get(null)]);
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open('moodreel');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const count = (store: string) =>
          new Promise<number>((resolve) => {
            const request = db.transaction(store).objectStore(store).count();
            request.onsuccess = () => resolve(request.result);
          });
        const result = {
          sync: Object.keys(sync),
          local: Object.keys(local),
          feedback: await count('feedback'),
          history: await count('history'),
        };
        db.close();
        return result;
      });
      expect(stored).toEqual({ sync: [], local: [], feedback: 0, history: 0 });
      await expect
        .poll(() => options.locator('[data-testid="catalogue-count"]').getAttribute('data-count'), { timeout: 30_000 })
        .toBe(String(BUILTIN_FILM_COUNT));
      expect(await options.locator('select[data-testid="backend-setting"]').inputValue()).toBe('auto');
      expect(await options.locator('input[data-testid="history-toggle"]').isChecked()).toBe(false);
      await options.close();
    });

    it('the speed test measures the backends on this computer', async () => {
      const options = await openOptions(h());
      await options.locator('[data-testid="backend-test"]').click();
      const wasm = options.locator('[data-testid="backend-result"][data-backend="wasm"]');
      await wasm.waitFor({ timeout: 120_000 });
      expect(Number(await wasm.getAttribute('data-ms'))).toBeGreaterThan(0);
      expect(await options.locator('[data-testid="backend-result"]').count()).toBe(4);
      await options.close();
    });

    it('axe: no serious or critical violation on the popup (with a reading and picks) and the extension pages', async () => {
      const popup = await freshPopup(h());
      expectMood(run, await readByCamera(popup), 'axe popup');
      await pickIds(popup);
      const report: Record<string, string[]> = {};
      // Both system themes: the pages follow prefers-color-scheme.
      for (const scheme of ['light', 'dark'] as const) {
        await popup.emulateMedia({ colorScheme: scheme });
        report[`popup ${scheme}`] = await axeViolations(popup);
        for (const name of ['options', 'onboarding', 'camera-access', 'privacy']) {
          const page = await h().context.newPage();
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(h().url(`${name}.html`));
          await page.locator('h1').waitFor();
          await page.waitForTimeout(300);
          report[`${name} ${scheme}`] = await axeViolations(page);
          await page.close();
        }
      }
      expect(Object.entries(report).filter(([, found]) => found.length > 0)).toEqual([]);
      expect(Object.keys(report)).toHaveLength(10);
    });

    it('CSP: every extension page renders with its styles and breaks no rule of the content security policy', async () => {
      const violations: string[] = [];
      const styled: Record<string, boolean> = {};
      for (const name of ['popup', 'options', 'onboarding', 'camera-access', 'privacy']) {
        const page = await h().context.newPage();
        page.on('console', (message) => {
          if (/Content Security Policy/iu.test(message.text())) violations.push(`${name}: ${message.text()}`);
        });
        await page.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (event) =>
            console.error(`Content Security Policy: ${event.violatedDirective} ${event.blockedURI}`),
          );
        });
        await page.goto(h().url(`${name}.html`));
        await page.locator('h1, [data-testid="read-mood"]').first().waitFor();
        await page.waitForTimeout(300);
        // The page's own stylesheet applied: a button or heading is not in the browser's default look.
        styled[name] = await page.evaluate(
          () =>
            [...document.styleSheets].some((sheet) => sheet.cssRules.length > 0) &&
            getComputedStyle(document.body).margin !== '8px',
        );
        await page.close();
      }
      expect(violations).toEqual([]);
      expect(styled).toEqual({
        'popup': true,
        'options': true,
        'onboarding': true,
        'camera-access': true,
        'privacy': true,
      });
    });

    it('axe: no serious or critical violation in the row, in its frame on a site and on its live preview, with a reading and without', async () => {
      const report: Record<string, string[]> = {};
      const popup = await freshPopup(h());
      expectMood(run, await readByCamera(popup), 'axe row preview');
      const options = await openOptions(h());
      const preview = options.locator('[data-testid="row-preview"]');
      await preview.locator('[data-testid="pick"]').first().waitFor({ timeout: 30_000 });
      expect(await preview.getAttribute('data-reading')).toBe('fresh');
      // The same row the sites get: its heading and picks, for the reading just made.
      expect(await preview.locator('[data-testid="row-heading"]').getAttribute('data-emotion')).toBeTruthy();
      expect(await preview.locator('[data-testid="pick"]').count()).toBeGreaterThanOrEqual(5);
      report['preview, reading'] = await axeViolations(options, '[data-testid="row-preview"]');
      const site = await h().context.newPage();
      await site.goto('http://www.netflix.com/browse');
      await waitForRow(site, 'picks', undefined, 30_000);
      report['frame, reading'] = await axeViolations(rowFrame(site)!);
      // No fresh reading: films many people love, checked the same way.
      await popup.evaluate(() => chrome.storage.local.remove('latestReading'));
      await expect.poll(() => preview.getAttribute('data-reading'), { timeout: 10_000 }).toBe('none');
      await preview.locator('[data-testid="pick"]').first().waitFor();
      expect(await preview.locator('[data-testid="row-heading"]').getAttribute('data-emotion')).toBeNull();
      report['preview, no reading'] = await axeViolations(options, '[data-testid="row-preview"]');
      await waitForRow(site, 'no-reading', undefined, 30_000);
      report['frame, no reading'] = await axeViolations(rowFrame(site)!);
      expect(report).toEqual({
        'preview, reading': [],
        'frame, reading': [],
        'preview, no reading': [],
        'frame, no reading': [],
      });
      await Promise.all([options.close(), popup.close(), site.close()]);
    });

    it("the row's frame has the page's language, and the page cannot see into the row", async () => {
      const site = await h().context.newPage();
      await site.goto('http://www.netflix.com/browse');
      await expect.poll(async () => (await readRow(site)).heading, { timeout: 30_000 }).toBeTruthy();
      const pageLang = await site.evaluate(() => document.documentElement.lang);
      expect(pageLang).toBeTruthy();
      expect(await rowFrame(site)!.evaluate(() => document.documentElement.lang)).toBe(pageLang);
      // The host's closed root holds the frame and no text of the row.
      const tree = await piercedDocument(site);
      const host = [...walkNodes(tree)].find(([node]) => node.localName === 'moodreel-picks')![0];
      const inRoot = [...walkNodes(host.shadowRoots![0]!)].map(([node]) => node);
      expect(inRoot.filter((node) => node.localName === 'iframe').map((node) => attributesOf(node).title)).toEqual([
        'MoodReel picks',
      ]);
      expect(inRoot.some((node) => node.nodeType === 3 && /pick|mood|film/i.test(node.nodeValue ?? ''))).toBe(false);
      expect(await site.evaluate(() => document.querySelector('moodreel-picks')?.shadowRoot ?? null)).toBeNull();
      await site.close();
    });
  },
);

run.privacyTest();
