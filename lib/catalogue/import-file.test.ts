import { describe, expect, it } from 'vitest';
import { planImport } from './import-file';
import { feedbackToCsv, toJsonExport } from './transfer';
import type { Feedback, Film } from './types';

const film = (id: string, title: string, year: number, source: Film['source'] = 'builtin'): Film => ({
  id,
  title,
  aliases: [],
  year,
  genres: ['Comedy'],
  rating: 3.9,
  ratingCount: source === 'builtin' ? 120 : 0,
  tags: [],
  imdbId: null,
  tmdbId: null,
  source,
});
const FILMS = [film('1', 'Toy Story', 1995), film('imp-abc', 'Our Wedding', 2021, 'imported')];
const VOTE: Feedback = { filmId: '1', vote: 'up', emotion: 'happy', at: 1_700_000_000_000 };

describe('planImport', () => {
  it('previews a film catalogue CSV, skipping films already in the catalogue', async () => {
    const plan = await planImport('title,year,genres\nToy Story,1995,Comedy\nNew Film,2020,Drama\n', { films: FILMS });
    expect(plan.kind).toBe('films');
    if (plan.kind !== 'films') return;
    expect(plan.preview.films.map((f) => f.title)).toEqual(['New Film']);
    expect(plan.preview.duplicates.map((d) => d.line)).toEqual([2]);
  });

  it('recognises a MoodReel JSON export and a feedback CSV export', async () => {
    const backup = await planImport(new Blob([toJsonExport({ films: [FILMS[1]!], feedback: [VOTE] })]), {
      films: FILMS,
    });
    expect(backup).toMatchObject({ kind: 'backup', state: { films: [{ id: 'imp-abc' }], feedback: [VOTE] } });
    const votes = await planImport(new Blob([feedbackToCsv([VOTE], FILMS)]), { films: FILMS });
    expect(votes).toMatchObject({ kind: 'feedback', feedback: [VOTE] });
  });

  it('gives one clear message for a file that is none of these', async () => {
    for (const input of [new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1])]), 'name;email\nann;a@b\n', '']) {
      const plan = await planImport(input, { films: FILMS });
      expect(plan.kind).toBe('failed');
      if (plan.kind === 'failed') expect(plan.message.length).toBeGreaterThan(10);
    }
  });
});
