/**
 * Does tone carry to films nobody tagged? Withholds every tag of a share of the tagged films, builds the
 * catalogue from the rest, and compares, on the withheld films only, the tone the build gave them with what
 * their own (withheld) tags say: light-tagged against dark-tagged films, tense against calm ones, and so on.
 */
import type { Film } from './types';
import { filmsFromMovieLens, type MovieLensFiles } from './movielens';
import { tagEvidence, TONE_AXES } from './tone';

/** Films whose id is a multiple of this have their tags withheld (a fixed, id-based share: a quarter). */
export const WITHHELD_EVERY = 4;

function isWithheld(movieId: string): boolean {
  return Number(movieId) % WITHHELD_EVERY === 0;
}

/** tags.csv without the withheld films' lines. */
function withholdTags(tagsCsv: string, withheld: (movieId: string) => boolean = isWithheld): string {
  const [header, ...lines] = tagsCsv.split('\n');
  return [header, ...lines.filter((line) => !withheld(line.split(',')[1] ?? ''))].join('\n');
}

/** The share of (positive, negative) pairs a score orders right (ties count half): 0.5 is chance, 1 perfect. */
export function pairwiseAgreement(positive: readonly number[], negative: readonly number[]): number {
  if (positive.length === 0 || negative.length === 0) return NaN;
  let right = 0;
  for (const p of positive) for (const n of negative) right += p > n ? 1 : p === n ? 0.5 : 0;
  return right / (positive.length * negative.length);
}

export interface AxisAgreement {
  axis: string;
  /** Withheld films whose own tags put them on the positive / negative side of the axis. */
  positive: number;
  negative: number;
  /** pairwiseAgreement of the built tone on those films. */
  agreement: number;
  /** Mean built tone of the positive films less that of the negative ones. */
  gap: number;
  /** The withheld films on each side (ids). */
  positiveIds: string[];
  negativeIds: string[];
}

/** Tone agreement per axis on the withheld films of a build made without their tags. */
export function toneAgreement(files: MovieLensFiles): { films: Film[]; axes: AxisAgreement[]; withheld: Set<string> } {
  const { films } = filmsFromMovieLens({ ...files, tags: withholdTags(files.tags) });
  const own = filmsFromMovieLens({ ...files, ratings: 'userId,movieId,rating,timestamp\n' });
  const tagsById = new Map(own.films.map((film) => [film.id, film]));
  // Every tag use counts (the catalogue keeps only five), so read tags.csv itself.
  const uses = new Map<string, string[]>();
  for (const line of files.tags.split('\n').slice(1)) {
    const parts = line.split(',');
    if (parts.length < 4 || !isWithheld(parts[1]!)) continue;
    const tag = parts.slice(2, -1).join(',').replace(/^"|"$/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
    uses.set(parts[1]!, [...(uses.get(parts[1]!) ?? []), tag]);
  }
  const withheld = new Set([...uses.keys()].filter((id) => tagsById.has(id)));
  const axes = TONE_AXES.map((axis, a): AxisAgreement => {
    const positive: number[] = [];
    const negative: number[] = [];
    const positiveIds: string[] = [];
    const negativeIds: string[] = [];
    for (const film of films) {
      if (!withheld.has(film.id) || !film.tone) continue;
      const evidence = tagEvidence(uses.get(film.id)!);
      if (evidence.uses[a] === 0) continue;
      if (evidence.tone[a]! > 0) {
        positive.push(film.tone[a]!);
        positiveIds.push(film.id);
      } else if (evidence.tone[a]! < 0) {
        negative.push(film.tone[a]!);
        negativeIds.push(film.id);
      }
    }
    const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
    return {
      axis,
      positive: positive.length,
      negative: negative.length,
      agreement: pairwiseAgreement(positive, negative),
      gap: mean(positive) - mean(negative),
      positiveIds,
      negativeIds,
    };
  });
  return { films, axes, withheld };
}
