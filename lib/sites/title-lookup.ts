/**
 * The page's cache of badge drawings, by title+year+kind: each title is asked once until the background says
 * something changed (`redraw`: a new reading, strategy or weights, the reading gone stale, a title turned down
 * or taken back), and then asked again. Every ask is one `match-titles` message for all the titles a pass
 * needs. The answers say how to draw a badge, or null; nothing about the mood itself.
 */
import type { BadgeDrawing, SiteServices, TileText, TitleQuery } from './types';

export class TitleLookup {
  private entries = new Map<string, BadgeDrawing | null>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private epoch = 0;
  /** Messages sent (tests and the bench count them). */
  messages = 0;

  constructor(
    private readonly ask: SiteServices['matchTitles'],
    private readonly debug: (message: string) => void = () => {},
  ) {}

  /** Everything known may be drawn otherwise now: every title is asked again (answers on their way are dropped). */
  redraw(): void {
    this.epoch++;
    this.entries = new Map();
    this.inFlight.clear();
  }

  /** How to draw a title's badge: a drawing, null (no badge), or undefined when it has to be asked. */
  drawingOf(key: string): BadgeDrawing | null | undefined {
    return this.entries.get(key);
  }

  /**
   * Ask, in one message, about the titles not known yet; resolves once every title given is known (or its
   * message failed: it stays unknown and a later pass asks again).
   */
  async resolve(texts: ReadonlyMap<string, TileText>): Promise<void> {
    const waits = new Set<Promise<void>>();
    const keys: string[] = [];
    const queries: TitleQuery[] = [];
    for (const [key, tileText] of texts) {
      if (this.entries.has(key)) continue;
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
          // An answer asked before a redraw is not drawn.
          if (epoch !== this.epoch) return;
          keys.forEach((key, i) => this.entries.set(key, drawingFrom(answer.results[i])));
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

/** A drawing as the answer gave it, if it is one: four strings (anything else draws nothing). */
function drawingFrom(value: unknown): BadgeDrawing | null {
  if (typeof value !== 'object' || value === null) return null;
  const { label, film, year, name } = value as Record<string, unknown>;
  if (typeof label !== 'string' || typeof film !== 'string' || typeof year !== 'string' || typeof name !== 'string')
    return null;
  return { label, film, year, name };
}
