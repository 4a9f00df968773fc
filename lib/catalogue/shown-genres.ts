/**
 * The genres a person is shown for a film. MovieLens lists "IMAX", a release format, among genres, and
 * "(no genres listed)" where it has none: neither says what a film is.
 */
const NOT_GENRES: ReadonlySet<string> = new Set(['IMAX', '(no genres listed)']);

export function shownGenres<G extends string>(genres: readonly G[]): G[] {
  return genres.filter((genre) => !NOT_GENRES.has(genre));
}
