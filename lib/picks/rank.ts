/** Picks for one reading: whole-distribution fit × quality, diversified, novel, paged. */
import type { Film } from '../catalogue/types';
import { EMOTIONS } from '../mood/emotions';
import { effectiveWeights } from './feedback';
import { fitFor, reasonText } from './fit';
import { genreMask } from './genre-mask';
import { orderedCandidates, pageOf, type PicksScene } from './ordering';
import { moodScorer, type MoodScorer } from './relevance';
import type { GenreWeights, Pick, Strategy } from './types';

export interface PicksInput extends PicksScene {
  /** The reading: seven probabilities in EMOTIONS order. */
  probabilities: readonly number[];
  strategy: Strategy;
  /** The strategy's table: weightsFor(strategy, custom). */
  weights: GenreWeights;
  /** The user's feedback: nudgesFrom(feedback, genresOf). Not folded into `weights`. */
  nudges: GenreWeights;
}

export interface PicksPage {
  picks: Pick[];
  hasMore: boolean;
}

/**
 * The one-line reason: the fit for the reading's top emotion; failing that, for the emotion through which the
 * film scores most; failing that, the same with the user's nudges counted (a genre the user liked for the mood).
 */
export function reasonFor(
  film: Film,
  scorer: MoodScorer,
  strategy: Strategy,
  weights: GenreWeights,
  nudges: GenreWeights,
): string {
  const fits = scorer.fits(genreMask(film.genres));
  const contributing = EMOTIONS.map((emotion, e) => ({ emotion, share: scorer.probabilities[e]! * fits[e]! }))
    .filter(({ emotion, share }) => emotion === scorer.top || share > 0)
    .sort((a, b) => Number(b.emotion === scorer.top) - Number(a.emotion === scorer.top) || b.share - a.share);
  for (const table of [weights, effectiveWeights(weights, nudges)]) {
    for (const { emotion } of contributing) {
      const fit = fitFor(film, emotion, strategy, table);
      if (fit) return fit.reason;
    }
  }
  return film.genres[0] ? reasonText(film.genres[0], scorer.top, strategy) : '';
}

/** A film as a pick. */
export function toPick(film: Film, reason: string): Pick {
  return {
    id: film.id,
    title: film.title,
    year: film.year,
    genres: [...film.genres],
    rating: film.rating,
    source: film.source,
    reason,
  };
}

/**
 * The picks for one reading. A film is a candidate when its relevance Σ p(e)·fit(e) is positive and the
 * strategy's avoid rule lets it through; hidden films never appear; films in `recent` come after all others.
 */
export function rankPicks(input: PicksInput): PicksPage {
  const scorer = moodScorer(input.probabilities, input.strategy, input.weights, input.nudges);
  const ordered = orderedCandidates(input, (mask) => {
    const relevance = scorer.relevance(mask);
    return relevance !== null && relevance > 0 ? relevance : null;
  });
  const { items, hasMore } = pageOf(ordered, input.page, input.pageSize);
  return {
    picks: items.map(({ film }) => toPick(film, reasonFor(film, scorer, input.strategy, input.weights, input.nudges))),
    hasMore,
  };
}
