import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { aarInputOfLog } from '../drill/aar.js';
import { DrillError } from '../drill/errors.js';
import { improvementCsv, parseImprovementCsv } from '../drill/improvement-csv.js';
import { DrillSession } from '../drill/session.js';
import { guarded, UserError } from './errors.js';
import { writeOutputFile } from '../guard/output-file.js';

/** `crisis-sim ip export|import`: the Improvement Plan of a drill, out to CSV and back into its log. */
export function registerImprovementPlan(program: Command): void {
  const ip = program.command('ip').description("export or import a drill's Improvement Plan (CSV) for the planning team");
  ip.command('export')
    .description('write the Improvement Plan of a drill log as CSV: one row per area for improvement, with what was filled in so far')
    .argument('<drill-log>', 'drill log written by crisis-sim drill')
    .option('-o, --output <file>', 'write to a CSV file (atomically) instead of stdout')
    .addHelpText('after', '\nExample:\n  crisis-sim ip export drill.jsonl -o ip.csv   # fill in corrective actions, owners and dates\n  crisis-sim ip import drill.jsonl ip.csv\n  crisis-sim report drill.jsonl -o aar.html')
    .action((log: string, options: { output?: string }) =>
      guarded(() => {
        const input = drillErrors(() => aarInputOfLog(log));
        const rows = input.drill?.exercise?.plan ?? [];
        const header = drillErrors(() => DrillSession.load(log).header);
        const csv = improvementCsv(rows, header, basename(log));
        if (options.output === undefined) process.stdout.write(csv);
        else {
          writeOutputFile(options.output, csv);
          process.stderr.write(`wrote ${rows.length} improvement plan rows to ${options.output}\n`);
        }
      }),
    );
  ip.command('import')
    .description("record a filled-in Improvement Plan CSV in the drill log; the drill's report then shows it")
    .argument('<drill-log>', 'drill log written by crisis-sim drill')
    .argument('<csv>', 'the Improvement Plan CSV (as written by ip export, filled in)')
    .action((log: string, csvFile: string) =>
      guarded(() => {
        let text: string;
        try {
          text = readFileSync(csvFile, 'utf8');
        } catch (cause) {
          throw new UserError(`${csvFile}: ${(cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (cause as Error).message}`);
        }
        const rows = drillErrors(() => parseImprovementCsv(text, csvFile));
        const session = drillErrors(() => DrillSession.resume(log));
        try {
          session.importPlan(rows);
        } finally {
          session.close();
        }
        process.stderr.write(`recorded ${rows.length} improvement plan rows in ${log}; crisis-sim report ${log} -o aar.html shows them\n`);
      }),
    );
}

function drillErrors<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof DrillError) throw new UserError(error.message);
    throw error;
  }
}
