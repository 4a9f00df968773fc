// @vitest-environment happy-dom
/**
 * 👎 in the popup's picks and its Undo, against a background (a mocked `sendMessage`) that ranks ten films and
 * leaves out the ones with a 👎, as the real one does: the hidden film's place goes to the next film, the list
 * keeps its length, and Undo brings back the same list in the same order.
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
const RANKING = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10'];
const film = (id: string) => ({
  id,
  title: `Film ${id}`,
  year: 2001,
  genres: ['Comedy', 'IMAX'],
  rating: 4,
  source: 'builtin',
  reason: 'A light comedy that fits your happy mood',
});

/** The background: 👎 films are left out of the ranking; pages of `pageSize`. */
function background() {
  const down = new Set<string>();
  sendMessage.mockImplementation(async (type: string, request: Record<string, unknown>) => {
    if (type === 'feedback') {
      if (request.vote === 'down') down.add(request.filmId as string);
      else down.delete(request.filmId as string);
      return { ok: true };
    }
    const page = (request.page as number) ?? 0;
    const size = (request.pageSize as number) ?? 5;
    const ranked = RANKING.filter((id) => !down.has(id));
    return {
      mood: { emotion: 'happy', at: 1_000, faces: 1 },
      strategy: 'match',
      picks: ranked.slice(page * size, (page + 1) * size).map(film),
      hasMore: ranked.length > (page + 1) * size,
    };
  });
  return down;
}

let root: HTMLElement;
const settle = async () => {
  for (let i = 0; i < 4; i++) await act(() => new Promise<void>((resolve) => setTimeout(resolve, 10)));
};
const shownIds = () => [...root.querySelectorAll('[data-testid=pick]')].map((e) => e.getAttribute('data-movie-id'));
const click = async (selector: string) => {
  (root.querySelector(selector) as HTMLButtonElement).click();
  await settle();
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

describe('👎 and Undo in the popup', () => {
  it('puts the next film in the hidden one’s place, and Undo restores the same list in the same order', async () => {
    const down = background();
    render(<Picks reading={reading} />, root);
    await settle();
    expect(shownIds()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);

    await click('[data-movie-id=m3] [data-testid=pick-dislike]');
    expect(down.has('m3')).toBe(true);
    expect(shownIds()).toEqual(['m1', 'm2', 'm6', 'm4', 'm5']);
    expect(root.querySelector('.picks__undo')?.textContent).toContain('“Film m3” is hidden');

    await click('[data-testid=undo-hide]');
    expect(down.has('m3')).toBe(false);
    expect(shownIds()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(root.querySelector('[data-testid=undo-hide]')).toBeNull();
  });

  it('keeps the list’s length after "More picks" too, and Undo keeps what "More picks" added', async () => {
    background();
    render(<Picks reading={reading} />, root);
    await settle();
    await click('[data-testid=more-picks]');
    expect(shownIds()).toEqual(RANKING);
    await click('[data-movie-id=m1] [data-testid=pick-dislike]');
    // No film is left that the list does not show: the hidden one simply goes.
    expect(shownIds()).toEqual(RANKING.slice(1));
    await click('[data-testid=undo-hide]');
    expect(shownIds()).toEqual(RANKING);
  });

  it('shows no "IMAX" among a pick’s genres', async () => {
    background();
    render(<Picks reading={reading} />, root);
    await settle();
    const facts = root.querySelector('[data-movie-id=m1] .pick__facts')?.textContent ?? '';
    expect(facts).toContain('Comedy');
    expect(facts).not.toContain('IMAX');
  });
});
