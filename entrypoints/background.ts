import { browser } from 'wxt/browser';
import { badgeFor } from '@/lib/badge';
import { isFresh, msUntilStale } from '@/lib/freshness';
import { listen, sendMessage, type ReadOutcome } from '@/lib/messages';
import { ensureOffscreenDocument } from '@/lib/offscreen-service';
import { latestReading } from '@/lib/reading-store';
import { backendSetting, moodFreshMinutes } from '@/lib/settings';

const STALE_ALARM = 'mood-stale';

/** Shows the fresh mood on the toolbar badge, or clears it, and schedules the next check. */
async function refreshBadge(): Promise<void> {
  const [reading, freshMinutes] = await Promise.all([latestReading.getValue(), moodFreshMinutes.getValue()]);
  const now = Date.now();
  const fresh = isFresh(reading, freshMinutes, now);
  const badge = badgeFor(fresh && reading ? reading.emotion : null);
  await Promise.all([
    browser.action.setBadgeText({ text: badge.text }),
    browser.action.setBadgeBackgroundColor({ color: badge.color }),
    browser.action.setTitle({ title: badge.title }),
  ]);
  await browser.alarms.clear(STALE_ALARM);
  if (fresh && reading) {
    // Alarms outlive the service worker, which Chrome stops after ~30 s idle.
    await browser.alarms.create(STALE_ALARM, { when: now + msUntilStale(reading, freshMinutes, now) + 1000 });
  }
}

export default defineBackground(() => {
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
      let outcome: ReadOutcome;
      try {
        await ensureOffscreenDocument();
        outcome = await sendMessage('offscreen-read', { ...request, backend: request.backend ?? (await backendSetting.getValue()) });
      } catch (error) {
        return { ok: false, reason: 'model-failed', message: `The mood reader could not start (${String(error)}).` };
      }
      if (outcome.ok) {
        await latestReading.setValue(outcome.reading);
        await refreshBadge();
      }
      return outcome;
    },
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === STALE_ALARM) void refreshBadge();
  });
  // "Forget my last reading" and a new freshness setting both change what the badge should say.
  latestReading.watch(() => void refreshBadge());
  moodFreshMinutes.watch(() => void refreshBadge());
  browser.runtime.onStartup.addListener(() => void refreshBadge());
});
