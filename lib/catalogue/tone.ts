/**
 * A film's tone (light, warm, tense, sad, absorbing), learned at `npm run catalogue` time from MovieLens:
 * user tags say the tone of the few films people tagged ("feel-good", "dark", "tense"); a small matrix
 * factorisation of ratings.csv places every rated film among the others by who liked it; a ridge regression from
 * those factors (and the genres) to the tagged tones carries tone to the films nobody tagged. A film's own tags
 * refine its tone but are never needed: a film whose tags are withheld still gets a tone from its ratings.
 * Deterministic: a seeded start, a fixed number of sweeps, ties in id order.
 */
import { GENRES, TONE_AXES, type Genre, type ToneAxis } from './types';

export { TONE_AXES };

/**
 * What a tag says about each axis (folded tags, exact). A tag may speak for several axes: "dark comedy" is dark,
 * whatever its genre says. Weights in [-1, 1].
 */
const TAG_TONE: Record<string, Partial<Record<ToneAxis, number>>> = {};
function tagged(tags: string, tone: Partial<Record<ToneAxis, number>>): void {
  for (const tag of tags.split('|')) TAG_TONE[tag] = { ...TAG_TONE[tag], ...tone };
}
tagged(
  'funny|very funny|hilarious|humorous|humor|fun|silly|goofy|witty|screwball|spoof|parody|comedy|british comedy|lighthearted|light|feel good|feel-good movie|entertaining',
  { light: 1 },
);
tagged(
  'feel-good|heartwarming|sweet|cute|adorable|charming|whimsical|uplifting|inspirational|inspiring|happy ending|family|disney|pixar|children|kids|christmas|friendship',
  { light: 0.8, warm: 1, tense: -0.5 },
);
tagged('touching|moving|romantic|romance|love story', { warm: 0.8 });
tagged(
  'dark|disturbing|bleak|grim|gritty|nihilism|cynical|depressing|depression|violence|violent|brutal|brutality|gore|gory|bloody|torture|rape|suicide|drugs|drug abuse|serial killer|creepy|evil children|mindfuck|psychological|paranoia|dark hero',
  { light: -1, warm: -0.5 },
);
tagged('dark comedy|black comedy|dark humor|dark humour', { light: -0.8 });
tagged(
  'suspense|suspenseful|tense|intense|thriller|psychological thriller|scary|horror|claustrophobic|paranoia|paranoid|thrilling|zombies|ghosts|serial killer|violence|violent|creepy|action|survival',
  { tense: 1 },
);
tagged('relaxing|calm|slow|quiet|gentle', { tense: -1 });
tagged(
  'sad|tearjerker|tear jerker|heartbreaking|bittersweet|tragic|tragedy|melancholy|melancholic|emotional|depressing|depression|death|holocaust|grief|cancer|suicide|moving|touching',
  { sad: 1 },
);
tagged(
  'thought-provoking|atmospheric|philosophical|philosophy|cerebral|intelligent|mindfuck|mind-bending|twist ending|plot twist|twist|twists & turns|clever|complex|surreal|surrealism|dreamlike|beautiful|visually stunning|visually appealing|cinematography|masterpiece|great cinematography|nonlinear|powerful ending',
  { absorbing: 1 },
);
tagged('predictable|bad|boring|stupid|dumb|cliche|bad acting|bad plot', { absorbing: -1 });
tagged('funny|hilarious|feel-good|lighthearted', { sad: -0.5 });
tagged('crude humor|adult humor|crude|vulgar|offensive|controversial|gross-out|satire|provocative', {
  warm: -0.8,
  tense: 0.4,
});

/** Latent factors per film; a dozen is plenty for 610 users. */
const FACTORS = 12;
/** Ridge penalty of the factorisation (per rating). */
const FACTOR_PENALTY = 8;
const SWEEPS = 12;
/** Ridge penalty of the regression from factors and genres to tone. */
const REGRESSION_PENALTY = 3;

export interface RatingRow {
  userId: string;
  movieId: string;
  rating: number;
}

export interface TagRow {
  movieId: string;
  /** Folded (lower case, spaces collapsed). */
  tag: string;
}

export interface ToneInput {
  /** Films in catalogue order with their genres. */
  films: readonly { id: string; genres: readonly Genre[] }[];
  ratings: readonly RatingRow[];
  tags: readonly TagRow[];
}

/** A seeded generator (mulberry32): the same start every build (the picks bench uses it for its made-up films). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Solves A x = b for a symmetric positive definite A (n×n, row-major), in place by Cholesky. */
export function solveSymmetric(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let diagonal = a[j * n + j]!;
    for (let k = 0; k < j; k++) diagonal -= a[j * n + k]! ** 2;
    const root = Math.sqrt(Math.max(diagonal, 1e-12));
    a[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let value = a[i * n + j]!;
      for (let k = 0; k < j; k++) value -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = value / root;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) x[i]! -= a[i * n + k]! * x[k]!;
    x[i]! /= a[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) x[i]! -= a[k * n + i]! * x[k]!;
    x[i]! /= a[i * n + i]!;
  }
  return x;
}

/**
 * Film factors from ratings by alternating least squares on ratings less the user's and the film's mean
 * (shrunk). A film with few ratings gets small factors: it sits near the middle, and its genres speak for it.
 */
function filmFactors(
  filmCount: number,
  ratings: readonly { user: number; film: number; value: number }[],
  userCount: number,
): Float64Array {
  const k = FACTORS;
  let total = 0;
  for (const r of ratings) total += r.value;
  const mean = ratings.length ? total / ratings.length : 0;
  const userSum = new Float64Array(userCount);
  const userCountOf = new Float64Array(userCount);
  for (const r of ratings) {
    userSum[r.user]! += r.value - mean;
    userCountOf[r.user]! += 1;
  }
  const userBias = userSum.map((sum, u) => sum / (userCountOf[u]! + 5));
  const filmSum = new Float64Array(filmCount);
  const filmCountOf = new Float64Array(filmCount);
  for (const r of ratings) {
    filmSum[r.film]! += r.value - mean - userBias[r.user]!;
    filmCountOf[r.film]! += 1;
  }
  const filmBias = filmSum.map((sum, f) => sum / (filmCountOf[f]! + 10));
  const residual = ratings.map((r) => r.value - mean - userBias[r.user]! - filmBias[r.film]!);

  const byUser: number[][] = Array.from({ length: userCount }, () => []);
  const byFilm: number[][] = Array.from({ length: filmCount }, () => []);
  ratings.forEach((r, i) => {
    byUser[r.user]!.push(i);
    byFilm[r.film]!.push(i);
  });

  const random = seededRandom(20_181_001);
  const users = Float64Array.from({ length: userCount * k }, () => (random() - 0.5) * 0.2);
  const films = Float64Array.from({ length: filmCount * k }, () => (random() - 0.5) * 0.2);
  const a = new Float64Array(k * k);
  const b = new Float64Array(k);
  const update = (target: Float64Array, other: Float64Array, rows: number[][], otherOf: (i: number) => number) => {
    for (let t = 0; t < rows.length; t++) {
      const list = rows[t]!;
      a.fill(0);
      b.fill(0);
      for (const i of list) {
        const o = otherOf(i) * k;
        for (let p = 0; p < k; p++) {
          const op = other[o + p]!;
          b[p]! += residual[i]! * op;
          for (let q = 0; q <= p; q++) a[p * k + q]! += op * other[o + q]!;
        }
      }
      for (let p = 0; p < k; p++) {
        for (let q = 0; q < p; q++) a[q * k + p] = a[p * k + q]!;
        a[p * k + p]! += FACTOR_PENALTY;
      }
      const x = solveSymmetric(a, b, k);
      target.set(x, t * k);
    }
  };
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    update(users, films, byUser, (i) => ratings[i]!.film);
    update(films, users, byFilm, (i) => ratings[i]!.user);
  }
  return films;
}

/** A film's tone as its tags say it: per axis the mean weight of the tag uses that speak to it, and how many. */
export function tagEvidence(tags: readonly string[]): { tone: number[]; uses: number[] } {
  const sum = TONE_AXES.map(() => 0);
  const uses = TONE_AXES.map(() => 0);
  for (const tag of tags) {
    const say = TAG_TONE[tag];
    if (!say) continue;
    TONE_AXES.forEach((axis, a) => {
      const weight = say[axis];
      if (weight === undefined) return;
      sum[a]! += weight;
      uses[a]! += 1;
    });
  }
  return { tone: sum.map((s, a) => (uses[a]! > 0 ? s / uses[a]! : 0)), uses };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Every film's tone (TONE_AXES order, each in [-1, 1], two decimals), or null for a film nobody rated. Learned
 * from the ratings for all rated films; a film's own tags, where it has some, pull its tone their way.
 */
export function filmTones(input: ToneInput): (number[] | null)[] {
  const filmIndex = new Map(input.films.map((film, i) => [film.id, i]));
  const userIndex = new Map<string, number>();
  const ratings: { user: number; film: number; value: number }[] = [];
  const ratingCount = new Float64Array(input.films.length);
  for (const row of input.ratings) {
    const film = filmIndex.get(row.movieId);
    if (film === undefined) continue;
    let user = userIndex.get(row.userId);
    if (user === undefined) {
      user = userIndex.size;
      userIndex.set(row.userId, user);
    }
    ratings.push({ user, film, value: row.rating });
    ratingCount[film]! += 1;
  }
  const factors = filmFactors(input.films.length, ratings, userIndex.size);

  const tagsOf: string[][] = input.films.map(() => []);
  for (const row of input.tags) {
    const film = filmIndex.get(row.movieId);
    if (film !== undefined) tagsOf[film]!.push(row.tag);
  }
  const evidence = tagsOf.map(tagEvidence);

  // Features: the film's factors, its genres, how much it was rated, and a constant.
  const width = FACTORS + GENRES.length + 2;
  const features = (f: number): Float64Array => {
    const x = new Float64Array(width);
    for (let p = 0; p < FACTORS; p++) x[p] = factors[f * FACTORS + p]! * 3;
    const genres = input.films[f]!.genres;
    GENRES.forEach((genre, g) => {
      if (genres.includes(genre)) x[FACTORS + g] = 1;
    });
    x[width - 2] = Math.log10(1 + ratingCount[f]!) / 2;
    x[width - 1] = 1;
    return x;
  };
  const rated = input.films.map((_, f) => ratingCount[f]! > 0);
  const featureRows = input.films.map((_, f) => (rated[f] ? features(f) : null));

  const tones: (number[] | null)[] = input.films.map((_, f) => (rated[f] ? TONE_AXES.map(() => 0) : null));
  TONE_AXES.forEach((_, axis) => {
    const a = new Float64Array(width * width);
    const b = new Float64Array(width);
    for (let f = 0; f < input.films.length; f++) {
      const x = featureRows[f];
      const uses = evidence[f]!.uses[axis]!;
      if (!x || uses === 0) continue;
      const y = evidence[f]!.tone[axis]!;
      const weight = uses / (uses + 1);
      for (let p = 0; p < width; p++) {
        b[p]! += weight * y * x[p]!;
        for (let q = 0; q < width; q++) a[p * width + q]! += weight * x[p]! * x[q]!;
      }
    }
    for (let p = 0; p < width; p++) a[p * width + p]! += REGRESSION_PENALTY;
    const beta = solveSymmetric(a, b, width);
    // Predictions are shrunk towards the middle; scaled so the spread over rated films is about ±1.
    const predicted = new Float64Array(input.films.length);
    let sumSquares = 0;
    let count = 0;
    let sum = 0;
    for (let f = 0; f < input.films.length; f++) {
      const x = featureRows[f];
      if (!x) continue;
      let value = 0;
      for (let p = 0; p < width; p++) value += beta[p]! * x[p]!;
      predicted[f] = value;
      sum += value;
      count += 1;
    }
    const centre = count ? sum / count : 0;
    for (let f = 0; f < input.films.length; f++) if (featureRows[f]) sumSquares += (predicted[f]! - centre) ** 2;
    const spread = count ? Math.sqrt(sumSquares / count) : 1;
    for (let f = 0; f < input.films.length; f++) {
      const tone = tones[f];
      if (!tone) continue;
      const fromRatings = Math.max(-1, Math.min(1, (predicted[f]! - centre) / (2 * (spread || 1))));
      const uses = evidence[f]!.uses[axis]!;
      const own = uses / (uses + 2);
      tone[axis] = round2(Math.max(-1, Math.min(1, (1 - own) * fromRatings + own * evidence[f]!.tone[axis]!)));
    }
  });
  return tones;
}
