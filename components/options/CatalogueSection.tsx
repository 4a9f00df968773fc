import { useEffect, useState } from 'preact/hooks';
import type { CatalogueService } from '@/lib/browser/catalogue-service';
import { restingFace } from '@/lib/browser/reading-store';
import { planImport, type ImportPlan } from '@/lib/catalogue/import-file';
import { feedbackToCsv, filmsToCsv, toJsonExport } from '@/lib/catalogue/transfer';
import { ConfirmButton } from './ConfirmButton';
import { downloadText, today } from './download';

type Step =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string; progress: number }
  | { kind: 'preview'; name: string; plan: Exclude<ImportPlan, { kind: 'failed' }> }
  | { kind: 'failed'; name: string; message: string }
  | { kind: 'committing' };

/**
 * The catalogue on the options page: how many films, import (CSV films, feedback CSV, JSON export) with a
 * preview before anything is written, export, and removing what was imported. Extension pages may open the
 * extension's IndexedDB directly; the background sees the change through the repository's revision.
 */
export function CatalogueSection({
  catalogue,
  onChange,
}: {
  catalogue: CatalogueService;
  onChange: (text: string) => void;
}) {
  const [counts, setCounts] = useState<{ builtin: number; imported: number } | null>(null);
  const [votes, setVotes] = useState(0);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [loadError, setLoadError] = useState('');
  /** What the last import did, said until the next file is chosen. */
  const [imported, setImported] = useState<string | null>(null);

  async function refresh() {
    try {
      // Counting needs no title index: seed if the built-in films are missing, then count shelves.
      await catalogue.ensureSeeded();
      setCounts(await catalogue.repository.counts());
      setVotes((await catalogue.repository.listFeedback()).length);
    } catch (error) {
      setLoadError(String(error));
    }
  }

  useEffect(() => {
    void refresh();
  }, []);

  async function choose(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again should read it again
    if (!file) return;
    setImported(null);
    setStep({ kind: 'reading', name: file.name, progress: 0 });
    try {
      const { films } = await catalogue.snapshot();
      const plan = await planImport(file, {
        films,
        onProgress: (progress) => setStep((s) => (s.kind === 'reading' ? { ...s, progress } : s)),
      });
      setStep(
        plan.kind === 'failed'
          ? { kind: 'failed', name: file.name, message: plan.message }
          : { kind: 'preview', name: file.name, plan },
      );
    } catch (error) {
      // Never left at "Reading…": the catalogue or the file failed, and nothing was changed.
      setStep({
        kind: 'failed',
        name: file.name,
        message: `Nothing was changed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }

  async function commit(plan: Exclude<ImportPlan, { kind: 'failed' }>) {
    setStep({ kind: 'committing' });
    try {
      const repo = catalogue.repository;
      if (plan.kind === 'films') await repo.commitImport(plan.preview.films);
      if (plan.kind === 'backup') await repo.restoreState(plan.state, 'merge');
      if (plan.kind === 'backup' && plan.restingFace) await restingFace.setValue(plan.restingFace);
      if (plan.kind === 'feedback') await repo.restoreState({ films: [], feedback: plan.feedback }, 'merge');
      setStep({ kind: 'idle' });
      const summary = importSummary(plan);
      setImported(summary);
      onChange(summary);
    } catch (error) {
      setStep({
        kind: 'failed',
        name: 'the import',
        message: `Nothing was changed: ${String(error instanceof Error ? error.message : error)}`,
      });
    }
    await refresh();
  }

  async function exportAs(format: 'csv' | 'json') {
    const state = await catalogue.repository.exportState();
    if (format === 'json') {
      const face = await restingFace.getValue();
      downloadText(`moodreel-export-${today()}.json`, toJsonExport(state, face), 'application/json');
      return;
    }
    const { films } = await catalogue.snapshot();
    downloadText(`moodreel-films-${today()}.csv`, filmsToCsv(state.films), 'text/csv');
    downloadText(`moodreel-feedback-${today()}.csv`, feedbackToCsv(state.feedback, films), 'text/csv');
  }

  const total = counts ? counts.builtin + counts.imported : 0;
  return (
    <div class="field catalogue">
      <label>Film catalogue</label>
      <p data-testid="catalogue-count" data-count={counts ? String(total) : ''} class="help">
        {counts
          ? `${total.toLocaleString('en')} films: ${counts.builtin.toLocaleString('en')} from MovieLens and ${counts.imported.toLocaleString('en')} you imported. ${votes} 👍/👎 given.`
          : loadError || 'Counting films…'}
      </p>
      <label class="secondary file-button">
        Import films, feedback or a MoodReel export…
        <input
          type="file"
          accept=".csv,.json,text/csv,application/json"
          data-testid="catalogue-import"
          disabled={step.kind === 'reading' || step.kind === 'committing'}
          onChange={(e) => void choose(e)}
        />
      </label>
      <span class="help">
        CSV with <code>title,year,genres[,rating]</code> or MovieLens's <code>movieId,title,genres</code> (genres
        separated by <code>|</code>), a feedback CSV or a JSON export from MoodReel. You see what will be added before
        anything is saved.
      </span>
      {step.kind === 'reading' && (
        <p class="status" role="status">
          Reading {step.name}…{' '}
          <progress data-testid="import-progress" max={1} value={step.progress} aria-label="Reading the file" />
        </p>
      )}
      {imported && (
        <p class="done" role="status" data-testid="import-done">
          {imported}
        </p>
      )}
      {step.kind === 'failed' && (
        <p class="error" role="alert" data-testid="import-failed">
          {step.name}: {step.message}
        </p>
      )}
      {step.kind === 'preview' && (
        <ImportPreview
          name={step.name}
          plan={step.plan}
          onCommit={() => void commit(step.plan)}
          onCancel={() => setStep({ kind: 'idle' })}
        />
      )}
      <div class="actions wrap">
        <button type="button" class="secondary-button" data-testid="export-csv" onClick={() => void exportAs('csv')}>
          Export as CSV
        </button>
        <button type="button" class="secondary-button" data-testid="export-json" onClick={() => void exportAs('json')}>
          Export as JSON
        </button>
        <ConfirmButton
          testId="remove-imported"
          label="Remove imported films"
          question={`Remove the ${counts?.imported ?? 0} films you imported (and your 👍/👎 on them)?`}
          disabled={!counts?.imported}
          onConfirm={async () => {
            await catalogue.repository.removeImported();
            await refresh();
            onChange('Imported films removed.');
          }}
        />
      </div>
    </div>
  );
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** What a finished import did, in words ("Imported 1,234 films."). */
function importSummary(plan: Exclude<ImportPlan, { kind: 'failed' }>): string {
  if (plan.kind === 'films') {
    const skipped = plan.preview.duplicates.length;
    return `Imported ${count(plan.preview.films.length, 'film')}${skipped ? ` (${count(skipped, 'film')} already there, skipped)` : ''}.`;
  }
  if (plan.kind === 'feedback') return `Restored ${count(plan.feedback.length, '👍/👎', '👍/👎')}.`;
  return `Imported a MoodReel export: ${count(plan.state.films.length, 'film')} and ${count(plan.state.feedback.length, '👍/👎', '👍/👎')}.`;
}

function ImportPreview({
  name,
  plan,
  onCommit,
  onCancel,
}: {
  name: string;
  plan: Exclude<ImportPlan, { kind: 'failed' }>;
  onCommit: () => void;
  onCancel: () => void;
}) {
  const valid =
    plan.kind === 'films'
      ? plan.preview.films.length
      : plan.kind === 'feedback'
        ? plan.feedback.length
        : plan.state.films.length + plan.state.feedback.length;
  // An export may hold only a resting face.
  const nothing = valid === 0 && !(plan.kind === 'backup' && plan.restingFace);
  const rejected = plan.kind === 'films' ? plan.preview.rejected : plan.kind === 'feedback' ? plan.rejected : [];
  const duplicates = plan.kind === 'films' ? plan.preview.duplicates.filter((d) => !d.ratingKept) : [];
  // Lines rating a film the catalogue has add the user's rating to it, not a film.
  const ratings = plan.kind === 'films' ? plan.preview.films.filter((f) => f.sameAs !== undefined).length : 0;
  const what =
    plan.kind === 'films'
      ? `${valid - ratings} film${valid - ratings === 1 ? '' : 's'} to add` +
        (ratings > 0 ? ` and your rating of ${ratings} film${ratings === 1 ? '' : 's'} already in the catalogue` : '')
      : plan.kind === 'feedback'
        ? `${valid} 👍/👎 to restore`
        : `a MoodReel export: ${plan.state.films.length} films and ${plan.state.feedback.length} 👍/👎${plan.restingFace ? ', and your resting face,' : ''} to restore`;
  return (
    <div
      class="import-report"
      data-testid="import-report"
      data-valid={String(valid)}
      data-invalid={String(rejected.length)}
      role="region"
      aria-label="Import preview"
    >
      <p>
        <strong>{name}</strong>: {what}
        {rejected.length > 0 && `, ${rejected.length} line${rejected.length === 1 ? '' : 's'} with a problem (skipped)`}
        {duplicates.length > 0 && `, ${duplicates.length} already in the catalogue (skipped)`}.
      </p>
      {rejected.length > 0 && (
        <ul class="import-errors">
          {rejected.slice(0, 200).map((r) => (
            <li key={r.line} data-testid="import-error" data-line={String(r.line)}>
              Line {r.line}: {r.reason}
            </li>
          ))}
          {rejected.length > 200 && <li>…and {rejected.length - 200} more.</li>}
        </ul>
      )}
      {duplicates.length > 0 && (
        <details>
          <summary>Already there</summary>
          <ul>
            {duplicates.slice(0, 200).map((d) => (
              <li key={d.line} data-testid="import-duplicate" data-line={String(d.line)}>
                Line {d.line}: {d.title}
                {d.year ? ` (${d.year})` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div class="actions">
        <button type="button" class="primary" data-testid="import-commit" disabled={nothing} onClick={onCommit}>
          {nothing ? 'Nothing to import' : 'Import'}
        </button>
        <button type="button" class="secondary-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
