/**
 * Each pick's one line, about the film itself: its strongest tone words and tags ("funny, feel-good", "tense,
 * dark"), its genres as a film lover says them ("animated family comedy", MovieLens's IMAX left out), whose mood
 * it answers, and its rating ("4.2 stars from 215 viewers"). A word is never one the film's own tone contradicts:
 * a tag is said only when the film's learned tone leans its way, and a tone word only from the film's own tone.
 */
import { tagTone } from '../catalogue/tone';
import { TONE_AXES, type Film, type Genre, type ToneAxis } from '../catalogue/types';
import { MOOD_WORD, moodWithArticle, type Emotion } from '../mood/emotions';
import { userRatingOf } from './quality';
import type { Strategy } from './types';

/** Tags that read well in a reason, as written there: tone words only, never a subject (violence, drugs…). */
const SAYABLE_TAGS: Readonly<Record<string, string>> = {
  'funny': 'funny',
  'very funny': 'very funny',
  'hilarious': 'hilarious',
  'humorous': 'humorous',
  'witty': 'witty',
  'silly': 'silly',
  'goofy': 'goofy',
  'screwball': 'screwball',
  'lighthearted': 'light-hearted',
  'feel-good': 'feel-good',
  'feel good': 'feel-good',
  'heartwarming': 'heartwarming',
  'sweet': 'sweet',
  'cute': 'cute',
  'charming': 'charming',
  'whimsical': 'whimsical',
  'uplifting': 'uplifting',
  'inspirational': 'inspiring',
  'inspiring': 'inspiring',
  'touching': 'touching',
  'moving': 'moving',
  'romantic': 'romantic',
  'dark': 'dark',
  'disturbing': 'disturbing',
  'bleak': 'bleak',
  'grim': 'grim',
  'gritty': 'gritty',
  'cynical': 'cynical',
  'creepy': 'creepy',
  'psychological': 'psychological',
  'dark comedy': 'darkly comic',
  'black comedy': 'darkly comic',
  'dark humor': 'darkly funny',
  'suspense': 'suspenseful',
  'suspenseful': 'suspenseful',
  'tense': 'tense',
  'intense': 'intense',
  'scary': 'scary',
  'claustrophobic': 'claustrophobic',
  'thrilling': 'thrilling',
  'atmospheric': 'atmospheric',
  'thought-provoking': 'thought-provoking',
  'philosophical': 'philosophical',
  'cerebral': 'cerebral',
  'intelligent': 'intelligent',
  'mind-bending': 'mind-bending',
  'clever': 'clever',
  'surreal': 'surreal',
  'dreamlike': 'dreamlike',
  'beautiful': 'beautiful',
  'visually stunning': 'visually stunning',
  'visually appealing': 'beautifully shot',
  'sad': 'sad',
  'tearjerker': 'tear-jerking',
  'heartbreaking': 'heartbreaking',
  'bittersweet': 'bittersweet',
  'melancholy': 'melancholy',
  'melancholic': 'melancholy',
  'emotional': 'emotional',
  'relaxing': 'relaxing',
  'gentle': 'gentle',
  'satire': 'satirical',
  'twist ending': 'twisty',
  'plot twist': 'twisty',
  'complex': 'complex',
};

/** The word for each side of an axis (null where none reads well). */
const AXIS_WORD: Record<ToneAxis, [positive: string | null, negative: string | null]> = {
  light: ['light', 'dark'],
  warm: ['warm', null],
  tense: ['tense', 'gentle'],
  sad: ['moving', null],
  absorbing: ['absorbing', null],
};

/** A tone word from the film's own tone needs at least this much of its axis. */
const AXIS_WORD_MIN = 0.25;
/** A tag is contradicted when the film's tone leans against it by more than this on an axis the tag claims. */
const CONTRADICTION = 0.1;
/** How many tone words a reason says. */
const WORDS = 2;

interface Word {
  text: string;
  /** The axes it speaks for (signed), as the tag lexicon says or its axis. */
  claims: Partial<Record<ToneAxis, number>>;
  /** How strongly the film is so (1 for its own tags, its tone's size for a tone word). */
  strength: number;
  fromTag: boolean;
}

function mainAxis(claims: Partial<Record<ToneAxis, number>>): ToneAxis | null {
  let best: ToneAxis | null = null;
  let size = 0;
  for (const axis of TONE_AXES) {
    const value = Math.abs(claims[axis] ?? 0);
    if (value > size) {
      best = axis;
      size = value;
    }
  }
  return best;
}

/** Whether the tone leans against what a word claims on any axis it claims strongly. */
function contradicts(claims: Partial<Record<ToneAxis, number>>, tone: readonly number[]): boolean {
  return TONE_AXES.some((axis, a) => {
    const claim = claims[axis] ?? 0;
    return Math.abs(claim) >= 0.5 && Math.sign(claim) * (tone[a] ?? 0) < -CONTRADICTION;
  });
}

/**
 * The film's tone words for a tone profile (the mood's): its own tags the lexicon knows and its tone does not
 * contradict, then words of its own tone's strong axes; those that speak for the profile first, none against it.
 */
export function toneWords(film: Pick<Film, 'tags' | 'tone'>, profile: Float64Array | null): string[] {
  const tone = film.tone;
  if (!tone || tone.length !== TONE_AXES.length) return [];
  const words: Word[] = [];
  for (const tag of film.tags) {
    const text = SAYABLE_TAGS[tag];
    const claims = tagTone(tag);
    if (!text || !claims || contradicts(claims, tone)) continue;
    words.push({ text, claims, strength: 1, fromTag: true });
  }
  TONE_AXES.forEach((axis, a) => {
    const value = tone[a] ?? 0;
    const text = AXIS_WORD[axis][value >= 0 ? 0 : 1];
    if (text && Math.abs(value) >= AXIS_WORD_MIN) {
      words.push({ text, claims: { [axis]: Math.sign(value) }, strength: Math.abs(value), fromTag: false });
    }
  });
  const forMood = (word: Word) =>
    profile ? TONE_AXES.reduce((sum, axis, a) => sum + profile[a]! * (word.claims[axis] ?? 0), 0) : 0;
  const ranked = words
    .map((word) => ({ word, mood: forMood(word) }))
    // A word against the mood would argue against the pick; a word the mood is indifferent to may still describe it.
    .filter(({ mood }) => mood >= 0)
    .sort(
      (a, b) =>
        Number(b.mood > 0.05) - Number(a.mood > 0.05) ||
        Number(b.word.fromTag) - Number(a.word.fromTag) ||
        b.word.strength * (1 + b.mood) - a.word.strength * (1 + a.mood),
    );
  const chosen: Word[] = [];
  const take = (word: Word) => {
    const axis = mainAxis(word.claims);
    if (chosen.some((c) => c.text === word.text || (axis !== null && mainAxis(c.claims) === axis))) return;
    chosen.push(word);
  };
  // First the word that says most of why it fits; then the film's own strongest other side (its tag, or a
  // strong axis the mood does not mind), so five light, warm comedies do not all read the same.
  if (ranked[0]) take(ranked[0].word);
  const rest = ranked
    .slice(1)
    .sort(
      (a, b) =>
        Number(b.word.fromTag) - Number(a.word.fromTag) || b.word.strength - b.mood - (a.word.strength - a.mood),
    );
  for (const { word } of rest) {
    if (chosen.length === WORDS) break;
    take(word);
  }
  return chosen.map((word) => word.text);
}

/** A genre as the noun of a phrase; `true` marks a noun that needs no "film" ("comedy", "thriller"). */
const GENRE_NOUN: Record<Genre, [noun: string, bare: boolean]> = {
  'Action': ['action film', false],
  'Adventure': ['adventure', true],
  'Animation': ['animated film', false],
  'Children': ['family film', false],
  'Comedy': ['comedy', true],
  'Crime': ['crime film', false],
  'Documentary': ['documentary', true],
  'Drama': ['drama', true],
  'Fantasy': ['fantasy', true],
  'Film-Noir': ['film noir', true],
  'Horror': ['horror film', false],
  'IMAX': ['film', false],
  'Musical': ['musical', true],
  'Mystery': ['mystery', true],
  'Romance': ['romance', true],
  'Sci-Fi': ['sci-fi film', false],
  'Thriller': ['thriller', true],
  'War': ['war film', false],
  'Western': ['western', true],
};

/** A genre before a noun, in the order they read ("animated family comedy", "romantic comedy"). */
const GENRE_ADJECTIVE: [Genre, string][] = [
  ['Animation', 'animated'],
  ['Children', 'family'],
  ['Romance', 'romantic'],
  ['Musical', 'musical'],
  ['Fantasy', 'fantasy'],
  ['Sci-Fi', 'sci-fi'],
  ['War', 'war'],
  ['Western', 'western'],
  ['Crime', 'crime'],
  ['Mystery', 'mystery'],
  ['Horror', 'horror'],
  ['Action', 'action'],
  ['Adventure', 'adventure'],
  ['Documentary', 'documentary'],
  ['Film-Noir', 'noir'],
  ['Thriller', 'thriller'],
  ['Comedy', 'comedy'],
];

/** Which genre ends a phrase as its noun when the head needs "film" ("fantasy horror thriller"). */
const NOUN_ORDER: Genre[] = [
  'Thriller',
  'Comedy',
  'Adventure',
  'Mystery',
  'Musical',
  'Romance',
  'Western',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
];

/** Which genre heads a phrase when the film fits through none the table lists: the most telling one. */
const HEAD_ORDER: Genre[] = [
  'Documentary',
  'Musical',
  'Western',
  'Horror',
  'Thriller',
  'Mystery',
  'Romance',
  'Comedy',
  'Adventure',
  'Fantasy',
  'Sci-Fi',
  'Animation',
  'Children',
  'Action',
  'War',
  'Crime',
  'Film-Noir',
  'Drama',
];

/**
 * The film's genres as a phrase headed by `head` (the genre it fits through, or the most telling one): up to two
 * other genres before it, a bare noun at the end ("crime thriller", not "thriller crime film"), comedy and drama
 * together a comedy-drama. MovieLens's IMAX (a format) and "(no genres listed)" are never said.
 */
export function genrePhrase(genres: readonly Genre[], head: Genre | null): string {
  const own: readonly Genre[] = genres.filter((genre) => genre !== 'IMAX');
  if (own.length === 0) return 'film';
  let first: Genre = head && own.includes(head) ? head : HEAD_ORDER.find((genre) => own.includes(genre))!;
  // Animation and family are ways a film is made and for whom: a comedy that is animated is an animated comedy.
  if ((first === 'Animation' || first === 'Children') && own.some((g) => GENRE_NOUN[g][1])) {
    first = HEAD_ORDER.find((genre) => own.includes(genre) && GENRE_NOUN[genre][1])!;
  }
  const others = GENRE_ADJECTIVE.filter(([genre]) => genre !== first && own.includes(genre)).slice(0, 2);
  const chosen: Genre[] = [first, ...others.map(([genre]) => genre)];
  // The noun: the head's when it needs no "film", else another chosen genre's, else the drama or comedy it is.
  const bare = [...chosen, ...(['Drama', 'Comedy'] as const).filter((g) => own.includes(g))];
  let noun: Genre = GENRE_NOUN[first][1] ? first : (NOUN_ORDER.find((genre) => bare.includes(genre)) ?? first);
  let nounText = GENRE_NOUN[noun][0];
  if ((noun === 'Comedy' || noun === 'Drama') && own.includes('Comedy') && own.includes('Drama')) {
    noun = 'Comedy';
    nounText = 'comedy-drama';
  }
  const adjectives = GENRE_ADJECTIVE.filter(
    ([genre]) => genre !== noun && chosen.includes(genre) && !(nounText === 'comedy-drama' && genre === 'Comedy'),
  ).map(([, word]) => word);
  return [...adjectives, nounText].join(' ');
}

/** "4.2 stars from 215 viewers"; an imported film: "you rated it 4.5"; nothing for a film nobody rated. */
export function ratingPhrase(film: Pick<Film, 'rating' | 'ratingCount' | 'source' | 'userRating'>): string | null {
  if (film.source === 'builtin' && film.rating !== null && film.ratingCount > 0) {
    const viewers = film.ratingCount === 1 ? 'viewer' : 'viewers';
    return `${film.rating.toFixed(1)} stars from ${thousands(film.ratingCount)} ${viewers}`;
  }
  const own = userRatingOf(film);
  return own !== null ? `you rated it ${formatRating(own)}` : null;
}

/** 1234567 → "1,234,567" (toLocaleString costs a quarter of a millisecond a call). */
function thousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/gu, ',');
}

function formatRating(rating: number): string {
  return Number.isInteger(rating) ? String(rating) : rating.toFixed(1);
}

/**
 * How lifting reads per emotion: negative moods are lifted, calmed or eased (mood management, Zillmann 1988);
 * a happy mood is kept going; surprise and a neutral mood are fed something engaging.
 */
const LIFT_VERB: Record<Emotion, [before: string, after: string]> = {
  angry: ['to calm', ''],
  disgust: ['to lift', ''],
  fear: ['to ease', ''],
  happy: ['to keep', ' going'],
  sad: ['to lift', ''],
  surprise: ['to keep', ' going'],
  neutral: ['to brighten', ''],
};

/** Whose mood a pick answers, as the end of its reason. */
export type Audience =
  | { kind: 'single'; emotions: readonly Emotion[] }
  | { kind: 'group'; emotions: readonly Emotion[]; mostly: boolean }
  | { kind: 'side'; emotion: Emotion };

/**
 * "for your happy mood", "for your happy and sad mood", "to lift a sad mood", "for a mostly neutral group",
 * "to brighten a mostly neutral group", "for a happy and sad group", "for the sad side of your mood".
 */
export function purposeText(audience: Audience, strategy: Strategy): string {
  if (audience.kind === 'side') return `for the ${MOOD_WORD[audience.emotion]} side of your mood`;
  if (audience.kind === 'group') {
    const words = audience.emotions.map((emotion) => MOOD_WORD[emotion]);
    const moods = words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]!}` : words[0]!;
    const group = `${audience.mostly ? 'mostly ' : ''}${moods} group`;
    const article = /^[aeiou]/u.test(group) ? 'an' : 'a';
    // Lift words a mood; a group of several moods is simply given films for it.
    if (strategy !== 'lift' || words.length > 1) return `for ${article} ${group}`;
    const [before, after] = LIFT_VERB[audience.emotions[0]!];
    return `${before} ${article} ${group}${after}`;
  }
  const [first, second] = audience.emotions;
  if (strategy === 'lift') {
    const [before, after] = LIFT_VERB[first!];
    return `${before} ${moodWithArticle(first!)} mood${after}`;
  }
  return `for your ${MOOD_WORD[first!]}${second ? ` and ${MOOD_WORD[second]}` : ''} mood`;
}

export interface ReasonParts {
  film: Film;
  /** The genre it fits through, or null. */
  genre: Genre | null;
  /** The mood's tone profile (for choosing tone words), or null. */
  profile: Float64Array | null;
  strategy: Strategy;
  audience: Audience;
  /** Why it is on the list (ordering.ts); a plain fit when absent. */
  kind?: 'fit' | 'next' | 'loved' | 'yours';
  /** "Part 3 of The Lord of the Rings" (display.ts), or null. */
  series?: string | null;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The reason: "Funny, feel-good romantic comedy for your happy mood · 4.2 stars from 215 viewers";
 * "Loved by MovieLens viewers · absorbing crime drama · 4.4 stars from 317 viewers";
 * "From your list (you rated it 4.5): witty comedy for your happy mood".
 */
export function reasonLine({ film, genre, profile, strategy, audience, kind = 'fit', series }: ReasonParts): string {
  const words = toneWords(film, profile);
  const what = `${words.length ? `${words.join(', ')} ` : ''}${genrePhrase(film.genres, genre)}`;
  const rating = ratingPhrase(film);
  const parts: string[] = [];
  if (series) parts.push(series);
  if (kind === 'loved') {
    parts.push('Loved by MovieLens viewers', what);
    if (rating) parts.push(rating);
  } else if (kind === 'yours') {
    const own = userRatingOf(film);
    const head = own !== null ? `From your list (you rated it ${formatRating(own)})` : 'From your list';
    parts.push(`${head}: ${what} ${purposeText(audience, strategy)}`);
  } else {
    parts.push(`${what} ${purposeText(audience, strategy)}`);
    if (rating) parts.push(rating);
  }
  return capitalised(parts.join(' · '));
}

/** The reason of a film shown without a reading (issue 23's row before any reading). */
export const LOVED_REASON = 'Loved by MovieLens viewers';
