/**
 * One CSV cell writer for every CSV crisis-sim writes (runs.csv, summaries, MSEL).
 *
 * Formula injection (OWASP "CSV Injection"): a spreadsheet treats a text cell starting
 * with `=`, `+`, `-`, `@`, tab or carriage return as a formula, so a scenario title such
 * as `=HYPERLINK("http://evil.example","x")` would run when a trainer opens the file.
 * Text cells whose first character (after any leading apostrophes) is one of those get
 * one more leading apostrophe, which spreadsheets show as text; {@link unguardCsvText}
 * removes exactly that apostrophe on import, so every text survives a round trip.
 * Numbers, and texts that are plain numbers such as `-3`, are left alone: a spreadsheet
 * reads them as numbers, never as formulas.
 *
 * Quoting (RFC 4180): a cell holding a comma, a quote, a line feed or a bare carriage
 * return is quoted with its quotes doubled (an unquoted CR splits the row for Python's
 * csv reader and Excel).
 */

const FORMULA_START = /^'*[=+\-@\t\r]/;
/** A plain number such as `-3` or `+1.5e3`: a spreadsheet reads it as a number, never as a formula. */
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** True when a spreadsheet could read the text as a formula. */
function needsGuard(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/** A text cell neutralised against formula injection (one apostrophe added when needed). */
export function guardCsvText(text: string): string {
  return needsGuard(text) ? `'${text}` : text;
}

/** Undoes {@link guardCsvText}: the text as it was before export. */
export function unguardCsvText(cell: string): string {
  return cell.startsWith("'") && needsGuard(cell.slice(1)) ? cell.slice(1) : cell;
}

export type CsvValue = string | number | boolean | null | undefined;

/** One cell: empty for null/undefined, numbers and booleans as written by String, text guarded and quoted when needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = guardCsvText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One CSV line with its line end. Hand-written because it runs once per run of a batch,
 * where a general CSV library cost 6x more; numbers, most of the cells, need no work.
 */
export function csvLine(cells: readonly CsvValue[], lineEnd = '\n'): string {
  let line = '';
  for (let k = 0; k < cells.length; k += 1) {
    if (k > 0) line += ',';
    line += csvCell(cells[k]);
  }
  return line + lineEnd;
}
