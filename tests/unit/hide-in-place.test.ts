import { describe, expect, it } from 'vitest';
import { hideInPlace, nextNewPick, undoHide } from '@/components/hide-in-place';
import type { FilmPick } from '@/lib/picks/types';

const film = (id: string): FilmPick => ({
  id,
  title: `Film ${id}`,
  year: 2000,
  genres: ['Comedy'],
  rating: 4,
  source: 'builtin',
  reason: 'A light comedy that fits your happy mood',
});
const ids = (list: readonly FilmPick[]) => list.map((p) => p.id).join(',');

describe('a 👎 in the popup and its Undo', () => {
  const shown = ['a', 'b', 'c', 'd', 'e'].map(film);

  it('puts the next film into the hidden one’s place, so the list keeps its length', () => {
    // The background's new ranking no longer has b; f is the first film the list does not show.
    const next = nextNewPick(shown, 'b', ['a', 'c', 'd', 'e', 'f'].map(film));
    expect(next?.id).toBe('f');
    expect(ids(hideInPlace(shown, 'b', next))).toBe('a,f,c,d,e');
  });

  it('never takes the hidden film or one already shown as the replacement', () => {
    expect(nextNewPick(shown, 'b', ['b', 'a', 'c'].map(film))).toBeNull();
    expect(ids(hideInPlace(shown, 'b', null))).toBe('a,c,d,e');
  });

  it('Undo gives back the same list in the same order', () => {
    const replacement = film('f');
    const after = hideInPlace(shown, 'c', replacement);
    expect(ids(undoHide(after, { pick: film('c'), before: shown, replacement }))).toBe('a,b,c,d,e');
  });

  it('Undo keeps films loaded since ("More picks") after the list, without the replacement', () => {
    const replacement = film('f');
    const after = [...hideInPlace(shown, 'a', replacement), film('g'), film('h')];
    expect(ids(undoHide(after, { pick: film('a'), before: shown, replacement }))).toBe('a,b,c,d,e,g,h');
  });
});
