import { extname } from 'node:path';
import { writeOutputFile, type OutputFileOptions } from '../guard/output-file.js';
import type { Report } from './input.js';

export type ReportFormat = 'html' | 'md';

/** A report file name or --format value the report writer does not understand. */
export class ReportFormatError extends Error {
  override name = 'ReportFormatError';
}

/** The format a report file gets: `--format` if given, else its extension (.html/.htm or .md/.markdown). */
export function reportFormatOf(path: string, format?: string): ReportFormat {
  const chosen = format ?? extname(path).slice(1).toLowerCase();
  if (chosen === 'html' || chosen === 'htm') return 'html';
  if (chosen === 'md' || chosen === 'markdown') return 'md';
  throw new ReportFormatError(
    format !== undefined
      ? `--format must be html or md, got "${format}"`
      : `cannot tell the report format from "${path}": name the file .html or .md`,
  );
}

/** Writes one rendering of a report atomically (an interrupted write never leaves half a report), under the output-file `rules`. */
export function writeReport(path: string, report: Report, format: ReportFormat, rules: OutputFileOptions): void {
  writeOutputFile(path, format === 'html' ? report.html : report.markdown, rules);
}
