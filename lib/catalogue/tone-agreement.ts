/**
 * Does tone carry to films nobody tagged? Withholds every tag of a share of the tagged films, builds the
 * catalogue from the rest, and compares, on the withheld films only, the tone the build gave them with what
 * their own (withheld) tags say: light-tagged against dark-tagged films, tense against calm ones, and so on.
 */
import type { Film } from './types';
import { filmsFromMovieLens, type MovieLensFiles } from './movielens';
import { tagEvidence, TONE_AXES } from './tone';

/** Shares are counted in quarters of the films, by id: a film is withheld when its id mod 4 is below the share. */
const WITHHELD_PARTS = 4;

/** Whether a film's tags are withheld from a build that withholds `quarters` quarters (1: ids divisible by 4). */
function isWithheld(movieId: string, quarters: number): boolean {
  return Number(movieId) % WITHHELD_PARTS < quarters;
}

/** tags.csv without the withheld films' lines. */
function withholdTags(tagsCsv: string, quarters: number): string {
  const [header, ...lines] = tagsCsv.split('\n');
  return [header, ...lines.filter((line) => !isWithheld(line.split(',')[1] ?? '', quarters))].join('\n');
}

/** The share of (positive, negative) pairs a score orders right (ties count half): 0.5 is chance, 1 perfect. */
export function pairwiseAgreement(positive: readonly number[], negative: readonly number[]): number {
  if (positive.length === 0 || negative.length === 0) return NaN;
  let right = 0;
  for (const p of positive) for (const n of negative) right += p > n ? 1 : p === n ? 0.5 : 0;
  return right / (positive.length * negative.length);
}

interface AxisAgreement {
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

/** Every tag use of each withheld film (the catalogue keeps only five a film, so tags.csv itself is read). */
function withheldTagUses(tagsCsv: string, quarters: number): Map<string, string[]> {
  const uses = new Map<string, string[]>();
  for (const line of tagsCsv.split('\n').slice(1)) {
    const parts = line.split(',');
    if (parts.length < 4 || !isWithheld(parts[1]!, quarters)) continue;
    const tag = parts.slice(2, -1).join(',').replace(/^"|"$/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
    uses.set(parts[1]!, [...(uses.get(parts[1]!) ?? []), tag]);
  }
  return uses;
}

export interface WithheldBuild {
  /** The catalogue built without the withheld films' tags. */
  films: Film[];
  /** The withheld films (tagged in the data, rated, in the catalogue) and their own tag uses. */
  uses: Map<string, string[]>;
  axes: AxisAgreement[];
}

/**
 * Tone agreement per axis on the withheld films of a build made without their tags: `quarters` (1 to 4) of the
 * tagged films withheld (4: a build with no tags at all).
 */
export function toneAgreement(files: MovieLensFiles, quarters = 1): WithheldBuild {
  const { films } = filmsFromMovieLens({ ...files, tags: withholdTags(files.tags, quarters) });
  const rated = new Set(films.filter((film) => film.tone).map((film) => film.id));
  const uses = new Map([...withheldTagUses(files.tags, quarters)].filter(([id]) => rated.has(id)));
  const byId = new Map(films.map((film) => [film.id, film]));
  const axes = TONE_AXES.map((axis, a): AxisAgreement => {
    const positive: number[] = [];
    const negative: number[] = [];
    const positiveIds: string[] = [];
    const negativeIds: string[] = [];
    for (const [id, tags] of uses) {
      const evidence = tagEvidence(tags);
      if (evidence.uses[a] === 0) continue;
      const tone = byId.get(id)!.tone![a]!;
      if (evidence.tone[a]! > 0) {
        positive.push(tone);
        positiveIds.push(id);
      } else if (evidence.tone[a]! < 0) {
        negative.push(tone);
        negativeIds.push(id);
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
  return { films, uses, axes };
}
