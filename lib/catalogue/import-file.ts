/**
 * One import input for everything a user may bring back: a film catalogue CSV (MovieLens or simple), a
 * MoodReel feedback CSV, or a MoodReel JSON export. Looks at the start of the file to decide, then previews
 * it with the matching reader; nothing is written here.
 */
import type { RestingFace } from '../mood/calibration';
import { catalogueIds, previewCsvImport, type CsvImportPreview, type RejectedLine } from './csv-import';
import type { CatalogueState } from './repository';
import { FEEDBACK_CSV_HEADER, readFeedbackCsv, readJsonExport } from './transfer';
import type { Feedback, Film } from './types';

export type ImportPlan =
  | { kind: 'films'; preview: CsvImportPreview }
  | { kind: 'feedback'; feedback: Feedback[]; rejected: RejectedLine[] }
  | { kind: 'backup'; state: CatalogueState; restingFace?: RestingFace }
  | { kind: 'failed'; message: string };

async function head(input: string | Blob): Promise<string> {
  if (typeof input === 'string') return input.slice(0, 4096);
  try {
    return new TextDecoder('utf-8').decode(await input.slice(0, 4096).arrayBuffer());
  } catch {
    return '';
  }
}

export async function planImport(
  input: string | Blob,
  { films, onProgress }: { films: readonly Film[]; onProgress?: (fraction: number) => void },
): Promise<ImportPlan> {
  const start = (await head(input)).replace(/^\uFEFF/u, '').trimStart();
  if (start.startsWith('{')) {
    const read = await readJsonExport(input);
    if (!read.ok) return { kind: 'failed', message: read.message };
    return { kind: 'backup', state: read.state, ...(read.restingFace ? { restingFace: read.restingFace } : {}) };
  }
  const firstLine = start.split(/\r?\n/u, 1)[0]!.trim().toLowerCase();
  if (firstLine === FEEDBACK_CSV_HEADER.join(',').toLowerCase()) {
    const read = await readFeedbackCsv(input, films);
    return read.ok
      ? { kind: 'feedback', feedback: read.feedback, rejected: read.rejected }
      : { kind: 'failed', message: read.message };
  }
  const preview = await previewCsvImport(input, { known: catalogueIds(films), onProgress });
  return preview.ok ? { kind: 'films', preview } : { kind: 'failed', message: preview.message };
}
