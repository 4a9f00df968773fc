import { useEffect, useState } from 'preact/hooks';
import type { CatalogueService } from '@/lib/browser/catalogue-service';
import type { UnmatchedTitle } from '@/lib/catalogue/types';

/**
 * The titles marked "not this film" in the popup (films badged on a streaming page), with Undo: an undone title is matched
 * (and badged) again. Read and written in the extension's own database; the background sees the change
 * through the repository's revision.
 */
export function NotThisFilmList({
  catalogue,
  onChange,
}: {
  catalogue: CatalogueService;
  onChange: (text: string) => void;
}) {
  const [rows, setRows] = useState<UnmatchedTitle[] | null>(null);
  const [error, setError] = useState('');

  async function refresh() {
    try {
      setRows(await catalogue.repository.listUnmatched());
    } catch (caught) {
      setError(`The list could not be read: ${String(caught)}`);
    }
  }

  useEffect(() => {
    void refresh();
  }, []);

  async function undo(row: UnmatchedTitle) {
    try {
      await catalogue.repository.undoNotThisFilm(row.key);
      onChange(`"${row.title}" is matched again.`);
    } catch (caught) {
      setError(`Nothing was changed: ${String(caught)}`);
    }
    await refresh();
  }

  return (
    <div class="field" data-testid="not-this-film">
      <label>Titles you marked "not this film"</label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {rows && rows.length === 0 && (
        <p class="help">
          None. "Not this film" in the popup, on a film badged on the page you are on, adds its title here.
        </p>
      )}
      {rows && rows.length > 0 && (
        <ul class="plain-list">
          {rows.map((row) => (
            <li key={row.key} data-testid="not-this-film-title" data-key={row.key}>
              {row.title} <span class="help">({new Date(row.at).toLocaleDateString()})</span>{' '}
              <button
                type="button"
                class="secondary-button"
                onClick={() => void undo(row)}
                aria-label={`Undo "not this film" for ${row.title}`}
              >
                Undo
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
