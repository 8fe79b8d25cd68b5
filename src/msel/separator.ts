import { MSEL_COLUMNS } from './columns.js';

/**
 * The field separator of an MSEL CSV: `,`, `;` (spreadsheets set to a European locale)
 * or a tab, chosen as the one that splits the header row into the most MSEL column names.
 */

export const SEPARATORS = [',', ';', '\t'] as const;
export type Separator = (typeof SEPARATORS)[number];

/** The separator name as an error message shows it. */
export function separatorName(separator: Separator): string {
  return separator === '\t' ? 'tab' : `"${separator}"`;
}

/** Header names compared without case, spaces or punctuation. */
export function normalizeHeader(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The separator of the header row; `,` when none splits it into at least two known column names. */
export function detectSeparator(text: string): { separator: Separator; knownColumns: number } {
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const known = new Set(MSEL_COLUMNS.map((column) => normalizeHeader(column.header)));
  let best: { separator: Separator; knownColumns: number } = { separator: ',', knownColumns: 0 };
  for (const separator of SEPARATORS) {
    const knownColumns = splitHeader(firstLine, separator).filter((cell) => known.has(normalizeHeader(cell))).length;
    if (knownColumns > best.knownColumns) best = { separator, knownColumns };
  }
  return best;
}

/** A header line split on a separator, quotes respected (a header rarely holds more). */
function splitHeader(line: string, separator: Separator): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === separator && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}
