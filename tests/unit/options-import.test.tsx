// @vitest-environment happy-dom
/**
 * The options page's catalogue import when the catalogue cannot be read: the user is told, the import control
 * works again, and nothing was written.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CatalogueSection } from '@/components/options/CatalogueSection';
import type { CatalogueService } from '@/lib/browser/catalogue-service';

const settle = async () => {
  for (let i = 0; i < 3; i++) await act(() => new Promise<void>((resolve) => setTimeout(resolve, 10)));
};

let root: HTMLElement | null = null;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
});

describe('catalogue import on the options page', () => {
  it('reports a failure instead of staying at "Reading…"', async () => {
    const commitImport = vi.fn();
    const catalogue = {
      ensureSeeded: async () => undefined,
      snapshot: async () => {
        throw new Error('the database is closed');
      },
      repository: { counts: async () => ({ builtin: 10, imported: 0 }), listFeedback: async () => [], commitImport },
    } as unknown as CatalogueService;
    root = document.createElement('div');
    document.body.append(root);
    render(<CatalogueSection catalogue={catalogue} onChange={() => undefined} />, root);
    await settle();
    const input = root.querySelector('[data-testid=catalogue-import]') as HTMLInputElement;
    Object.defineProperty(input, 'files', {
      value: [new File(['title,year,genres\nAmélie,2001,Comedy\n'], 'films.csv', { type: 'text/csv' })],
    });
    input.dispatchEvent(new Event('change'));
    await settle();
    expect(root.querySelector('[data-testid=import-failed]')?.textContent).toMatch(
      /films\.csv: Nothing was changed: the database is closed/,
    );
    expect(root.querySelector('[data-testid=import-progress]')).toBeNull();
    expect(input.disabled).toBe(false);
    expect(commitImport).not.toHaveBeenCalled();
  });
});
