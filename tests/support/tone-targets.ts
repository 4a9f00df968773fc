/**
 * Tone agreement as the picks see it: on films whose tags were withheld from a build (tone-agreement.ts), does
 * the reading's score (what `npm run picks -- --scores` prints) put the films their own tags call light above the
 * ones they call dark, scary ones above light ones for a fearful viewer, sad ones above light ones for a sad one?
 * A film without a score (it cannot fit the reading) counts below every scored one; two such films tie.
 */
import { tagTone } from '../../lib/catalogue/tone';
import { pairwiseAgreement } from '../../lib/catalogue/tone-agreement';
import type { Film } from '../../lib/catalogue/types';
import { EMOTIONS, type Emotion } from '../../lib/mood/emotions';
import { JUDGED_READINGS } from './first-pages';
import { fitScores, sceneWithoutHistory } from '../../lib/picks/rank';
import { genreMask } from '../../lib/picks/genre-mask';
import { moodScorer } from '../../lib/picks/relevance';

/** Tags that call a film scary: what frightens, not merely what is tense or violent. */
const SCARY_TAGS = new Set([
  'scary',
  'horror',
  'frightening',
  'terrifying',
  'zombies',
  'zombie',
  'ghosts',
  'haunted house',
  'slasher',
  'demons',
  'evil children',
]);

/** How a film's own tags call it on one side: the mean of the lexicon's weights on an axis, over its tag uses. */
function side(tags: readonly string[], axis: 'light' | 'sad'): number {
  let sum = 0;
  let uses = 0;
  for (const tag of tags) {
    const weight = tagTone(tag)?.[axis];
    if (weight === undefined) continue;
    sum += weight;
    uses += 1;
  }
  return uses ? sum / uses : 0;
}

interface TaggedSets {
  light: string[];
  dark: string[];
  sad: string[];
  scary: string[];
}

/** The withheld films on each side, by their own tags (a film both light and sad, or light and scary, is neither). */
function taggedSets(uses: ReadonlyMap<string, readonly string[]>): TaggedSets {
  const sets: TaggedSets = { light: [], dark: [], sad: [], scary: [] };
  for (const [id, tags] of uses) {
    const light = side(tags, 'light');
    if (light > 0) sets.light.push(id);
    else if (light < 0) sets.dark.push(id);
    if (side(tags, 'sad') > 0) sets.sad.push(id);
    if (tags.some((tag) => SCARY_TAGS.has(tag))) sets.scary.push(id);
  }
  const without = (ids: string[], other: string[]) => ids.filter((id) => !other.includes(id));
  return {
    light: sets.light,
    dark: sets.dark,
    sad: without(sets.sad, sets.light),
    scary: without(sets.scary, sets.light),
  };
}

export interface TargetRow {
  strategy: 'match' | 'lift';
  emotion: Emotion;
  /** "light over dark", "sad over light", "scary over light". */
  test: string;
  positive: number;
  negative: number;
  agreement: number;
  target: number;
  /**
   * The most any score could reach while the fit rule's genre part holds (relevance.ts's genreFit): a film whose
   * genres cannot fit the emotion (under match, none of them listed, the seed's rule; under lift, an avoided genre
   * or none) has no score, so it ties with the other such films and loses to every scored one.
   */
  ceiling: number;
}

/** The targets: light over dark under lift for every emotion, and under match the mood's own side. */
const MATCH_TESTS: {
  emotion: Emotion;
  test: 'light over dark' | 'sad over light' | 'scary over light';
  target: number;
}[] = [
  { emotion: 'happy', test: 'light over dark', target: 0.8 },
  { emotion: 'sad', test: 'sad over light', target: 0.8 },
  { emotion: 'fear', test: 'scary over light', target: 0.88 },
  { emotion: 'disgust', test: 'scary over light', target: 0.85 },
];
export const LIFT_EACH_TARGET = 0.78;
export const LIFT_MEAN_TARGET = 0.85;

/** The agreement of every target on a build's films, for its withheld films' own tags. */
export function toneTargets(films: readonly Film[], uses: ReadonlyMap<string, readonly string[]>): TargetRow[] {
  const sets = taggedSets(uses);
  const byId = new Map(films.map((film) => [film.id, film]));
  const pairs: Record<string, [string[], string[]]> = {
    'light over dark': [without(sets.light, sets.dark), without(sets.dark, sets.light)],
    'sad over light': [sets.sad, without(sets.light, sets.sad)],
    'scary over light': [sets.scary, without(sets.light, sets.scary)],
  };
  const row = (strategy: 'match' | 'lift', emotion: Emotion, test: string, target: number): TargetRow => {
    const reading = JUDGED_READINGS.find((r) => r.name === emotion)!.probabilities;
    const scene = sceneWithoutHistory(films, strategy);
    const scores = fitScores({ ...scene, probabilities: reading });
    const of = (id: string) => scores.get(id) ?? -Infinity;
    const [positive, negative] = pairs[test]!;
    const scorer = moodScorer(reading, strategy, scene.weights, scene.nudges);
    const e = EMOTIONS.indexOf(emotion);
    const canFit = (id: string) => !Number.isNaN(scorer.genreFit(e, genreMask(byId.get(id)?.genres ?? [])));
    return {
      strategy,
      emotion,
      test,
      positive: positive.length,
      negative: negative.length,
      agreement: pairwiseAgreement(positive.map(of), negative.map(of)),
      target,
      // The best order there is: every film that can fit in the right order, every other one at -Infinity.
      ceiling: pairwiseAgreement(
        positive.map((id) => (canFit(id) ? 1 : -Infinity)),
        negative.map((id) => (canFit(id) ? 0 : -Infinity)),
      ),
    };
  };
  return [
    ...EMOTIONS.map((emotion) => row('lift', emotion, 'light over dark', LIFT_EACH_TARGET)),
    ...MATCH_TESTS.map(({ emotion, test, target }) => row('match', emotion, test, target)),
  ];
}

function without(ids: readonly string[], other: readonly string[]): string[] {
  return ids.filter((id) => !other.includes(id));
}
