/**
 * Film titles: MovieLens's catalogue form ("Shawshank Redemption, The (1994)") into display form, and the
 * match key that makes a streaming page's title and a catalogue title meet.
 */

/**
 * Articles MovieLens moves to the end of a title (", The", ", Les", ", L'"), in every language it uses them
 * in, plus the common ones of the same languages that do not occur yet. "Da" is there for "Hip Hop Witch, Da".
 */
const TRAILING_ARTICLES = [
  // English
  'the',
  'a',
  'an',
  // French, Italian, Spanish, Portuguese
  'le',
  'la',
  'les',
  "l'",
  'un',
  'une',
  'il',
  'lo',
  'gli',
  'i',
  'uno',
  'una',
  'el',
  'los',
  'las',
  'o',
  'os',
  'as',
  'um',
  'uma',
  // German, Dutch, Scandinavian
  'der',
  'die',
  'das',
  'ein',
  'eine',
  'de',
  'het',
  'een',
  'den',
  'det',
  'en',
  'et',
  'ett',
  // slang article in one MovieLens title
  'da',
];
const ARTICLE_SET = new Set(TRAILING_ARTICLES);

/** What may follow the last comma for it to be a trailing article: one word, "L'" with its apostrophe. */
const ARTICLE_WORD = /^\p{L}+['’]?$/u;

/**
 * A year in brackets at the end: "(1995)", "[1995]", "(2006–2007)", "(2006-)". It starts at the bracket, not
 * at the spaces before it: a leading `\s*` would rescan a run of spaces from each of its positions
 * (quadratic in the run); callers trim what is left in front instead.
 */
const TRAILING_YEAR = /[([]\s*(\d{4})(?:\s*[-–—]\s*(?:\d{4})?)?\s*[)\]]\s*$/u;

/** Moves a trailing article to the front, keeping its case: "Misérables, Les" → "Les Misérables". */
export function moveTrailingArticle(title: string): string {
  const text = title.trim();
  const comma = text.lastIndexOf(',');
  if (comma <= 0) return text;
  const word = text.slice(comma + 1).trim();
  if (!ARTICLE_WORD.test(word)) return text;
  const article = word.replace('’', "'");
  if (!ARTICLE_SET.has(article.toLowerCase())) return text;
  const rest = text.slice(0, comma).trimEnd();
  if (rest === '') return text;
  // "L'" is elided: it joins the next word without a space ("L'Atalante").
  return article.endsWith("'") ? `${article}${rest}` : `${article} ${rest}`;
}

export interface ParsedTitle {
  /** Display title, article in front. */
  title: string;
  /** Alternate titles in display form (original-language titles, a.k.a.), in the order MovieLens lists them. */
  aliases: string[];
  /** The release year (the first one of a range), or null when the title has none. */
  year: number | null;
}

/**
 * Splits a trailing " (…)" group off `text`, brackets balanced, or returns null when there is none or when
 * nothing would be left in front of it ("(500) Days of Summer" keeps its brackets).
 */
function splitTrailingGroup(text: string): { rest: string; inner: string } | null {
  if (!text.endsWith(')')) return null;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const char = text[i];
    if (char === ')') depth++;
    else if (char === '(') {
      depth--;
      if (depth === 0) {
        const rest = text.slice(0, i);
        // Only a group set off by a space is an alternate title ("You Are (Not) Alone" is one title).
        if (!/\s$/u.test(rest) || rest.trim() === '') return null;
        return { rest: rest.trimEnd(), inner: text.slice(i + 1, -1).trim() };
      }
    }
  }
  return null;
}

/**
 * A streaming page's trailing bracketed group, set off by a space: "Heat (1995)", "Coco (Dubbed)", "Wednesday
 * (Season 2)", "The Office [U.S.]". The pattern starts at the bracket (no leading `\s*`), so a run of spaces
 * costs linear time; nothing left in front ("(Untitled)") means no group.
 */
const PAGE_TITLE_GROUP = /[([]([^()[\]]*)[)\]]\s*$/u;
/** Words that make a page title's bracket say "series", in the languages the sites' pages use. */
const SERIES_WORDS = /\b(?:season|series|episode|staffel|saison|temporada|stagione)\b/iu;

/** A page title without its trailing group, and what the group said. */
export interface PageTitle {
  title: string;
  /** A four-digit year the group held ("(1995)"), else null. */
  year: number | null;
  /** The group named a season, series or episode. */
  series: boolean;
  /** Whether a group was cut off (the title as shown differs). */
  cut: boolean;
}

/**
 * The one parser of a title as a streaming page shows it (the sites read tiles with it, the matcher reads
 * queries with it): a trailing " (…)" or " […]" is cut off and read for a year or series words.
 */
export function parsePageTitle(shown: string): PageTitle {
  const text = shown.trim();
  const group = PAGE_TITLE_GROUP.exec(text);
  const rest = group ? text.slice(0, group.index) : '';
  if (!group || !/\s$/u.test(rest) || rest.trim() === '') return { title: text, year: null, series: false, cut: false };
  const inside = group[1]!.trim();
  return {
    title: rest.trim(),
    year: /^\d{4}$/u.test(inside) ? Number(inside) : null,
    series: SERIES_WORDS.test(inside),
    cut: true,
  };
}

/**
 * Reads a MovieLens title: "City of Lost Children, The (Cité des enfants perdus, La) (1995)" →
 * { title: "The City of Lost Children", aliases: ["La Cité des enfants perdus"], year: 1995 }.
 * Tolerates a missing year ("Babylon 5"), a range ("(2006–2007)"), and stray spaces around it.
 */
export function parseMovieLensTitle(raw: string): ParsedTitle {
  let text = raw.replace(/\s+/gu, ' ').trim();
  let year: number | null = null;
  const yearFound = TRAILING_YEAR.exec(text);
  if (yearFound && yearFound.index > 0) {
    year = Number(yearFound[1]);
    text = text.slice(0, yearFound.index).trim();
  }
  const aliasesFromEnd: string[] = [];
  for (let group = splitTrailingGroup(text); group; group = splitTrailingGroup(text)) {
    const alias = moveTrailingArticle(group.inner.replace(/^a\.?k\.?a\.?\s+/iu, ''));
    if (alias !== '') aliasesFromEnd.push(alias);
    text = group.rest;
  }
  const title = moveTrailingArticle(text);
  const seen = new Set([normalizeTitle(title)]);
  const aliases: string[] = [];
  for (const alias of aliasesFromEnd.reverse()) {
    const key = normalizeTitle(alias);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    aliases.push(alias);
  }
  return { title, aliases, year };
}

/** Letters NFKD leaves whole but a reader treats as plain ones ("Grønne" = "Gronne"). */
const LETTER_FOLDS: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * The key two titles match on: case and diacritics folded, "&" read as "and", punctuation ignored, a
 * trailing article moved to the front, a trailing bracketed year dropped, spaces collapsed. Articles are
 * kept: "Heat" and "The Heat" are different films.
 */
export function normalizeTitle(title: string): string {
  let text = title.toLowerCase();
  // Most titles are plain ASCII: they skip the Unicode folding, which is most of the cost.
  const ascii = ASCII.test(text);
  if (!ascii) {
    text = text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/[øæœßłđðþı]/gu, (letter) => LETTER_FOLDS[letter] ?? letter)
      .replace(/[’‘ʼ´]/gu, "'");
  }
  text = moveTrailingArticle(text.replace(TRAILING_YEAR, ''));
  // Apostrophes vanish ("Schindler's" = "Schindlers", "L'Atalante" = "Latalante"); so do dots inside a
  // word ("L.A.", "1.0"); other punctuation separates words.
  text = text.replace(/&/g, ' and ').replace(/['`]/g, '');
  text = ascii
    ? text.replace(/\.(?=[a-z0-9])/g, '').replace(/[^a-z0-9]+/g, ' ')
    : text.replace(/\.(?=[\p{L}\p{N}])/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ');
  return text.trim();
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, NUL included, is what "plain ASCII" means here
const ASCII = /^[\x00-\x7f]*$/;

/** The key of a film as a title and a year ("the heat|2013"); the importer's duplicate check uses it. */
export function filmKey(title: string, year: number | null): string {
  return `${normalizeTitle(title)}|${year ?? ''}`;
}
