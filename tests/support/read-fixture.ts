/** A fixture page's HTML for the unit tests (Node only: the bench, which runs in pages too, does not use it). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** tests/fixtures/<name>/index.html. */
export function readFixture(name: string): string {
  // node's path functions: under happy-dom the global URL is the fake window's.
  const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
  return readFileSync(join(root, 'tests/fixtures', name, 'index.html'), 'utf8');
}
