/**
 * A film's tone (light, warm, tense, sad, absorbing), learned at `npm run catalogue` time from MovieLens:
 * user tags say the tone of the few films people tagged ("feel-good", "dark", "tense"); a small matrix
 * factorisation of ratings.csv places every rated film among the others by who liked it; a ridge regression from
 * those factors (and the genres) to the tagged tones carries tone to the films nobody tagged, and each film's
 * co-rating neighbours among the tagged films (the films its raters rated the same way) move it towards what
 * their tags say. A film's own tags refine its tone but are never needed: a film whose tags are withheld still
 * gets a tone from its ratings. With no tags at all every tone is 0, and the picks fall back to genre alone.
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
tagged('feel-good|cute|adorable|whimsical|happy ending|family|disney|pixar|children|kids|christmas|quirky', {
  light: 0.8,
  warm: 1,
  tense: -0.5,
});
// Warm without being light: an inspiring drama is not a light-hearted one.
tagged('heartwarming|sweet|charming|friendship', { light: 0.4, warm: 1, tense: -0.5 });
tagged('uplifting|inspirational|inspiring', { warm: 0.8 });
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

/** What a (folded) tag says about each axis, or undefined when the lexicon does not know it. */
export function tagTone(tag: string): Readonly<Partial<Record<ToneAxis, number>>> | undefined {
  return TAG_TONE[tag];
}

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
): { factors: Float64Array; residual: number[] } {
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
  return { factors: films, residual };
}

/** How many tagged co-rating neighbours speak for a film's tone. */
const NEIGHBOURS = 50;
/** How far the tagged neighbours move a film's tone from the regression's estimate (at full confidence). */
const NEIGHBOUR_SHARE = 0.8;
/** The similarity (summed over the neighbours that speak to an axis) at which their word counts half. */
const NEIGHBOUR_HALF = 1;
/** Raters in common at which a co-rating similarity counts half (fewer say little). */
const CO_RATING_SHRINK = 10;

/**
 * Co-rating neighbours: for each rated film, the NEIGHBOURS tagged films its raters rated the same way (cosine of
 * the ratings less each user's and film's usual, shrunk for few raters in common), and per axis the
 * similarity-weighted mean of what their tags say, with a confidence that grows with the similarity behind it.
 */
function coRatingNeighbours(
  ratings: readonly { user: number; film: number }[],
  residual: readonly number[],
  userCount: number,
  ratingCount: Float64Array,
  evidence: readonly { tone: number[]; uses: number[] }[],
): (film: number, axis: number) => { tone: number; confidence: number } | null {
  const count = ratingCount.length;
  const byUser: number[][] = Array.from({ length: userCount }, () => []);
  const byFilm: number[][] = Array.from({ length: count }, () => []);
  const norm = new Float64Array(count);
  ratings.forEach((r, i) => {
    byUser[r.user]!.push(i);
    byFilm[r.film]!.push(i);
    norm[r.film]! += residual[i]! ** 2;
  });
  for (let f = 0; f < count; f++) norm[f] = Math.sqrt(norm[f]!);
  const ids = new Int32Array(count * NEIGHBOURS).fill(-1);
  const weights = new Float64Array(count * NEIGHBOURS);
  const sums = new Float64Array(count);
  const common = new Int32Array(count);
  const touched: number[] = [];
  for (let j = 0; j < count; j++) {
    if (ratingCount[j] === 0 || !evidence[j]!.uses.some((u) => u > 0) || norm[j] === 0) continue;
    for (const i of byFilm[j]!) {
      const rj = residual[i]!;
      for (const k of byUser[ratings[i]!.user]!) {
        const f = ratings[k]!.film;
        if (common[f] === 0) touched.push(f);
        common[f]! += 1;
        sums[f]! += rj * residual[k]!;
      }
    }
    for (const f of touched) {
      const n = common[f]!;
      const similarity =
        f === j || norm[f] === 0 ? 0 : (sums[f]! / (norm[j]! * norm[f]!)) * (n / (n + CO_RATING_SHRINK));
      sums[f] = 0;
      common[f] = 0;
      if (similarity <= 0) continue;
      const base = f * NEIGHBOURS;
      if (similarity <= weights[base + NEIGHBOURS - 1]!) continue;
      let at = NEIGHBOURS - 1;
      while (at > 0 && weights[base + at - 1]! < similarity) {
        weights[base + at] = weights[base + at - 1]!;
        ids[base + at] = ids[base + at - 1]!;
        at--;
      }
      weights[base + at] = similarity;
      ids[base + at] = j;
    }
    touched.length = 0;
  }
  return (f, axis) => {
    let sum = 0;
    let total = 0;
    for (let i = f * NEIGHBOURS; i < (f + 1) * NEIGHBOURS; i++) {
      const j = ids[i]!;
      if (j < 0 || evidence[j]!.uses[axis] === 0) continue;
      sum += weights[i]! * evidence[j]!.tone[axis]!;
      total += weights[i]!;
    }
    if (total === 0) return null;
    return { tone: sum / total, confidence: total / (total + NEIGHBOUR_HALF) };
  };
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
  const { factors, residual } = filmFactors(input.films.length, ratings, userIndex.size);

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
  const neighbours = coRatingNeighbours(ratings, residual, userIndex.size, ratingCount, evidence);
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
    // The regression's estimate, moved towards what the film's tagged neighbours say (propagation), then
    // centred and scaled so the spread over rated films is about ±1.
    const predicted = new Float64Array(input.films.length);
    let sumSquares = 0;
    let count = 0;
    let sum = 0;
    for (let f = 0; f < input.films.length; f++) {
      const x = featureRows[f];
      if (!x) continue;
      let value = 0;
      for (let p = 0; p < width; p++) value += beta[p]! * x[p]!;
      const near = neighbours(f, axis);
      if (near) value = (1 - NEIGHBOUR_SHARE * near.confidence) * value + NEIGHBOUR_SHARE * near.confidence * near.tone;
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
