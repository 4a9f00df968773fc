/**
 * "Fits the mood": the one rule (relevance.ts) as the popup's picks, the row, the badges and group picks show it,
 * with the one line that says why ("Funny, feel-good romantic comedy for your happy mood · 4.2 stars from 215
 * viewers").
 */
import type { Film, Genre } from '../catalogue/types';
import { EMOTIONS, type Emotion } from '../mood/emotions';
import { reasonLine } from './reasons';
import type { MoodScorer, ScoredFilmLike } from './relevance';
import { avoidedGenres, weightOf } from './strategies';
import { toneProfile } from './tone';
import type { Fit, GenreWeights, Strategy } from './types';

/** What a reason needs of a film beyond what the scorer needs (tests may hand over genres and tone only). */
type ReasonFilm = ScoredFilmLike & Partial<Pick<Film, 'tags' | 'rating' | 'ratingCount' | 'source' | 'userRating'>>;

function asFilm(film: ReasonFilm): Film {
  return {
    id: '',
    title: '',
    aliases: [],
    year: null,
    imdbId: null,
    tmdbId: null,
    tags: [],
    rating: null,
    ratingCount: 0,
    source: 'builtin',
    ...film,
    genres: [...film.genres],
  };
}

/**
 * The avoid rule: under lift, a film that has a genre steered away from for this emotion (Drama when sad, Horror
 * when afraid…) and none of the genres that lift it is never proposed. A drama that is also a comedy may be.
 */
export function breaksAvoidRule(
  genres: readonly Genre[],
  emotion: Emotion,
  strategy: Strategy,
  weights: GenreWeights,
): boolean {
  const avoided = avoidedGenres(strategy, emotion);
  if (avoided.length === 0 || !genres.some((genre) => avoided.includes(genre))) return false;
  return !genres.some((genre) => weightOf(weights, emotion, genre) > 0);
}

/**
 * The film's genre that fits the emotion best: the table's best-weighted, else the most nudged; ties in film
 * order. Null under lift for a film that fits by its tone alone.
 */
export function fittingGenre(
  film: ScoredFilmLike,
  emotion: Emotion,
  weights: GenreWeights,
  nudges: GenreWeights,
): Genre | null {
  for (const table of [weights, nudges]) {
    let best: Genre | null = null;
    let bestWeight = 0;
    for (const genre of film.genres) {
      const weight = weightOf(table, emotion, genre);
      if (weight > bestWeight) {
        best = genre;
        bestWeight = weight;
      }
    }
    if (best) return best;
  }
  return null;
}

/** The fit of a film for one emotion of the reading, named (used once the rule has said it fits). */
function fitAs(film: ReasonFilm, e: number, scorer: MoodScorer): Fit | null {
  const emotion = EMOTIONS[e]!;
  const genre = fittingGenre(film, emotion, scorer.weights, scorer.nudges);
  if (!genre && scorer.strategy !== 'lift') return null;
  const reason = reasonLine({
    film: asFilm(film),
    genre,
    profile: toneProfile(scorer.strategy, emotion),
    strategy: scorer.strategy,
    audience: { kind: 'single', emotions: [emotion] },
  });
  return { emotion, genre: genre ?? film.genres.find((g) => g !== 'IMAX') ?? film.genres[0]!, reason };
}

/**
 * THE rule for "fits the mood", shared by badges, the row, the popup and group picks: the film fits one of the
 * emotions the reading blends (relevance.ts: the genre rule, avoid rules, fit ≥ FIT_MIN, nudges counted). Null
 * when it fits none; else the emotion it fits best, the genre and the reason.
 */
export function fitsMood(film: ReasonFilm, scorer: MoodScorer): Fit | null {
  const e = scorer.fittingEmotion(film);
  return e < 0 ? null : fitAs(film, e, scorer);
}
