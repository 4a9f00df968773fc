/**
 * The films the background badged per tab, as the popup lists them: by document and counter, bounded, kept
 * in session storage across a service worker's restart, and what the page answered last winning.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BadgedTabs, parseBadgedTabs, type BadgedFilm } from './badged-tabs';

const film = (title: string, filmId = title): BadgedFilm => ({
  title,
  filmId,
  name: `${title} (2001)`,
  genres: ['Comedy'],
});
const titles = (films: BadgedFilm[]) => films.map((f) => f.title);

describe('BadgedTabs', () => {
  beforeEach(() => fakeBrowser.reset());

  it('lists what a tab was answered as badged under the current counter, in the order asked', async () => {
    const tabs = new BadgedTabs();
    await tabs.record(
      { tabId: 4, documentId: 'd1' },
      1,
      ['Amélie', 'Heat', 'Paddington'],
      [film('Amélie'), null, film('Paddington')],
    );
    expect(titles(await tabs.list(4, 1))).toEqual(['Amélie', 'Paddington']);
    expect(await tabs.list(5, 1)).toEqual([]);
    // Under a newer counter the tab asks everything again; until it has, nothing is listed for it.
    expect(await tabs.list(4, 2)).toEqual([]);
    await tabs.record({ tabId: 4, documentId: 'd1' }, 2, ['Paddington', 'Amélie'], [film('Paddington'), null]);
    expect(titles(await tabs.list(4, 2))).toEqual(['Paddington']);
  });

  it('starts again for another document in the tab (a reload, another page)', async () => {
    const tabs = new BadgedTabs();
    await tabs.record({ tabId: 4, documentId: 'd1' }, 1, ['Amélie'], [film('Amélie')]);
    await tabs.record({ tabId: 4, documentId: 'd2' }, 1, ['Heat'], [film('Heat')]);
    expect(titles(await tabs.list(4, 1))).toEqual(['Heat']);
  });

  it('drops a title turned down from every tab, and forgets a closed tab', async () => {
    const tabs = new BadgedTabs();
    await tabs.record({ tabId: 1 }, 1, ['Amélie', 'Heat'], [film('Amélie'), film('Heat')]);
    await tabs.record({ tabId: 2 }, 1, ['amélie'], [film('amélie')]);
    await tabs.drop('AMÉLIE');
    expect(titles(await tabs.list(1, 1))).toEqual(['Heat']);
    expect(await tabs.list(2, 1)).toEqual([]);
    await tabs.forgetTab(1);
    expect(await tabs.list(1, 1)).toEqual([]);
  });

  it('is kept in session storage: a restarted service worker still knows', async () => {
    await new BadgedTabs().record({ tabId: 9, documentId: 'd' }, 3, ['Heat'], [film('Heat')]);
    expect(titles(await new BadgedTabs().list(9, 3))).toEqual(['Heat']);
  });

  it('holds at most 300 films a tab and 40 tabs', async () => {
    const tabs = new BadgedTabs(null);
    const many = Array.from({ length: 350 }, (_, i) => film(`Film ${i}`));
    await tabs.record({ tabId: 1 }, 1, titles(many), many);
    const listed = await tabs.list(1, 1);
    expect(listed).toHaveLength(300);
    expect(listed[0]!.title).toBe('Film 50');
    for (let tab = 2; tab <= 45; tab++) await tabs.record({ tabId: tab }, 1, ['Heat'], [film('Heat')]);
    expect(await tabs.list(1, 1)).toEqual([]);
    expect(titles(await tabs.list(45, 1))).toEqual(['Heat']);
  });

  it('reads a stored record only when it is one', () => {
    expect(parseBadgedTabs([{ tabId: 1, documentId: null, films: [{ film: film('Heat'), moodKey: 2 }] }])).toEqual([
      { tabId: 1, documentId: null, films: [{ film: film('Heat'), moodKey: 2 }] },
    ]);
    for (const bad of [
      {},
      [{ tabId: 'one', documentId: null, films: [] }],
      [{ tabId: 1, documentId: 5, films: [] }],
      [{ tabId: 1, documentId: null, films: [{ film: { title: 'x' }, moodKey: 1 }] }],
      [{ tabId: 1, documentId: null, films: [{ film: film('Heat'), moodKey: 'now' }] }],
    ])
      expect(parseBadgedTabs(bad), JSON.stringify(bad)).toBeUndefined();
  });
});
