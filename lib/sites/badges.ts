/**
 * The badges on the site's own tiles, hidden from the site. Every tile MoodReel reads gets the same inert
 * host, `<moodreel-badge>` with no attribute, of one fixed size and out of the flow, as soon as it is read
 * (before the background answers), whatever the mood and whether or not the film fits. The badge is drawn,
 * or not, inside the host's closed shadow root, which the page's scripts cannot open, and its words are
 * never text the page can search. So a page script sees one identical host in every tile and cannot tell
 * which tiles fit, nor for which mood.
 *
 * Each tile remembers which title its host was placed for: the sites recycle tile elements for other
 * titles, and a recycled tile must lose its badge at once.
 */
import type { BadgeDrawing } from './types';

export const BADGE_TAG = 'moodreel-badge';
/** What MoodReel versions before the closed roots put on badged tiles: removed where an old run left it. */
export const LEGACY_FIT_ATTRIBUTE = 'data-moodreel-fit';

/**
 * The host: out of the flow (absolutely positioned at its static place, the anchor's top left corner), so
 * neither the tile's layout nor a flex gap changes; one fixed size whatever it holds, clipping what is
 * inside, so its box, its scroll size and the tile's scroll size are the same with a badge, without one and
 * whatever the badge says (a page script can read all three; the spy page e2e found the scroll size giving
 * the badge's width away when the host was zero-sized). It never takes the pointer, so `elementFromPoint`
 * and hover find the tile's own content whether or not a badge is drawn; it is never a focus stop. Set by
 * `:host` with !important from inside the shadow root: for important rules the inner tree wins, so no page
 * rule and no inline style can move it or make it differ between tiles.
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
 *
 * Its words are CSS generated content from attributes (`content: attr(data-text)`), never text nodes: the
 * page's `window.find` searches the text of closed shadow roots (SVG text and `user-select: none` text too),
 * but neither generated content nor attributes. Screen readers read the badge's `aria-label` (role img).
 */
const BADGE_CSS = `
:host { ${HOST_RULES} }
.badge {
  position: absolute; top: 6px; left: 6px; box-sizing: border-box; display: flex; max-width: 200px; height: 21px;
  overflow: hidden; white-space: nowrap; pointer-events: none;
  padding: 2px 7px; border-radius: 10px; border: 1px solid rgba(229, 160, 13, 0.9);
  background: rgba(12, 12, 14, 0.86); color: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.5);
  font: 600 11px/15px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; letter-spacing: normal;
  text-transform: none; text-align: left;
}
.name { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.year { flex: none; white-space: pre; }
.name::before, .year::before { content: attr(data-text); }
`;

interface TileState {
  /** The title (cache key) the tile showed when last read. */
  key: string;
  /** The inert host in the tile, and its closed root (only this content script holds it). */
  host: HTMLElement;
  root: ShadowRoot;
  badge: HTMLElement | null;
  drawing: BadgeDrawing | null;
  /** Takes away the listeners on the tile that open the badge while the user is on it. */
  listening: AbortController | null;
}

function sameDrawing(a: BadgeDrawing | null, b: BadgeDrawing | null): boolean {
  return (
    a === b ||
    (a !== null && b !== null && a.label === b.label && a.film === b.film && a.year === b.year && a.name === b.name)
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
 * The badge's words, drawn from attributes (see BADGE_CSS). Its `data-*` hooks are the contract with the
 * end-to-end checks (read through CDP); the page cannot reach them. Its accessible name names the film it
 * means ("Fits your happy mood: Get Smart (2008), Action · Comedy"), so a wrong match shows at once; opened
 * (the user's pointer or focus on the tile), it shows that film, its year kept whole when a long title gives way.
 */
function fillBadge(badge: HTMLElement, drawing: BadgeDrawing, title: string, open = false): void {
  badge.firstElementChild?.setAttribute('data-text', open ? drawing.film : drawing.label);
  badge.lastElementChild?.setAttribute('data-text', open ? drawing.year : '');
  badge.setAttribute('aria-label', drawing.name);
  badge.setAttribute('data-title', title);
}

function createBadge(drawing: BadgeDrawing, title: string): HTMLElement {
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.setAttribute('role', 'img');
  badge.setAttribute('data-testid', 'fit-badge');
  const name = document.createElement('span');
  name.className = 'name';
  const year = document.createElement('span');
  year.className = 'year';
  badge.append(name, year);
  fillBadge(badge, drawing, title);
  return badge;
}

/** The badges of one page: hosts placed by tile, badges drawn and taken away inside them. */
export class TileBadges {
  private readonly state = new WeakMap<Element, TileState>();
  /** Tiles that hold a host now (pruned as they leave the page), so everything can be taken away. */
  private readonly hosting = new Set<Element>();

  /**
   * Record the title a tile shows now and make sure its host is in `anchor`: a tile that shows another
   * title than before loses its badge (its host stays: the page sees no change). True when the host was put
   * into the page now.
   */
  see(tile: Element, anchor: Element, key: string): boolean {
    let state = this.state.get(tile);
    if (!state) {
      state = { key, ...createHost(), badge: null, drawing: null, listening: null };
      this.state.set(tile, state);
    } else if (state.key !== key) {
      this.erase(state);
      state.key = key;
    }
    this.hosting.add(tile);
    // The site may have re-rendered the anchor's content, or moved the tile's poster: follow it.
    if (state.host.parentNode === anchor) return false;
    anchor.prepend(state.host);
    return true;
  }

  /**
   * A tile with no readable title any more (or far from view on a big page): no host, nothing remembered.
   * True when a host left the page now.
   */
  forget(tile: Element): boolean {
    const state = this.state.get(tile);
    if (!state) return false;
    this.erase(state);
    const placed = state.host.isConnected;
    state.host.remove();
    this.state.delete(tile);
    this.hosting.delete(tile);
    return placed;
  }

  /**
   * Draw (or take away, with null) the badge of a tile for the title `key`; ignored when the tile shows
   * another title by now (the answer came for what it showed before).
   */
  show(tile: Element, key: string, drawing: BadgeDrawing | null, title: string): void {
    const state = this.state.get(tile);
    if (!state || state.key !== key) return;
    if (!drawing) {
      this.erase(state);
      return;
    }
    if (state.badge && sameDrawing(state.drawing, drawing)) return;
    state.drawing = drawing;
    if (state.badge) {
      fillBadge(state.badge, drawing, title);
    } else {
      state.badge = createBadge(drawing, title);
      state.root.append(state.badge);
      this.openWhileUserIsOn(tile, state, title);
    }
  }

  /**
   * The badge names its film while the user's own pointer or focus is on the tile. The listeners are this
   * content script's; events a page makes up (untrusted) change nothing, and nothing a page can measure
   * changes either way (the host keeps its size and takes no pointer).
   */
  private openWhileUserIsOn(tile: Element, state: TileState, title: string): void {
    const listening = new AbortController();
    state.listening = listening;
    const toggle = (open: boolean) => (event: Event) => {
      if (!event.isTrusted || !state.badge || !state.drawing) return;
      if (
        !open &&
        event instanceof FocusEvent &&
        event.relatedTarget instanceof Node &&
        tile.contains(event.relatedTarget)
      )
        return;
      fillBadge(state.badge, state.drawing, title, open);
    };
    const options = { signal: listening.signal };
    tile.addEventListener('pointerenter', toggle(true), options);
    tile.addEventListener('pointerleave', toggle(false), options);
    tile.addEventListener('focusin', toggle(true), options);
    tile.addEventListener('focusout', toggle(false), options);
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

  /** The tiles holding a host now. */
  hosted(): IterableIterator<Element> {
    return this.hosting.values();
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
    state.drawing = null;
    state.listening?.abort();
    state.listening = null;
  }
}
