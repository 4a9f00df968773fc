/**
 * The badges on the site's own tiles. A badge lives in its own small shadow root (the page's styles cannot
 * reach inside, ours cannot leak out), its host is placed by the shadow root's own `:host` rules (a page rule
 * matching any element cannot move it), and each tile remembers which title its badge was drawn for: the sites recycle
 * tile elements for other titles, and a recycled tile must lose its badge at once.
 */
import type { Fit } from '../picks/types';
import { fitLabel, fitTooltip, notThisFilmLabel, type BadgedFilm } from './text';

export const BADGE_TAG = 'moodreel-badge';
/** The contract with tests and users' own styles: the tile that fits the mood, and for which emotion. */
export const FIT_ATTRIBUTE = 'data-moodreel-fit';

/**
 * The host: out of the flow (absolutely positioned at its static place, the anchor's top left corner), so
 * neither the tile's layout nor a flex gap changes; zero-sized, so it covers nothing but the badge. Set by
 * `:host` with !important from inside the shadow root: for important rules the inner tree wins, so no page
 * rule (not even `a > * { position: static !important }`) and no inline style can move it.
 */
const HOST_RULES = [
  'all: initial',
  'position: absolute',
  'display: block',
  'width: 0',
  'height: 0',
  'margin: 0',
  'padding: 0',
  'border: 0',
  'overflow: visible',
  'z-index: 3',
  'pointer-events: none',
  'visibility: visible',
  'opacity: 1',
].map((rule) => `${rule} !important;`).join(' ');

const BADGE_CSS = `
:host { ${HOST_RULES} }
.badge {
  position: absolute; top: 6px; left: 6px; box-sizing: border-box; display: inline-block; max-width: 160px;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap; pointer-events: auto; cursor: default;
  padding: 2px 7px; border-radius: 10px; border: 1px solid rgba(229, 160, 13, 0.9);
  background: rgba(12, 12, 14, 0.86); color: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.5);
  font: 600 11px/1.35 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; letter-spacing: normal;
  text-transform: none; text-align: left;
}
.not-this {
  position: absolute; top: 30px; left: 6px; pointer-events: auto; cursor: pointer; margin: 0;
  padding: 1px 6px; border-radius: 8px; border: 1px solid rgba(255, 255, 255, 0.5);
  background: rgba(12, 12, 14, 0.86); color: #ddd; font: 500 10px/1.3 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
}
.not-this:hover, .not-this:focus-visible { color: #fff; border-color: #fff; }
`;

interface TileState {
  /** The title (cache key) the tile showed when last read. */
  key: string;
  badge: HTMLElement | null;
  fit: Fit | null;
}

function sameFit(a: Fit | null, b: Fit | null): boolean {
  return a === b || (a !== null && b !== null && a.emotion === b.emotion && a.genre === b.genre && a.reason === b.reason);
}

function createBadge(fit: Fit, title: string, film: BadgedFilm | null, onNotThisFilm?: (title: string) => void): HTMLElement {
  const host = document.createElement(BADGE_TAG);
  host.setAttribute('data-for', title);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = BADGE_CSS;
  const label = document.createElement('span');
  label.className = 'badge';
  label.setAttribute('role', 'note');
  fillBadge(host, label, fit, film);
  shadow.append(style, label);
  if (onNotThisFilm) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'not-this';
    button.textContent = 'Not this film';
    button.setAttribute('aria-label', notThisFilmLabel(film));
    // The tile is a link: the click must not open the title.
    button.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
      onNotThisFilm(title);
    });
    shadow.append(button);
  }
  return host;
}

function fillBadge(host: HTMLElement, label: Element, fit: Fit, film: BadgedFilm | null): void {
  label.textContent = fitLabel(fit);
  label.setAttribute('title', fitTooltip(fit, film));
  label.setAttribute('aria-label', fitTooltip(fit, film));
  host.setAttribute('title', fitTooltip(fit, film));
}

/** The badges of one page: drawn, redrawn and removed by tile, with what each was drawn for. */
export class TileBadges {
  /** `onNotThisFilm`: the user says the tile is not the film its badge names (the badge shows a button for it). */
  constructor(private readonly options: { onNotThisFilm?: (title: string) => void } = {}) {}

  private readonly state = new WeakMap<Element, TileState>();
  /** Tiles that carry a badge now (pruned as they leave the page), so everything can be taken away. */
  private readonly marked = new Set<Element>();

  /** The title a tile was last read with (undefined before its first reading). */
  keyOf(tile: Element): string | undefined {
    return this.state.get(tile)?.key;
  }

  /** Record the title a tile shows now; a tile that shows another title than before loses its badge. */
  see(tile: Element, key: string): void {
    const state = this.state.get(tile);
    if (state?.key === key) return;
    if (state) this.unbadge(tile, state);
    this.state.set(tile, { key, badge: null, fit: null });
  }

  /** A tile with no readable title any more: no badge, nothing remembered. */
  forget(tile: Element): void {
    const state = this.state.get(tile);
    if (state) this.unbadge(tile, state);
    this.state.delete(tile);
  }

  /**
   * Draw (or take away, with a null fit) the badge of a tile for the title `key`; ignored when the tile shows
   * another title by now (the answer came for what it showed before).
   */
  show(tile: Element, anchor: Element, key: string, fit: Fit | null, title: string, film: BadgedFilm | null = null): void {
    const state = this.state.get(tile);
    if (!state || state.key !== key) return;
    if (!fit) {
      this.unbadge(tile, state);
      return;
    }
    const inPlace = state.badge !== null && state.badge.parentNode === anchor;
    if (inPlace && sameFit(state.fit, fit) && tile.getAttribute(FIT_ATTRIBUTE) === fit.emotion) return;
    if (state.badge && inPlace) {
      const label = state.badge.shadowRoot?.querySelector('.badge');
      if (label) fillBadge(state.badge, label, fit, film);
    } else {
      state.badge?.remove();
      state.badge = createBadge(fit, title, film, this.options.onNotThisFilm);
      anchor.prepend(state.badge);
    }
    state.fit = fit;
    tile.setAttribute(FIT_ATTRIBUTE, fit.emotion);
    this.marked.add(tile);
  }

  /** Every badge and mark taken away (the site was turned off, the page left, the extension stopped). */
  clear(): void {
    for (const tile of this.marked) {
      const state = this.state.get(tile);
      if (state) this.unbadge(tile, state);
      else tile.removeAttribute(FIT_ATTRIBUTE);
    }
    this.marked.clear();
  }

  /** Forget tiles that left the page (their badges left with them). */
  prune(): void {
    for (const tile of this.marked) if (!tile.isConnected) this.marked.delete(tile);
  }

  /** How many tiles carry a badge (for the bench and debug lines). */
  get count(): number {
    return this.marked.size;
  }

  private unbadge(tile: Element, state: TileState): void {
    state.badge?.remove();
    state.badge = null;
    state.fit = null;
    tile.removeAttribute(FIT_ATTRIBUTE);
    this.marked.delete(tile);
  }
}
