import { writeOutputFile } from '../guard/output-file.js';
import { buildReport } from '../report/build.js';
import { reportFormatOf, writeReport } from '../report/write.js';
import { aarInput } from './aar.js';
import { drillDebriefMarkdown } from './debrief.js';
import type { DrillOutcome } from './outcome.js';

/** Where a drill's end writes what the trainer hands out. */
export interface HandOutPaths {
  /** The after-action report (HTML or Markdown by extension), built by the report module. */
  reportPath: string;
  /** The drill debrief (Markdown): every team decision against the engine, the MSEL, the facilitator log. */
  debriefPath: string;
}

/**
 * Writes the after-action report of a closed drill with the project's report builder
 * (charts, findings, the players' decisions against the MSEL, the engine-only baseline), and
 * beside it the drill debrief, which goes decision by decision. Both atomically.
 */
export function writeHandOuts(outcome: DrillOutcome, paths: HandOutPaths): void {
  // Hand-outs are derived from the log, so a later `end` (after a resume) replaces them.
  writeReport(paths.reportPath, buildReport(aarInput(outcome)), reportFormatOf(paths.reportPath), { force: true });
  writeOutputFile(paths.debriefPath, drillDebriefMarkdown(outcome), { force: true });
}
