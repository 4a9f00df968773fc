import { describe, expect, it } from 'vitest';
import { TopK } from './top-k';

describe('top K', () => {
  it('keeps the K best whatever the order they come in, best first', () => {
    const scores = Array.from({ length: 200 }, (_, i) => ((i * 7919) % 200) / 10);
    const top = new TopK<number>(10);
    scores.forEach((score, i) => top.offer(i, score, String(i).padStart(3, '0')));
    const expected = [...scores].sort((a, b) => b - a).slice(0, 10);
    expect(top.best().map((entry) => entry.score)).toEqual(expected);
  });

  it('breaks ties by key, so the result does not depend on the order', () => {
    const forwards = new TopK<string>(2);
    const backwards = new TopK<string>(2);
    for (const id of ['b', 'a', 'c']) forwards.offer(id, 1, id);
    for (const id of ['c', 'a', 'b']) backwards.offer(id, 1, id);
    expect(forwards.best().map((entry) => entry.item)).toEqual(['a', 'b']);
    expect(backwards.best().map((entry) => entry.item)).toEqual(['a', 'b']);
  });

  it('keeps everything when there are fewer than K', () => {
    const top = new TopK<string>(5);
    top.offer('x', 0.5, 'x');
    top.offer('y', 2, 'y');
    expect(top.best().map((entry) => entry.item)).toEqual(['y', 'x']);
  });
});
