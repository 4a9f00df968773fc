/**
 * Titles as people know them on a page of picks. A film whose English title another rated film also has is
 * shown with the title it is known by first ("Il Postino (The Postman)": Kevin Costner's The Postman is another
 * film). A later part of a series whose title does not say its number is flagged ("Part 3 of The Lord of the
 * Rings") when the earlier parts are not on the same page. Both are computed once per films array, the series
 * the first time a page needs them.
 */
import type { Film } from '../catalogue/types';
import { RATING_COUNT_FLOOR } from './quality';

/** Films of one series more than this many years apart start a new run (the 1978 Lord of the Rings is not part 1 of 2001's). */
const SERIES_GAP_YEARS = 15;

interface SeriesPart {
  /** The series as its titles name it ("The Lord of the Rings", "Harry Potter"). */
  name: string;
  part: number;
  /** Ids of the earlier parts. */
  earlier: readonly string[];
}

interface DisplayIndex {
  /** The titles of films known by another name, with how many rated (or imported) films have each. */
  titleCount: Map<string, number>;
  /** Later parts of series, by film id (built on first use). */
  parts: Map<string, SeriesPart> | null;
}

const indexes = new WeakMap<readonly Film[], DisplayIndex>();

/** The series name in a title: before a subtitle (": ", " - ") or before " and the " ("Harry Potter and the …"). */
function seriesName(title: string): string | null {
  const subtitle = title.search(/:\s| [-–—] /u);
  if (subtitle > 0) return title.slice(0, subtitle).trim();
  const andThe = title.indexOf(' and the ');
  if (andThe > 0 && title.slice(0, andThe).includes(' ')) return title.slice(0, andThe).trim();
  return null;
}

/** A series name as a key: lower case, no leading article, no sequel number ("Star Trek II" is "star trek"). */
function seriesKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/^(the|a|an) /u, '')
    .replace(/ (\d{1,2}|ii|iii|iv|v|vi|vii|viii|ix|x)$/u, '');
}

/** Whether a title states a sequel number itself ("Toy Story 3", "Part II", "Episode V", "Vol. 2"). */
function saysItsNumber(title: string): boolean {
  return /\b(\d{1,2}|II|III|IV|V|VI|VII|VIII|IX|X)\b|\b(part|chapter|vol\.?|volume|episode)\s+\S+/iu.test(title);
}

/**
 * The later parts of series among the films rated by enough people to be picked early (the quality floor): a
 * series is the films whose title (or other title) names it before a subtitle, with the film titled just that
 * as its first part, in year order; a gap of more than SERIES_GAP_YEARS starts a new run.
 */
function seriesParts(films: readonly Film[]): Map<string, SeriesPart> {
  const members = new Map<string, { film: Film; name: string }[]>();
  const add = (key: string, film: Film, name: string) => {
    const list = members.get(key);
    if (!list) members.set(key, [{ film, name }]);
    else if (!list.some((m) => m.film === film)) list.push({ film, name });
  };
  const picked = (film: Film) =>
    film.source === 'builtin' && film.year !== null && film.ratingCount >= RATING_COUNT_FLOOR;
  for (const film of films) {
    if (!picked(film)) continue;
    for (const title of [film.title, ...film.aliases]) {
      const name = seriesName(title);
      if (name) add(seriesKey(name), film, name);
    }
  }
  // A film titled just the series' name ("Toy Story", "The Lord of the Rings") belongs to it.
  if (members.size > 0) {
    for (const film of films) {
      if (!picked(film)) continue;
      for (const title of [film.title, ...film.aliases]) {
        const list = seriesName(title) ? undefined : members.get(seriesKey(title));
        if (list) add(seriesKey(title), film, list[0]!.name);
      }
    }
  }
  const parts = new Map<string, SeriesPart>();
  for (const list of members.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.film.year! - b.film.year! || (a.film.id < b.film.id ? -1 : 1));
    let run: Film[] = [];
    for (const { film, name } of list) {
      if (run.length > 0 && film.year! - run[run.length - 1]!.year! > SERIES_GAP_YEARS) run = [];
      run.push(film);
      if (run.length < 2 || saysItsNumber(film.title) || parts.has(film.id)) continue;
      parts.set(film.id, { name, part: run.length, earlier: run.slice(0, -1).map((f) => f.id) });
    }
  }
  return parts;
}

function buildDisplayIndex(films: readonly Film[]): DisplayIndex {
  // Only the titles of films known by another name can need it: count how many rated films have each.
  const titleCount = new Map<string, number>();
  for (const film of films) if (film.aliases.length > 0) titleCount.set(film.title, 0);
  for (const film of films) {
    if (film.ratingCount === 0 && film.source === 'builtin') continue;
    const count = titleCount.get(film.title);
    if (count !== undefined) titleCount.set(film.title, count + 1);
  }
  return { titleCount, parts: null };
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
  if (!alias || alias.toLowerCase() === film.title.toLowerCase()) return film.title;
  const others = (displayIndex(films).titleCount.get(film.title) ?? 0) - 1;
  return others > 0 ? `${alias} (${film.title})` : film.title;
}

/** "Part 3 of The Lord of the Rings" when the film is a later part and no earlier part is among `onPage`. */
export function seriesNote(film: Film, films: readonly Film[], onPage: ReadonlySet<string>): string | null {
  const index = displayIndex(films);
  index.parts ??= seriesParts(films);
  const part = index.parts.get(film.id);
  if (!part || part.earlier.some((id) => onPage.has(id))) return null;
  return `Part ${part.part} of ${part.name}`;
}
