/**
 * Browser glue for the toolbar badge: shows the fresh mood (lib/mood/badge.ts says how), clears it when the
 * reading goes stale, and keeps it right across everything that can change it.
 */
import { browser } from 'wxt/browser';
import { badgeFor } from '../mood/badge';
import { isFresh, msUntilStale } from '../mood/freshness';
import { latestReading } from './reading-store';
import { moodFreshMinutes } from './settings';

export const STALE_ALARM = 'mood-stale';

/** Shows the fresh mood on the toolbar badge, or clears it, and schedules the check that clears it. */
async function refreshBadge(now = Date.now()): Promise<void> {
  const [reading, freshMinutes] = await Promise.all([latestReading.getValue(), moodFreshMinutes.getValue()]);
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

/**
 * Keeps the badge in step: a new or forgotten reading and a new freshness setting (storage watches: the one
 * place a reading's badge is drawn), the stale alarm, and a browser start or an install, update or reload
 * (the badge is blank then, though a mood may still be fresh).
 */
export function keepBadgeInStep(): void {
  latestReading.watch(() => void refreshBadge());
  moodFreshMinutes.watch(() => void refreshBadge());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === STALE_ALARM) void refreshBadge();
  });
  browser.runtime.onStartup.addListener(() => void refreshBadge());
  browser.runtime.onInstalled.addListener(() => void refreshBadge());
}
