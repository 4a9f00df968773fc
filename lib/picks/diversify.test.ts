import { describe, expect, it } from 'vitest';
import type { Genre } from '../catalogue/types';
import { diversifiedOrder, type Candidate } from './diversify';
import { genreMask } from './genre-mask';

function candidate(
  name: string,
  score: number,
  genres: Genre[],
  franchises: string[] = [],
): Candidate & { name: string } {
  return { name, score, mask: genreMask(genres), franchises };
}

const names = (ordered: { name: string }[]) => ordered.map((c) => c.name);

describe('diversified order', () => {
  it('lets a film of another genre mix in before a fifth of the same mix', () => {
    const comedies = [1, 0.99, 0.98, 0.97, 0.96].map((score, i) =>
      candidate(`comedy ${i}`, score, ['Comedy', 'Romance']),
    );
    const other = candidate('adventure', 0.9, ['Adventure', 'Sci-Fi']);
    const ordered = names(diversifiedOrder([...comedies, other]));
    expect(ordered[0]).toBe('comedy 0');
    expect(ordered.indexOf('adventure')).toBeLessThan(4);
  });

  it('still puts a much better film first', () => {
    const ordered = names(
      diversifiedOrder([
        candidate('great', 1, ['Comedy']),
        candidate('good', 0.95, ['Comedy']),
        candidate('weak other', 0.3, ['Documentary']),
      ]),
    );
    expect(ordered).toEqual(['great', 'good', 'weak other']);
  });

  it('places one film per series before any second film of a series', () => {
    const ordered = names(
      diversifiedOrder([
        candidate('Toy Story', 1, ['Animation', 'Comedy'], ['toy story']),
        candidate('Toy Story 2', 0.99, ['Animation', 'Comedy'], ['toy story']),
        candidate('Toy Story 3', 0.98, ['Animation', 'Comedy'], ['toy story']),
        candidate('Shrek', 0.6, ['Animation', 'Comedy'], ['shrek']),
        candidate('Shrek 2', 0.59, ['Animation', 'Comedy'], ['shrek']),
        candidate('Amelie', 0.5, ['Comedy', 'Romance'], ['amelie']),
      ]),
    );
    expect(ordered.slice(0, 3).sort()).toEqual(['Amelie', 'Shrek', 'Toy Story']);
    expect(ordered.slice(3, 5).sort()).toEqual(['Shrek 2', 'Toy Story 2']);
    expect(ordered[5]).toBe('Toy Story 3');
  });

  it('holds back a series already placed elsewhere', () => {
    const ordered = names(
      diversifiedOrder(
        [candidate('Toy Story 2', 1, ['Comedy'], ['toy story']), candidate('Amelie', 0.5, ['Comedy'], ['amelie'])],
        new Set(['toy story']),
      ),
    );
    expect(ordered).toEqual(['Amelie', 'Toy Story 2']);
  });

  it('orders every candidate exactly once, even a catalogue of one long series', () => {
    const series = Array.from({ length: 120 }, (_, i) => candidate(`Episode ${i}`, 1 - i / 200, ['Drama'], ['saga']));
    const ordered = names(diversifiedOrder(series));
    expect(new Set(ordered).size).toBe(120);
    expect(ordered).toEqual(series.map((c) => c.name));
  });
});
