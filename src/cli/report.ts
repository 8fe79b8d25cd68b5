import type { Command } from 'commander';
import { DrillError } from '../drill/errors.js';
import { looksLikeDrillLog } from '../drill/log.js';
import { buildReport } from '../report/build.js';
import type { ReportInput } from '../report/input.js';
import { readTraceFile, TraceFileError } from '../report/trace-input.js';
import { ReportFormatError, reportFormatOf } from '../report/write.js';
import { checkOutputFile } from '../guard/output-file.js';
import { guarded, UserError } from './errors.js';
import { writeReportFile } from './report-file.js';
import { printOut } from './terminal.js';

interface ReportCommandOptions {
  output?: string;
  format?: string;
  force?: boolean;
}

/** `crisis-sim report <trace.jsonl>`: the after-action report of a traced run, as HTML or Markdown. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write the after-action report of a run from its trace (crisis-sim run --trace), or the AAR/IP of a drill from its log')
    .argument('<trace>', 'trace file written by `crisis-sim run --trace`, or a drill log written by `crisis-sim drill` (JSON Lines)')
    .option('-o, --output <file>', 'report file: .html (self-contained, with charts) or .md; default: Markdown on stdout')
    .option('--format <format>', 'html or md (default: from the output file name)')
    .option('--force', 'replace the output file if it exists (never the trace itself)')
    .addHelpText('after', '\nExamples:\n  crisis-sim run scenarios/caribbean-earthquake.yaml --trace run.jsonl\n  crisis-sim report run.jsonl -o report.html\n  crisis-sim report drill.jsonl -o aar.html      # a drill log: the after-action report and improvement plan')
    .action((file: string, options: ReportCommandOptions) =>
      guarded(async () => {
        const format = userErrors(() => (options.output !== undefined ? reportFormatOf(options.output, options.format) : reportFormatOf('', options.format ?? 'md')));
        const outputRules = { inputs: [file], force: options.force === true };
        if (options.output !== undefined) checkOutputFile(options.output, outputRules);
        const input = userErrors(() => looksLikeDrillLog(file)) ? await drillLogInput(file) : userErrors(() => readTraceFile(file));
        if (options.output === undefined) {
          const report = buildReport(input);
          printOut(format === 'html' ? report.html : report.markdown);
        } else await writeReportFile(options.output, format, input, outputRules);
      }),
    );
}

/** A drill log's report replays the drill: the drill's modules are loaded only for a drill log. */
async function drillLogInput(file: string): Promise<ReportInput> {
  const { aarInputOfLog } = await import('../drill/aar.js');
  return userErrors(() => aarInputOfLog(file));
}

function userErrors<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof TraceFileError || error instanceof ReportFormatError || error instanceof DrillError) throw new UserError(error.message);
    throw error;
  }
}
