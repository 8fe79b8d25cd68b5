import type { OutputFileOptions } from '../guard/output-file.js';
import type { ReportInput } from '../report/input.js';
import { ReportFormatError, reportFormatOf, writeReport, type ReportFormat } from '../report/write.js';
import { UserError } from './errors.js';

/** The format of a report file named on the command line (a bad name is the user's mistake). */
export function reportFileFormat(path: string): ReportFormat {
  try {
    return reportFormatOf(path);
  } catch (error) {
    if (error instanceof ReportFormatError) throw new UserError(error.message);
    throw error;
  }
}

/**
 * Builds a report and writes it to `path`, saying so on stderr (stdout stays for the
 * command's own output). The report builder (charts, HTML) is imported here, on demand, so
 * that `run` and `rerun` without --report do not load it (see docs/architecture.md).
 */
export async function writeReportFile(path: string, format: ReportFormat, input: ReportInput, rules: OutputFileOptions): Promise<void> {
  const { buildReport } = await import('../report/build.js');
  writeReport(path, buildReport(input), format, rules);
  process.stderr.write(`crisis-sim: report written to ${path}\n`);
}
