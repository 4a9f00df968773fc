/**
 * Badge precision and recall on the hand-labelled real pages (../shared/pages), per page and mood, with the
 * committed catalogue: a table for `npm run bench` (happy-dom; Node only, it reads files).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeBuiltinCatalogue } from '../../lib/catalogue/builtin';
import { buildTitleIndex } from '../../lib/catalogue/match';
import type { Emotion } from '../../lib/mood/emotions';
import { decidePage, loadRealPage, scoreMood, type MoodScore } from '../fixtures/real-pages/evaluate';
import { LABELLED_PAGES } from '../fixtures/real-pages/labels';
import { NETFLIX, PRIME } from '../../lib/sites/adapters/index';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const MOODS: Emotion[] = ['happy', 'sad', 'angry', 'fear', 'neutral'];

export interface RealPageRow {
  page: string;
  tiles: number;
  scores: MoodScore[];
}

export function benchRealPages(): RealPageRow[] | string {
  const pagesDir = join(ROOT, '../shared/pages');
  if (!existsSync(pagesDir)) return `real pages: skipped (no ${pagesDir})`;
  const { films } = decodeBuiltinCatalogue(readFileSync(join(ROOT, 'public/catalogue/movielens.json'), 'utf8'));
  const index = buildTitleIndex(films);
  const byId = new Map(films.map((film) => [film.id, film]));
  return LABELLED_PAGES.map((page) => {
    loadRealPage(readFileSync(join(pagesDir, `${page.file}.html`), 'utf8'));
    const decisions = decidePage(page.site === 'prime' ? PRIME : NETFLIX, index, page);
    return {
      page: page.file,
      tiles: decisions.length,
      scores: MOODS.map((emotion) => scoreMood(decisions, byId, emotion)),
    };
  });
}

export function formatRealPages(rows: RealPageRow[] | string): string {
  if (typeof rows === 'string') return rows;
  const cell = (s: MoodScore) =>
    `${s.precision === null ? '  –' : s.precision.toFixed(2)}/${s.recall === null ? '  –' : s.recall.toFixed(2)} (${s.correct}/${s.badged}/${s.fitting})`;
  const lines = [
    'Badges on hand-labelled real pages: precision/recall (right badges/badges/labelled films that fit), mood by mood',
    `| page | tiles | ${MOODS.join(' | ')} |`,
    `| --- | --- | ${MOODS.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.page} | ${row.tiles} | ${row.scores.map(cell).join(' | ')} |`),
  ];
  const total = (emotion: Emotion) => {
    const scores = rows.map((row) => row.scores.find((s) => s.emotion === emotion)!);
    const correct = scores.reduce((n, s) => n + s.correct, 0);
    const badged = scores.reduce((n, s) => n + s.badged, 0);
    const fitting = scores.reduce((n, s) => n + s.fitting, 0);
    return `${badged ? (correct / badged).toFixed(2) : '–'}/${fitting ? (correct / fitting).toFixed(2) : '–'} (${correct}/${badged}/${fitting})`;
  };
  lines.push(`| all | ${rows.reduce((n, r) => n + r.tiles, 0)} | ${MOODS.map(total).join(' | ')} |`);
  return lines.join('\n');
}
