import { browser } from 'wxt/browser';
import { createCatalogueService } from '@/lib/browser/catalogue-service';
import { openStores } from '@/lib/browser/database';
import { listen, READING_PORT_PREFIX, selfOf, senderKind, sendMessage } from '@/lib/browser/messages';
import { createPicksService } from '@/lib/browser/picks-service';
import { ensureOffscreenDocument } from '@/lib/browser/offscreen-service';
import { latestReading, restingFace } from '@/lib/browser/reading-store';
import { backendSetting, historySetting, readingLengthSetting } from '@/lib/browser/settings';
import { chosenReading } from '@/lib/mood/chosen';
import { correctionOf } from '@/lib/mood/corrections';
import { historyEntryOf } from '@/lib/mood/history';
import { keepBadgeInStep } from '@/lib/browser/toolbar-badge';
import { closeSessionStorageToContentScripts } from '@/lib/sites/session-access';
import { currentMoodKey, readSiteState, serveSiteChanges } from '@/lib/browser/site-state';
import { BadgedTabs } from '@/lib/browser/badged-tabs';
import { createSiteTitles } from '@/lib/browser/site-titles';
import { normalizeTitle } from '@/lib/catalogue/titles';
import { hideRowOn } from '@/lib/browser/row-hide';
import type { ReadOutcome, ReadRequest } from '@/lib/mood/types';
import { calibrateReading } from '@/lib/reader/calibrate-reading';
import { READING_CANCELLED, readerDidNotStart, readingInterrupted } from '@/lib/reader/errors';
import { restrictStorageToTrustedContexts } from '@/lib/browser/storage-access';

export default defineBackground(() => {
  // Extension storage is for our own pages and this worker: content scripts ask the background instead.
  void restrictStorageToTrustedContexts();
  const { catalogue: repository, history, corrections } = openStores();
  const catalogue = createCatalogueService({ repository });
  const picks = createPicksService(catalogue);
  // The tabs' badges follow every change they depend on: the background says "redraw" (and nothing more).
  const sites = serveSiteChanges();
  const badgedTabs = new BadgedTabs();
  const siteTitles = createSiteTitles(picks, badgedTabs, currentMoodKey);
  browser.tabs.onRemoved.addListener((tabId) => void badgedTabs.forgetTab(tabId));
  listen('background', {
    'prepare-reader': async () => {
      try {
        await ensureOffscreenDocument();
        return await sendMessage('offscreen-prepare', { backend: await backendSetting.getValue() });
      } catch {
        return { ok: false };
      }
    },
    'read-mood': async (request): Promise<ReadOutcome> => {
      const outcome = await readFace(request);
      if (!outcome.ok) return outcome;
      // Corrected relative to the resting face when there is one (the offscreen document cannot read storage).
      const reference = await restingFace.getValue();
      const reading = reference ? calibrateReading(outcome.reading, reference.probabilities) : outcome.reading;
      // The badge follows the stored reading (keepBadgeInStep watches it): no second refresh here.
      await latestReading.setValue(reading);
      // History is off by default; when on, the reading's numbers (never an image) join it.
      if (await historySetting.getValue()) await history.add(historyEntryOf(reading)).catch(() => undefined);
      return { ok: true, reading };
    },
    'calibrate-resting-face': async ({ readingId }) => {
      // The reading path as it is, for about two seconds of one face; its numbers are the reference as read.
      const outcome = await readFace({ source: 'camera', length: 'steady', group: false, readingId });
      if (!outcome.ok) return outcome;
      const reference = { probabilities: outcome.reading.probabilities, at: outcome.reading.at, samples: 1 };
      await restingFace.setValue(reference);
      return { ok: true, restingFace: reference };
    },
    'choose-mood': async ({ emotion, corrects }) => {
      // Only the reading on screen can be corrected: the latest one, named by its time.
      const latest = await latestReading.getValue();
      const replaced = latest && corrects !== undefined && latest.at === corrects ? latest : null;
      const reading = chosenReading(emotion, Date.now(), replaced);
      await latestReading.setValue(reading);
      if (await historySetting.getValue()) {
        // Kept where the history is: in place of the reading it corrects, and the correction beside it.
        const entry = historyEntryOf(reading);
        await (replaced ? history.replace(replaced.at, entry) : history.add(entry)).catch(() => undefined);
        const correction = correctionOf(reading);
        if (correction) await corrections.put(correction).catch(() => undefined);
        else if (reading.corrects) await corrections.remove(reading.corrects.at).catch(() => undefined);
      }
      return { ok: true, reading };
    },
    'test-backends': async ({ backend, last }) => {
      await ensureOffscreenDocument();
      return sendMessage('offscreen-test-backends', {
        backend,
        restore: last ? await backendSetting.getValue() : null,
      });
    },
    'get-picks': (request) => picks.getPicks(request),
    'match-titles': (request, sender) => siteTitles.matchTitles(request.titles, sender),
    'badged-on-tab': ({ tabId }) => siteTitles.badgedOn(tabId),
    'feedback': async (request) => {
      const answer = await picks.feedback(request);
      // A 👎 takes the film's badges away too (and an undone one brings them back).
      await sites.redraw();
      return answer;
    },
    // content scripts may send this
    'site-state': (request) => readSiteState(request.site),
    'hide-row': ({ site }, from) => hideRowOn(site, from.tabUrl),
    // The popup's "Not this film" on a film badged on the current tab, and its Undo.
    'reject-title': async ({ title }) => {
      // The film it was matched to is kept beside it, so the options page can say what the title had been taken for.
      const { index } = await catalogue.snapshot();
      const film = index.match(title);
      await catalogue.repository.markNotThisFilm(title, film?.id ?? null, Date.now());
      await badgedTabs.drop(title);
      await sites.redraw();
      return { ok: true };
    },
    'restore-title': async ({ title }) => {
      const ok = await catalogue.repository.undoNotThisFilm(normalizeTitle(title));
      await sites.redraw();
      return { ok };
    },
  });
  // The popup holds a port named after its reading while the reading runs. The port closing first means
  // the popup closed: the offscreen document stops the camera and the reading's answer is dropped.
  const self = selfOf(browser.runtime);
  const closedReadings = new Set<string>();
  /**
   * The one reading path (a mood, or the resting face): the offscreen document reads, with the user's backend
   * and reading length unless the request says; a reading whose page closed meanwhile is dropped.
   */
  async function readFace(request: ReadRequest & { readingId?: string }): Promise<ReadOutcome> {
    const id = request.readingId;
    if (id !== undefined && closedReadings.has(id)) return { ok: false, ...READING_CANCELLED };
    let outcome: ReadOutcome | undefined;
    try {
      await ensureOffscreenDocument();
    } catch (error) {
      return { ok: false, ...readerDidNotStart(error) };
    }
    try {
      const backend = request.backend ?? (await backendSetting.getValue());
      outcome = await sendMessage(
        'offscreen-read',
        request.source === 'camera'
          ? { ...request, backend, length: request.length ?? (await readingLengthSetting.getValue()) }
          : { ...request, backend },
      );
    } catch (error) {
      // The offscreen document closed mid-reading (Chrome closed it, or it crashed): its channel closed.
      return { ok: false, ...readingInterrupted(error) };
    }
    if (!outcome) return { ok: false, ...readingInterrupted() };
    // A reading whose popup closed meanwhile is dropped: nothing is stored.
    if (id !== undefined && closedReadings.has(id)) return { ok: false, ...READING_CANCELLED };
    return outcome;
  }
  browser.runtime.onConnect.addListener((port) => {
    if (!port.name.startsWith(READING_PORT_PREFIX)) return;
    if (senderKind(port.sender ?? {}, self) !== 'extension') {
      port.disconnect();
      return;
    }
    const id = port.name.slice(READING_PORT_PREFIX.length);
    port.onDisconnect.addListener(() => {
      closedReadings.add(id);
      setTimeout(() => closedReadings.delete(id), 60_000);
      void sendMessage('offscreen-cancel', { readingId: id }).catch(() => undefined);
    });
  });
  keepBadgeInStep();
  // Session storage (the row's hide flag) is for trusted contexts: content scripts ask the background.
  void closeSessionStorageToContentScripts().catch(() => undefined);
  browser.runtime.onInstalled.addListener(({ reason }) => {
    // A first install opens the welcome page (what it does, the camera, the privacy promise, a first reading).
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/onboarding.html') });
    // Install and update: the built-in catalogue goes in (or a newer one replaces it) before anyone asks.
    void catalogue.seed().catch((error: unknown) => console.warn('MoodReel: seeding the catalogue failed', error));
  });
});
