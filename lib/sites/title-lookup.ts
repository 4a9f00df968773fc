/**
 * The page's cache of title matches. The film a title matches does not change while the page is open, so it
 * is asked once per title+year+kind; whether it fits depends on the mood and the strategy, so after a new
 * reading or strategy (`newMood`) the matched titles are asked again. Every ask is one `match-titles`
 * message for all the titles a pass needs.
 */
import type { Fit } from '../picks/types';
import type { SiteServices, TileText, TitleMatch, TitleQuery } from './types';

interface Entry {
  match: TitleMatch | null;
  /** The mood epoch the fit was answered for. */
  epoch: number;
}

export class TitleLookup {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private epoch = 0;
  /** Messages sent (tests and the bench count them). */
  messages = 0;

  constructor(
    private readonly ask: SiteServices['matchTitles'],
    private readonly debug: (message: string) => void = () => {},
  ) {}

  /** A new reading or strategy: fits are stale; film matches stay. */
  newMood(): void {
    this.epoch++;
    this.inFlight.clear();
  }

  /**
   * The fit of a title for the current mood: a Fit, null (no film, or it does not fit), or undefined when it
   * has to be asked.
   */
  fitOf(key: string): Fit | null | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.match === null) return null;
    return entry.epoch === this.epoch ? entry.match.fit : undefined;
  }

  /** The film a title matched (null: none), or undefined before it was answered. */
  matchOf(key: string): TitleMatch | null | undefined {
    return this.entries.get(key)?.match;
  }

  /** The user said a title is not the film it matched: every tile showing it matches nothing from now on. */
  rejectTitle(title: string): void {
    const prefix = `${title.toLowerCase()}\u0000`;
    for (const [key, entry] of this.entries) if (key.startsWith(prefix)) entry.match = null;
  }

  /**
   * Ask, in one message, about the titles not known for this mood; resolves once every title given is known
   * (or its message failed: it stays unknown and a later pass asks again).
   */
  async resolve(texts: ReadonlyMap<string, TileText>): Promise<void> {
    const waits = new Set<Promise<void>>();
    const keys: string[] = [];
    const queries: TitleQuery[] = [];
    for (const [key, tileText] of texts) {
      if (this.fitOf(key) !== undefined) continue;
      const pending = this.inFlight.get(key);
      if (pending) {
        waits.add(pending);
        continue;
      }
      keys.push(key);
      queries.push({
        title: tileText.title,
        year: tileText.year,
        kind: tileText.kind,
        ...(tileText.recent ? { recent: true } : {}),
        ...(tileText.seriesToo ? { seriesToo: true } : {}),
      });
    }
    if (queries.length) {
      const epoch = this.epoch;
      this.messages++;
      const request = this.ask(queries).then(
        (answer) => {
          if (!answer || !Array.isArray(answer.results) || answer.results.length !== keys.length) {
            this.debug(
              `match-titles answered ${answer?.results?.length ?? 'nothing'} for ${keys.length} titles; ignored`,
            );
            return;
          }
          keys.forEach((key, i) => {
            // An answer for an older mood never overwrites a newer one.
            if ((this.entries.get(key)?.epoch ?? -1) > epoch) return;
            const match = answer.results[i] ?? null;
            // No fresh reading: a match, but nothing fits.
            this.entries.set(key, { match: match && { ...match, fit: answer.mood ? match.fit : null }, epoch });
          });
        },
        (error: unknown) => this.debug(`match-titles failed: ${String(error)}`),
      );
      const settled = request.finally(() => {
        for (const key of keys) if (this.inFlight.get(key) === settled) this.inFlight.delete(key);
      });
      for (const key of keys) this.inFlight.set(key, settled);
      waits.add(settled);
    }
    await Promise.all(waits);
  }
}
