import { DrillError } from '../drill/errors.js';
import { ReportFormatError } from '../report/write.js';
import { UserError } from './errors.js';

/**
 * Mistakes found before the prompt opens (bad log, unknown nation, report name) end the
 * command with one line. Apart from drill.ts so that `brief` does not load the drill console.
 */
export function asUserErrors<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof DrillError) throw new UserError(error.message);
    if (error instanceof ReportFormatError) throw new UserError(`--report: ${error.message}`);
    throw error;
  }
}
