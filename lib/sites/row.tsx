/**
 * The picks row's life on the page: one `<moodreel-picks>` host with a closed shadow root (WXT's
 * createShadowRootUi), placed just before the site's first row, re-placed if the site's rendering drops it,
 * re-rendered in place when the picks change. Never two: a host left by an earlier run is removed first.
 *
 * The page sees only the host: no attribute on it, and one fixed size (site-row.css) whatever the row says,
 * so neither the mood, nor whether there is one, nor a movie night's headcount can be read from outside.
 */
import { render } from 'preact';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { PicksRow, ROW_PICKS, type RowView } from '@/components/site-row/PicksRow';
import { findFirstRow } from './read';
import type { PicksMood, SiteAdapter, SiteServices } from './types';

export const ROW_TAG = 'moodreel-picks';

export interface RowOptions {
  ctx: ContentScriptContext;
  adapter: SiteAdapter;
  services: SiteServices;
  onHide(): void;
  debug(message: string): void;
}

/** The page's declared language, or the browser's when the page declares none. */
function pageLanguage(): string {
  return document.documentElement.lang.trim() || navigator.language || 'en';
}

export class PicksRowUi {
  private ui: ShadowRootContentScriptUi<void> | null = null;
  private creating: Promise<ShadowRootContentScriptUi<void> | null> | null = null;
  private view: RowView = { kind: 'loading' };
  private wanted = false;
  private anchor: Element | null = null;
  private requests = 0;

  constructor(private readonly options: RowOptions) {}

  /** The mood the row shows now (null: none, or not loaded). */
  get mood(): PicksMood | null {
    return this.view.kind === 'picks' ? this.view.mood : null;
  }

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

  /** Take the row off the page (it can come back with `show`). */
  hide(): void {
    this.wanted = false;
    if (this.ui?.shadowHost.isConnected) this.ui.remove();
  }

  /** Ask the background for picks (the saved strategy) and show them in place. */
  async refresh(): Promise<void> {
    const request = ++this.requests;
    let view: RowView;
    try {
      const answer = await this.options.services.getPicks({ page: 0, pageSize: ROW_PICKS });
      view = { kind: 'picks', mood: answer.mood, picks: Array.isArray(answer.picks) ? answer.picks : [] };
    } catch (error) {
      this.options.debug(`get-picks failed: ${String(error)}`);
      view = { kind: 'unavailable' };
    }
    // An older request answering late must not replace a newer answer.
    if (request !== this.requests) return;
    this.view = view;
    this.draw();
  }

  private async create(): Promise<ShadowRootContentScriptUi<void> | null> {
    this.creating ??= createShadowRootUi<void>(this.options.ctx, {
      name: ROW_TAG,
      position: 'inline',
      // Closed: the page's scripts get null from host.shadowRoot; only this content script holds the root.
      mode: 'closed',
      // Keys typed in the row (Tab, Enter) stay in it: the sites have keyboard shortcuts of their own.
      isolateEvents: true,
      anchor: () => this.anchor,
      append: 'before',
      onMount: (container) => {
        this.drawInto(container);
      },
      onRemove: () => {
        if (this.ui) render(null, this.ui.uiContainer);
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

  private draw(): void {
    if (this.ui?.shadowHost.isConnected) this.drawInto(this.ui.uiContainer);
  }

  private drawInto(container: HTMLElement): void {
    // The row's own document (WXT's inner <html>) speaks the page's language, for screen readers and axe.
    container.parentElement?.setAttribute('lang', pageLanguage());
    render(
      <PicksRow
        view={this.view}
        siteName={this.options.adapter.name}
        searchPath={this.options.adapter.searchPath}
        onHide={this.options.onHide}
      />,
      container,
    );
  }
}
