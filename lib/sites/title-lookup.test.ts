import { describe, expect, it } from 'vitest';
import { tileTextKey } from './read';
import { fakeBackground, mood } from '../../tests/support/sites-testing';
import { TitleLookup } from './title-lookup';
import type { BadgeDrawing, TileText, TitleQuery } from './types';

const reading = (title: string, year: number | null = null, kind: TileText['kind'] = null): TileText => ({
  title,
  year,
  kind,
});
const batch = (...readings: TileText[]) => new Map(readings.map((r) => [tileTextKey(r), r]));
const titles = (requests: TitleQuery[][]) => requests.map((request) => request.map((query) => query.title));
const label = (lookup: TitleLookup, tileText: TileText) => lookup.drawingOf(tileTextKey(tileText))?.label;

describe('TitleLookup', () => {
  it('asks once per title: a second pass over the same titles sends nothing', async () => {
    const background = fakeBackground({ mood: mood('happy') });
    const lookup = new TitleLookup(background.matchTitles);
    await lookup.resolve(batch(reading('Toy Story'), reading('Heat'), reading('Stranger Things')));
    await lookup.resolve(batch(reading('Toy Story'), reading('Heat')));
    expect(titles(background.matchRequests)).toEqual([['Toy Story', 'Heat', 'Stranger Things']]);
    expect(lookup.drawingOf(tileTextKey(reading('Toy Story')))).toEqual({
      label: '😄 Comedy',
      film: '😄 Toy Story',
      year: ' (1995)',
      name: 'Fits your happy mood: Toy Story (1995), Adventure · Animation · Children · Comedy · Fantasy',
    });
    expect(lookup.drawingOf(tileTextKey(reading('Heat')))).toBeNull();
    expect(lookup.drawingOf(tileTextKey(reading('Stranger Things')))).toBeNull();
  });

  it('passes the year and the kind on, and tells apart titles that differ by them', async () => {
    const background = fakeBackground({ mood: mood('happy') });
    const lookup = new TitleLookup(background.matchTitles);
    await lookup.resolve(batch(reading('Frozen', 2013), reading('Frozen', 2010), reading('Toy Story', null, 'series')));
    expect(background.matchRequests[0]).toEqual([
      { title: 'Frozen', year: 2013, kind: null },
      { title: 'Frozen', year: 2010, kind: null },
      { title: 'Toy Story', year: null, kind: 'series' },
    ]);
    expect(label(lookup, reading('Frozen', 2013))).toBe('😄 Comedy');
    expect(lookup.drawingOf(tileTextKey(reading('Frozen', 2010)))).toBeNull();
    expect(lookup.drawingOf(tileTextKey(reading('Toy Story', null, 'series')))).toBeNull();
  });

  it('after "redraw" asks again about every title, in one message, and draws the new answers', async () => {
    const background = fakeBackground({ mood: mood('happy') });
    const lookup = new TitleLookup(background.matchTitles);
    const page = batch(reading('Toy Story'), reading('The Shining'), reading('Nothing Like It'));
    await lookup.resolve(page);
    background.mood = mood('fear');
    lookup.redraw();
    expect(lookup.drawingOf(tileTextKey(reading('The Shining')))).toBeUndefined();
    expect(lookup.drawingOf(tileTextKey(reading('Nothing Like It')))).toBeUndefined();
    await lookup.resolve(page);
    expect(titles(background.matchRequests)).toEqual([
      ['Toy Story', 'The Shining', 'Nothing Like It'],
      ['Toy Story', 'The Shining', 'Nothing Like It'],
    ]);
    expect(label(lookup, reading('The Shining'))).toBe('😨 Horror');
    expect(lookup.drawingOf(tileTextKey(reading('Toy Story')))).toBeNull();
  });

  it('draws nothing while the background has no fresh reading', async () => {
    const background = fakeBackground({ mood: null });
    const lookup = new TitleLookup(background.matchTitles);
    await lookup.resolve(batch(reading('Toy Story')));
    expect(lookup.drawingOf(tileTextKey(reading('Toy Story')))).toBeNull();
  });

  it('shares a request in flight instead of sending a second one', async () => {
    const background = fakeBackground({ mood: mood('happy') });
    const lookup = new TitleLookup(background.matchTitles);
    await Promise.all([lookup.resolve(batch(reading('Toy Story'))), lookup.resolve(batch(reading('Toy Story')))]);
    expect(background.matchRequests).toHaveLength(1);
  });

  it('keeps a title unknown when the message fails, and asks again later', async () => {
    const background = fakeBackground({ mood: mood('happy') });
    const notes: string[] = [];
    const lookup = new TitleLookup(background.matchTitles, (note) => notes.push(note));
    background.failing = true;
    await lookup.resolve(batch(reading('Toy Story')));
    expect(lookup.drawingOf(tileTextKey(reading('Toy Story')))).toBeUndefined();
    expect(notes).toHaveLength(1);
    background.failing = false;
    await lookup.resolve(batch(reading('Toy Story')));
    expect(label(lookup, reading('Toy Story'))).toBe('😄 Comedy');
  });

  it('ignores an answer of the wrong length, and draws nothing from an answer that is not a drawing', async () => {
    const short = new TitleLookup(async () => ({ results: [] }));
    await short.resolve(batch(reading('Toy Story')));
    expect(short.drawingOf(tileTextKey(reading('Toy Story')))).toBeUndefined();
    const odd = new TitleLookup(async () => ({ results: [{ label: 3 } as unknown as BadgeDrawing] }));
    await odd.resolve(batch(reading('Toy Story')));
    expect(odd.drawingOf(tileTextKey(reading('Toy Story')))).toBeNull();
  });

  it('never draws an answer asked before a redraw', async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    const background = fakeBackground({ mood: mood('happy') });
    let calls = 0;
    const lookup = new TitleLookup(async (queries) => {
      calls++;
      const answer = await background.matchTitles(queries);
      if (calls === 1) await slow;
      return answer;
    });
    const first = lookup.resolve(batch(reading('Toy Story')));
    background.mood = mood('sad');
    lookup.redraw();
    await lookup.resolve(batch(reading('Toy Story')));
    release();
    await first;
    // Toy Story fits no sad mood in the fake: the happy answer, which came last, is not drawn.
    expect(lookup.drawingOf(tileTextKey(reading('Toy Story')))).toBeNull();
  });
});
