import { describe, expect, it } from 'vitest';
import { tileTextKey } from './read';
import { fakeBackground, mood } from './testing';
import { TitleLookup } from './title-lookup';
import type { TileText, TitleQuery } from './types';

const reading = (title: string, year: number | null = null, kind: TileText['kind'] = null): TileText => ({
  title,
  year,
  kind,
});
const batch = (...readings: TileText[]) => new Map(readings.map((r) => [tileTextKey(r), r]));
const titles = (requests: TitleQuery[][]) => requests.map((request) => request.map((query) => query.title));

describe('TitleLookup', () => {
  it('asks once per title: a second pass over the same titles sends nothing', async () => {
    const background = fakeBackground({ mood: mood('happy') });
    const lookup = new TitleLookup(background.matchTitles);
    await lookup.resolve(batch(reading('Toy Story'), reading('Heat'), reading('Stranger Things')));
    await lookup.resolve(batch(reading('Toy Story'), reading('Heat')));
    expect(titles(background.matchRequests)).toEqual([['Toy Story', 'Heat', 'Stranger Things']]);
    expect(lookup.fitOf(tileTextKey(reading('Toy Story')))?.genre).toBe('Comedy');
    expect(lookup.fitOf(tileTextKey(reading('Heat')))).toBeNull();
    expect(lookup.fitOf(tileTextKey(reading('Stranger Things')))).toBeNull();
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
    expect(lookup.fitOf(tileTextKey(reading('Frozen', 2013)))?.genre).toBe('Comedy');
    expect(lookup.fitOf(tileTextKey(reading('Frozen', 2010)))).toBeNull();
    expect(lookup.fitOf(tileTextKey(reading('Toy Story', null, 'series')))).toBeNull();
  });

  it('after a new mood asks again, in one message, only about the titles that matched a film', async () => {
    const background = fakeBackground({ mood: mood('happy') });
    const lookup = new TitleLookup(background.matchTitles);
    const page = batch(
      reading('Toy Story'),
      reading('The Shining'),
      reading('Stranger Things'),
      reading('Nothing Like It'),
    );
    await lookup.resolve(page);
    background.mood = mood('fear');
    lookup.newMood();
    expect(lookup.fitOf(tileTextKey(reading('The Shining')))).toBeUndefined();
    await lookup.resolve(page);
    expect(titles(background.matchRequests)).toEqual([
      ['Toy Story', 'The Shining', 'Stranger Things', 'Nothing Like It'],
      ['Toy Story', 'The Shining'],
    ]);
    expect(lookup.fitOf(tileTextKey(reading('The Shining')))?.emotion).toBe('fear');
    expect(lookup.fitOf(tileTextKey(reading('Toy Story')))).toBeNull();
  });

  it('gives no fit while the background has no fresh reading', async () => {
    const background = fakeBackground({ mood: null });
    const lookup = new TitleLookup(background.matchTitles);
    await lookup.resolve(batch(reading('Toy Story')));
    expect(lookup.fitOf(tileTextKey(reading('Toy Story')))).toBeNull();
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
    expect(lookup.fitOf(tileTextKey(reading('Toy Story')))).toBeUndefined();
    expect(notes).toHaveLength(1);
    background.failing = false;
    await lookup.resolve(batch(reading('Toy Story')));
    expect(lookup.fitOf(tileTextKey(reading('Toy Story')))?.genre).toBe('Comedy');
  });

  it('ignores an answer of the wrong length', async () => {
    const lookup = new TitleLookup(async () => ({ mood: mood('happy'), results: [] }));
    await lookup.resolve(batch(reading('Toy Story')));
    expect(lookup.fitOf(tileTextKey(reading('Toy Story')))).toBeUndefined();
  });

  it('never lets an answer for an older mood replace a newer one', async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    const background = fakeBackground({ mood: mood('happy') });
    let calls = 0;
    const lookup = new TitleLookup(async (queries) => {
      calls++;
      const answerFor = background.mood;
      if (calls === 1) await slow;
      return {
        mood: answerFor,
        results: queries.map(() => ({
          filmId: '1',
          title: 'Toy Story',
          year: 1995,
          genres: ['Comedy' as const],
          fit: answerFor && { emotion: answerFor.emotion, genre: 'Comedy' as const, reason: '' },
        })),
      };
    });
    const first = lookup.resolve(batch(reading('Toy Story')));
    background.mood = mood('sad');
    lookup.newMood();
    await lookup.resolve(batch(reading('Toy Story')));
    release();
    await first;
    expect(lookup.fitOf(tileTextKey(reading('Toy Story')))?.emotion).toBe('sad');
  });
});
