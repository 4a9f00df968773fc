/**
 * The badges on the site's own tiles, hidden from the site. Every tile MoodReel reads gets the same inert
 * host, `<moodreel-badge>` with no attribute, zero-sized and out of the flow, as soon as it is read (before
 * the background answers), whatever the mood and whether or not the film fits. The badge is drawn, or not,
 * inside the host's closed shadow root, which the page's scripts cannot open. So a page script sees one
 * identical host in every tile and cannot tell which tiles fit, nor for which mood.
 *
 * Each tile remembers which title its host was placed for: the sites recycle tile elements for other
 * titles, and a recycled tile must lose its badge at once.
 */
import type { Fit } from '../picks/types';
import { EMOTION_EMOJI } from '../mood/emotions';
import { fitLabel, fitTooltip, notThisFilmLabel, type BadgedFilm } from './text';

export const BADGE_TAG = 'moodreel-badge';
/** What MoodReel versions before the closed roots put on badged tiles: removed where an old run left it. */
export const LEGACY_FIT_ATTRIBUTE = 'data-moodreel-fit';

/**
 * The host: out of the flow (absolutely positioned at its static place, the anchor's top left corner), so
 * neither the tile's layout nor a flex gap changes; one fixed size whatever it holds, clipping what is
 * inside, so its box, its scroll size and the tile's scroll size are the same with a badge, without one and
 * whatever the badge says (a page script can read all three; the spy page e2e found the scroll size giving
 * the badge's width away when the host was zero-sized). It never takes the pointer, so `elementFromPoint`
 * and hover find the tile's own content whether or not a badge is drawn. Set by `:host` with !important from
 * inside the shadow root: for important rules the inner tree wins, so no page rule and no inline style can
 * move it or make it differ between tiles.
 */
const HOST_RULES = [
  'all: initial',
  'position: absolute',
  'display: block',
  'box-sizing: border-box',
  'width: 212px',
  'height: 52px',
  'min-width: 0',
  'max-width: none',
  'margin: 0',
  'padding: 0',
  'border: 0',
  'overflow: hidden',
  'z-index: 3',
  'pointer-events: none',
  'visibility: visible',
  'opacity: 1',
  'contain: strict',
]
  .map((rule) => `${rule} !important;`)
  .join(' ');

/**
 * The badge is drawn at the host's top left corner, inside it (at most 200 × 21 px at 6 px from the corner)
 * and, like the host, takes no pointer events: a badge under the pointer would answer `elementFromPoint`
 * with the host where an unbadged tile answers with its poster, the very oracle the closed root removes.
 */
const BADGE_CSS = `
:host { ${HOST_RULES} }
.badge {
  position: absolute; top: 6px; left: 6px; box-sizing: border-box; display: block; max-width: 200px; height: 21px;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap; pointer-events: none;
  padding: 2px 7px; border-radius: 10px; border: 1px solid rgba(229, 160, 13, 0.9);
  background: rgba(12, 12, 14, 0.86); color: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.5);
  font: 600 11px/15px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; letter-spacing: normal;
  text-transform: none; text-align: left;
}
.badge.open { display: flex; }
.badge .name { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.badge .year { flex: none; white-space: pre; }
.not-this {
  position: absolute; top: 30px; left: 6px; box-sizing: border-box; height: 18px; max-width: 200px; margin: 0;
  pointer-events: auto; cursor: pointer; padding: 1px 7px; border-radius: 9px;
  border: 1px solid rgba(255, 255, 255, 0.55); background: rgba(12, 12, 14, 0.9); color: #eee;
  font: 500 10px/14px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; white-space: nowrap;
}
.not-this[hidden] { display: none; }
.not-this:hover, .not-this:focus-visible { color: #fff; border-color: #fff; outline: 2px solid #e5a00d; outline-offset: 1px; }
`;

interface TileState {
  /** The title (cache key) the tile showed when last read. */
  key: string;
  /** The inert host in the tile, and its closed root (only this content script holds it). */
  host: HTMLElement;
  root: ShadowRoot;
  badge: HTMLElement | null;
  fit: Fit | null;
  /** The badge's "Not this film" button (when the page's mount offers it), shown only while the user is on the tile. */
  notThis: HTMLButtonElement | null;
  film: BadgedFilm | null;
  /** Takes away the listeners on the tile that reveal the button. */
  listening: AbortController | null;
}

function sameFilm(a: BadgedFilm | null, b: BadgedFilm | null): boolean {
  return (
    a === b ||
    (a !== null && b !== null && a.title === b.title && a.year === b.year && a.genres.join() === b.genres.join())
  );
}

function sameFit(a: Fit | null, b: Fit | null): boolean {
  return (
    a === b || (a !== null && b !== null && a.emotion === b.emotion && a.genre === b.genre && a.reason === b.reason)
  );
}

/** One stylesheet shared by every badge root (parsed once; null where constructed sheets are missing). */
let sharedSheet: CSSStyleSheet | null | undefined;

function badgeSheet(): CSSStyleSheet | null {
  if (sharedSheet === undefined) {
    try {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(BADGE_CSS);
    } catch {
      sharedSheet = null;
    }
  }
  return sharedSheet;
}

function createHost(): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(BADGE_TAG);
  const root = host.attachShadow({ mode: 'closed' });
  const sheet = badgeSheet();
  if (sheet && Array.isArray(root.adoptedStyleSheets)) {
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = BADGE_CSS;
    root.append(style);
  }
  return { host, root };
}

/**
 * The badge, inside the closed root. Its `data-*` hooks are the contract with the end-to-end checks (read
 * through CDP); the page cannot reach them. Its accessible name names the film it means ("Fits your happy
 * mood: Get Smart (2008), Action · Comedy"), so a wrong match shows at once.
 */
function fillBadge(badge: HTMLElement, fit: Fit, title: string, film: BadgedFilm | null, open = false): void {
  if (open && film) {
    // Opened: the film it means. A long title gives way; the year, which tells namesakes apart, never does.
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = `${EMOTION_EMOJI[fit.emotion]} ${film.title}`;
    const year = document.createElement('span');
    year.className = 'year';
    year.textContent = film.year ? ` (${film.year})` : '';
    badge.replaceChildren(name, year);
    badge.classList.add('open');
  } else {
    badge.textContent = fitLabel(fit);
    badge.classList.remove('open');
  }
  badge.setAttribute('aria-label', fitTooltip(fit, film));
  badge.setAttribute('data-emotion', fit.emotion);
  badge.setAttribute('data-title', title);
}

function createBadge(fit: Fit, title: string, film: BadgedFilm | null): HTMLElement {
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.setAttribute('role', 'note');
  badge.setAttribute('data-testid', 'fit-badge');
  fillBadge(badge, fit, title, film);
  return badge;
}

/** The badges of one page: hosts placed by tile, badges drawn and taken away inside them. */
export class TileBadges {
  /**
   * `onNotThisFilm`: the user says the tile is not the film its badge names. The badge then offers a "Not
   * this film" button, shown (and able to take the pointer) only while the user's own pointer or focus is on
   * that tile: an always-clickable button would answer `elementFromPoint` and focus on badged tiles only.
   */
  constructor(private readonly options: { onNotThisFilm?: (title: string) => void } = {}) {}

  private readonly state = new WeakMap<Element, TileState>();
  /** Tiles that hold a host now (pruned as they leave the page), so everything can be taken away. */
  private readonly hosting = new Set<Element>();

  /**
   * Record the title a tile shows now and make sure its host is in `anchor`: a tile that shows another
   * title than before loses its badge (its host stays: the page sees no change).
   */
  see(tile: Element, anchor: Element, key: string): void {
    let state = this.state.get(tile);
    if (!state) {
      state = { key, ...createHost(), badge: null, fit: null, notThis: null, film: null, listening: null };
      this.state.set(tile, state);
    } else if (state.key !== key) {
      this.erase(state);
      state.key = key;
    }
    // The site may have re-rendered the anchor's content, or moved the tile's poster: follow it.
    if (state.host.parentNode !== anchor) anchor.prepend(state.host);
    this.hosting.add(tile);
  }

  /** A tile with no readable title any more: no host, nothing remembered. */
  forget(tile: Element): void {
    const state = this.state.get(tile);
    if (!state) return;
    this.erase(state);
    state.host.remove();
    this.state.delete(tile);
    this.hosting.delete(tile);
  }

  /**
   * Draw (or take away, with a null fit) the badge of a tile for the title `key`; ignored when the tile shows
   * another title by now (the answer came for what it showed before).
   */
  show(tile: Element, key: string, fit: Fit | null, title: string, film: BadgedFilm | null = null): void {
    const state = this.state.get(tile);
    if (!state || state.key !== key) return;
    if (!fit) {
      this.erase(state);
      return;
    }
    if (state.badge && sameFit(state.fit, fit) && sameFilm(state.film, film)) return;
    state.film = film;
    if (state.badge) {
      fillBadge(state.badge, fit, title, film);
    } else {
      state.badge = createBadge(fit, title, film);
      state.root.append(state.badge);
      if (this.options.onNotThisFilm) this.offerNotThisFilm(tile, state, title, this.options.onNotThisFilm);
    }
    if (state.notThis) state.notThis.setAttribute('aria-label', notThisFilmLabel(film));
    state.fit = fit;
  }

  /** The hidden "Not this film" button, and the tile listeners (in this content script's world) that reveal it. */
  private offerNotThisFilm(
    tile: Element,
    state: TileState,
    title: string,
    onNotThisFilm: (title: string) => void,
  ): void {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'not-this';
    button.hidden = true;
    button.textContent = 'Not this film';
    button.setAttribute('data-testid', 'not-this-film');
    button.setAttribute('aria-label', notThisFilmLabel(state.film));
    button.addEventListener('click', (event) => {
      // The tile is a link: the click must not open the title. A script's click is not the user's.
      event.preventDefault();
      event.stopPropagation();
      if (event.isTrusted) onNotThisFilm(title);
    });
    state.root.append(button);
    state.notThis = button;
    const listening = new AbortController();
    state.listening = listening;
    const reveal = (open: boolean) => (event: Event) => {
      // Only the user's own pointer and focus: a page dispatching events must not make badged tiles differ.
      if (!event.isTrusted || !state.badge || !state.fit) return;
      if (
        !open &&
        event instanceof FocusEvent &&
        event.relatedTarget instanceof Node &&
        tile.contains(event.relatedTarget)
      )
        return;
      button.hidden = !open;
      fillBadge(state.badge, state.fit, title, state.film, open);
    };
    const options = { signal: listening.signal };
    tile.addEventListener('pointerenter', reveal(true), options);
    tile.addEventListener('pointerleave', reveal(false), options);
    tile.addEventListener('focusin', reveal(true), options);
    tile.addEventListener('focusout', reveal(false), options);
  }

  /** Every host and badge taken away (the site was turned off, the page left, the extension stopped). */
  clear(): void {
    for (const tile of this.hosting) {
      const state = this.state.get(tile);
      if (!state) continue;
      this.erase(state);
      state.host.remove();
      this.state.delete(tile);
    }
    this.hosting.clear();
  }

  /** Forget tiles that left the page (their hosts left with them). */
  prune(): void {
    for (const tile of this.hosting) if (!tile.isConnected) this.hosting.delete(tile);
  }

  /** How many badges are drawn (for the bench and debug lines). */
  get count(): number {
    let drawn = 0;
    for (const tile of this.hosting) if (this.state.get(tile)?.badge) drawn++;
    return drawn;
  }

  /** How many tiles hold a host (drawn or empty). */
  get hosts(): number {
    return this.hosting.size;
  }

  private erase(state: TileState): void {
    state.badge?.remove();
    state.badge = null;
    state.fit = null;
    state.film = null;
    state.notThis?.remove();
    state.notThis = null;
    state.listening?.abort();
    state.listening = null;
  }
}
