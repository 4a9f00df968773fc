/**
 * Franchise keys from titles, so the picks do not fill up with one series ("Toy Story", "Toy Story 2",
 * "Toy Story 3"). A heuristic: a false match only moves a film further down the list.
 */

const ENGLISH_ARTICLE = /^(the|a|an) (?=\S)/;

/** What a series puts after its name: a number, a roman numeral, "Part II", "the Third", "Vol. 2". */
const SEQUEL_MARKER = new RegExp(
  String.raw` (` +
    String.raw`\d{1,4}|` +
    String.raw`ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|xiii|` +
    String.raw`two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|` +
    String.raw`(part|chapter|vol|volume|episode|book) \S+|` +
    String.raw`the (second|third|fourth|fifth|sixth|seventh|final|last)` +
    String.raw`)$`,
);

function plain(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ');
}

function words(text: string): string {
  return text
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The series a title belongs to, lower-case: the part before a subtitle (':' or ' - '), before "and the" when
 * a name of two words or more leads ("Harry Potter and the Chamber of Secrets"), with a leading English article
 * and trailing sequel markers dropped. "" when nothing is left.
 */
export function franchiseKey(title: string): string {
  let name = plain(title);
  const subtitle = name.search(/:| [-–—] /);
  if (subtitle > 0) name = name.slice(0, subtitle);
  name = words(name).replace(ENGLISH_ARTICLE, '');
  const andThe = name.indexOf(' and the ');
  if (andThe > 0 && name.slice(0, andThe).includes(' ')) name = name.slice(0, andThe);
  for (let previous = ''; previous !== name;) {
    previous = name;
    name = name.replace(SEQUEL_MARKER, '');
  }
  return name;
}

/**
 * The series a title names after "with" when that is a name of two words or more: "A Grand Day Out with
 * Wallace and Gromit" is a Wallace & Gromit film. "Dances with Wolves" names no series.
 */
function companionKey(title: string): string {
  const found = / with (.+)$/.exec(words(plain(title)));
  if (!found) return '';
  const key = franchiseKey(found[1]!);
  return key.includes(' ') ? key : '';
}

/**
 * Every series key of a film: its title's, its other titles' ("Shrek Forever After" a.k.a. "Shrek: …"), and the
 * series a title names after "with".
 */
export function franchiseKeys(film: { readonly title: string; readonly aliases?: readonly string[] }): string[] {
  const keys = new Set<string>();
  for (const title of [film.title, ...(film.aliases ?? [])]) {
    for (const key of [franchiseKey(title), companionKey(title)]) if (key !== '') keys.add(key);
  }
  return [...keys];
}
