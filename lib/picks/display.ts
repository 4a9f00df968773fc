/**
 * Titles as people know them on a page of picks. A film whose English title another rated film also has is
 * shown with the title it is known by first ("Il Postino (The Postman)": Kevin Costner's The Postman is another
 * film). A later part of a series whose title does not say its number is flagged ("Part 3 of The Lord of the
 * Rings") when the earlier parts are not on the same page. Both are computed once per films array.
 */
import type { Film } from '../catalogue/types';
import { normalizeTitle } from '../catalogue/titles';
import { franchiseKey, franchiseKeys } from './franchise';

/** Films of one series more than this many years apart start a new run (the 1978 Lord of the Rings is not part 1 of 2001's). */
const SERIES_GAP_YEARS = 15;

interface SeriesPart {
  /** The series as its first part's title names it ("The Lord of the Rings", "Harry Potter"). */
  name: string;
  part: number;
  /** Ids of the earlier parts. */
  earlier: readonly string[];
}

interface DisplayIndex {
  /** Normalised titles of rated (and imported) films, with how many films have each. */
  titleCount: Map<string, number>;
  /** Later parts of series, by film id. */
  parts: Map<string, SeriesPart>;
}

const indexes = new WeakMap<readonly Film[], DisplayIndex>();

/** The series name in a title: before a subtitle (": ", " - ") or before " and the " ("Harry Potter and the …"). */
function seriesName(title: string): string | null {
  const subtitle = title.search(/:\s| [-–—] /u);
  if (subtitle > 0) return title.slice(0, subtitle).trim();
  const andThe = title.search(/ and the /iu);
  if (andThe > 0 && title.slice(0, andThe).includes(' ')) return title.slice(0, andThe).trim();
  return null;
}

/** Whether a title states a sequel number itself ("Toy Story 3", "Part II", "Episode V", "Vol. 2"). */
function saysItsNumber(title: string): boolean {
  return /\b(\d{1,2}|II|III|IV|V|VI|VII|VIII|IX|X)\b|\b(part|chapter|vol\.?|volume|episode)\s+\S+/iu.test(title);
}

function buildDisplayIndex(films: readonly Film[]): DisplayIndex {
  const titleCount = new Map<string, number>();
  const members = new Map<string, Film[]>();
  for (const film of films) {
    if (film.ratingCount === 0 && film.source === 'builtin') continue;
    const key = normalizeTitle(film.title);
    titleCount.set(key, (titleCount.get(key) ?? 0) + 1);
    if (film.year === null || film.ratingCount === 0) continue;
    for (const series of franchiseKeys(film)) {
      const list = members.get(series);
      if (list) list.push(film);
      else members.set(series, [film]);
    }
  }
  const parts = new Map<string, SeriesPart>();
  for (const list of members.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.year! - b.year! || (a.id < b.id ? -1 : 1));
    let run: Film[] = [];
    for (const film of list) {
      if (run.length > 0 && film.year! - run[run.length - 1]!.year! > SERIES_GAP_YEARS) run = [];
      run.push(film);
      const name = seriesName(run[0]!.title) ?? seriesName(film.title);
      if (run.length < 2 || !name || saysItsNumber(film.title) || parts.has(film.id)) continue;
      // Only a film of the run's own series (its own title's key) is numbered in it.
      if (franchiseKey(film.title) !== franchiseKey(name)) continue;
      parts.set(film.id, { name, part: run.length, earlier: run.slice(0, -1).map((f) => f.id) });
    }
  }
  return { titleCount, parts };
}

function displayIndex(films: readonly Film[]): DisplayIndex {
  let index = indexes.get(films);
  if (!index) {
    index = buildDisplayIndex(films);
    indexes.set(films, index);
  }
  return index;
}

/** The title a pick shows: "Il Postino (The Postman)" when another rated film has the English title. */
export function knownTitle(film: Film, films: readonly Film[]): string {
  const alias = film.aliases[0];
  if (!alias || normalizeTitle(alias) === normalizeTitle(film.title)) return film.title;
  const others = (displayIndex(films).titleCount.get(normalizeTitle(film.title)) ?? 0) - 1;
  return others > 0 ? `${alias} (${film.title})` : film.title;
}

/** "Part 3 of The Lord of the Rings" when the film is a later part and no earlier part is among `onPage`. */
export function seriesNote(film: Film, films: readonly Film[], onPage: ReadonlySet<string>): string | null {
  const part = displayIndex(films).parts.get(film.id);
  if (!part || part.earlier.some((id) => onPage.has(id))) return null;
  return `Part ${part.part} of ${part.name}`;
}
