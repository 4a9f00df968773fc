import { describe, expect, it } from 'vitest';
import { TopK } from './top-k';

describe('top K', () => {
  it('keeps the K best whatever the order they come in, best first', () => {
    const scores = Array.from({ length: 200 }, (_, i) => ((i * 7919) % 200) / 10);
    const top = new TopK<number>(10, (a, b) => a - b);
    scores.forEach((score, i) => top.offer(i, score));
    const expected = [...scores].sort((a, b) => b - a).slice(0, 10);
    expect(top.best().map((entry) => entry.score)).toEqual(expected);
  });

  it('breaks ties by the tie-break, so the result does not depend on the order', () => {
    const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const forwards = new TopK<string>(2, byName);
    const backwards = new TopK<string>(2, byName);
    for (const id of ['b', 'a', 'c']) forwards.offer(id, 1);
    for (const id of ['c', 'a', 'b']) backwards.offer(id, 1);
    expect(forwards.best().map((entry) => entry.item)).toEqual(['a', 'b']);
    expect(backwards.best().map((entry) => entry.item)).toEqual(['a', 'b']);
  });

  it('keeps everything when there are fewer than K', () => {
    const top = new TopK<string>(5, () => 0);
    top.offer('x', 0.5);
    top.offer('y', 2);
    expect(top.best().map((entry) => entry.item)).toEqual(['y', 'x']);
  });
});
