/**
 * The picks row's place on the page: one `<moodreel-picks>` host with a closed shadow root (WXT's
 * createShadowRootUi), placed just before the site's first row, re-placed if the site's rendering drops it.
 * Never two: a host left by an earlier run is removed first.
 *
 * The row itself is drawn by an extension page in an `<iframe>` inside that root (entrypoints/row-frame/): the
 * frame asks the background for its picks, so no pick, mood or word of the row passes through this content
 * script or the page's document. The page sees only the host: no attribute on it, one fixed size whatever the
 * frame shows, and (behind its closed root) no way to the frame: it is not in `window.frames`, and its
 * address changes every browser session.
 */
import { browser } from 'wxt/browser';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { SiteId } from './adapters';
import { findFirstRow } from './read';
import { ROW_FRAME_PATH, ROW_HEIGHT, rowFrameQuery } from './row-frame';
import type { SiteAdapter } from './types';

export const ROW_TAG = 'moodreel-picks';

/**
 * The host's box, set from inside its closed root with !important (for important rules the inner tree wins, so
 * no page rule or inline style can change it): one size whatever the frame shows, nothing overflowing it.
 */
const HOST_CSS = `
:host {
  display: block !important;
  position: relative !important;
  margin: 0 0 24px !important;
  padding: 0 !important;
  width: auto !important;
  height: ${ROW_HEIGHT}px !important;
  min-height: ${ROW_HEIGHT}px !important;
  max-height: ${ROW_HEIGHT}px !important;
  overflow: hidden !important;
  contain: strict !important;
}
html, body { margin: 0; padding: 0; display: block; height: 100%; overflow: hidden; background: transparent; }
iframe { display: block; width: 100%; height: 100%; border: 0; margin: 0; padding: 0; }
`;

export interface RowOptions {
  ctx: ContentScriptContext;
  adapter: SiteAdapter<SiteId>;
  debug(message: string): void;
}

/** The page's declared language, or the browser's when the page declares none. */
function pageLanguage(): string {
  return document.documentElement.lang.trim() || navigator.language || 'en';
}

export class PicksRowUi {
  private ui: ShadowRootContentScriptUi<void> | null = null;
  private creating: Promise<ShadowRootContentScriptUi<void> | null> | null = null;
  private wanted = false;
  private anchor: Element | null = null;

  constructor(private readonly options: RowOptions) {}

  /** Whether the row is on the page. */
  get placed(): boolean {
    return Boolean(this.ui?.shadowHost.isConnected);
  }

  /** The row should be on the page: put it there once the site's rows exist (see `place`). */
  async show(): Promise<void> {
    this.wanted = true;
    await this.place();
  }

  /** Put the row before the site's first row if it is wanted and not there (called on every pass). */
  async place(): Promise<void> {
    if (!this.wanted || this.options.ctx.isInvalid) return;
    const ui = this.ui ?? (await this.create());
    if (!ui || !this.wanted || ui.shadowHost.isConnected) return;
    const anchor = findFirstRow(this.options.adapter);
    if (!anchor?.parentElement) return;
    for (const stray of document.querySelectorAll(ROW_TAG)) if (stray !== ui.shadowHost) stray.remove();
    this.anchor = anchor;
    ui.mount();
  }

  /** Take the row off the page (it can come back with `show`; its frame then loads again). */
  hide(): void {
    this.wanted = false;
    if (this.ui?.shadowHost.isConnected) this.ui.remove();
  }

  private async create(): Promise<ShadowRootContentScriptUi<void> | null> {
    this.creating ??= createShadowRootUi<void>(this.options.ctx, {
      name: ROW_TAG,
      position: 'inline',
      // Closed: the page's scripts get null from host.shadowRoot; only this content script holds the root.
      mode: 'closed',
      css: HOST_CSS,
      anchor: () => this.anchor,
      append: 'before',
      onMount: (container) => {
        container.append(this.frame());
      },
    }).then(
      (ui) => {
        this.ui = ui;
        return ui;
      },
      (error: unknown) => {
        // Forgotten, so the next pass tries again: a failure once must not keep the row away until a reload.
        this.creating = null;
        this.options.debug(`the row could not be created (tried again on the next pass): ${String(error)}`);
        return null;
      },
    );
    return this.creating;
  }

  /**
   * The frame: the extension's row page for this site (its address is the per-session one Chrome gives
   * web-accessible pages with use_dynamic_url). No name (a page could target a named frame with window.open),
   * and a title that is the same whatever it shows.
   */
  private frame(): HTMLIFrameElement {
    const frame = document.createElement('iframe');
    frame.title = 'MoodReel picks';
    frame.src = `${browser.runtime.getURL(ROW_FRAME_PATH)}${rowFrameQuery(this.options.adapter.id, pageLanguage())}`;
    return frame;
  }
}
