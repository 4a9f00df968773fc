// @vitest-environment happy-dom
/**
 * The popup's picks when the background fails or the reading has gone stale: the user is told, and nothing on
 * screen pretends a vote was kept. The background is played by a mocked `sendMessage`.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Picks } from '@/components/Picks';
import type { MoodReading } from '@/lib/mood/types';
import { cameraReading } from '../support/readings';

const sendMessage = vi.fn();
vi.mock('@/lib/browser/messages', () => ({ sendMessage: (...args: unknown[]) => sendMessage(...args) }));

const reading: MoodReading = cameraReading();
const pick = (id: string, title: string) => ({
  id,
  title,
  year: 2001,
  genres: ['Comedy'],
  rating: 4,
  source: 'builtin',
  reason: 'Comedy · fits your happy mood',
});
const page = (picks: unknown[], hasMore = false) => ({
  mood: { emotion: 'happy', at: 1_000, faces: 1 },
  strategy: 'match',
  picks,
  hasMore,
});

let root: HTMLElement;
/** Lets the strategy load, the page arrive and Preact render (a few turns of the event loop). */
const settle = async () => {
  for (let i = 0; i < 3; i++) await act(() => new Promise<void>((resolve) => setTimeout(resolve, 10)));
};

beforeEach(() => {
  fakeBrowser.reset();
  sendMessage.mockReset();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('popup picks', () => {
  it('says the vote was not saved, and keeps the film, when the background fails', async () => {
    sendMessage.mockImplementation(async (type: string) => {
      if (type === 'get-picks') return page([pick('1', 'Amélie'), pick('2', 'Paddington')]);
      throw new Error('the background is gone');
    });
    render(<Picks reading={reading} />, root);
    await settle();
    expect(root.querySelectorAll('[data-testid=pick]')).toHaveLength(2);
    (root.querySelector('[data-testid=pick-dislike]') as HTMLButtonElement).click();
    await settle();
    expect(root.querySelector('[data-testid=vote-error]')?.textContent).toMatch(/could not be saved/);
    expect(root.querySelectorAll('[data-testid=pick]')).toHaveLength(2);
    expect(root.querySelector('[data-testid=undo-hide]')).toBeNull();
    (root.querySelector('[data-testid=pick-like]') as HTMLButtonElement).click();
    await settle();
    expect(root.querySelector('[data-testid=pick-like]')?.getAttribute('aria-pressed')).toBe('false');
  });

  it('says the reading is too old when "More picks" finds it stale, not that no film fits', async () => {
    let calls = 0;
    sendMessage.mockImplementation(async () =>
      ++calls === 1 ? page([pick('1', 'Amélie')], true) : { mood: null, strategy: 'match', picks: [], hasMore: false },
    );
    render(<Picks reading={reading} />, root);
    await settle();
    (root.querySelector('[data-testid=more-picks]') as HTMLButtonElement).click();
    await settle();
    expect(root.querySelector('[data-testid=picks-stale]')?.textContent).toMatch(/too old/);
    expect(root.querySelector('[data-testid=no-picks]')).toBeNull();
    expect(root.querySelector('[data-testid=more-picks]')).toBeNull();
  });
});
