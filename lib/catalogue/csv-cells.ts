/** CSV cells our exports write and our importers read back. */
import Papa from 'papaparse';

/**
 * CSV text a spreadsheet opens safely: a cell that starts with = + - @ or a tab would run as a formula there
 * (a title planted as `=HYPERLINK(…)`), so it gets a leading apostrophe; our importers take it off again.
 */
export const toCsv = (header: readonly string[], rows: unknown[][]) =>
  `${Papa.unparse({ fields: [...header], data: rows }, { newline: '\n', escapeFormulae: true })}\n`;

/** A cell as it was before `toCsv` defused it. */
export function unescapeFormula(cell: string): string {
  return /^'[=+\-@\t\r]/u.test(cell) ? cell.slice(1) : cell;
}
