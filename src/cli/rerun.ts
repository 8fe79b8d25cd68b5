import type { Command } from 'commander';
import { loadExperimentFile } from '../experiment/load.js';
import { replicationSeed } from '../experiment/manifest.js';
import { formatFactorValue, runCoordinates } from '../experiment/records.js';
import { seriesCsv } from '../experiment/series-csv.js';
import { runWithSeries } from '../experiment/series.js';
import { checkOutputFile, writeOutputFile } from '../guard/output-file.js';
import { guarded, parseHours, UserError } from './errors.js';
import { checkOutputs, runAndWrite } from './run.js';
import { printErr } from './terminal.js';

interface RerunCommandOptions {
  run: string;
  trace?: string;
  report?: string;
  json?: boolean;
  series?: string;
  everyHours: string;
  force?: boolean;
}

/**
 * `crisis-sim rerun <experiment> --run N --trace FILE`: run N of a batch again, alone,
 * with its trace and report. The same design point scenario, seed and horizon give the
 * same metrics as the batch recorded (runs are deterministic), so a surprising row of
 * runs.csv can be looked at event by event.
 */
export function registerRerun(program: Command): void {
  program
    .command('rerun')
    .description('run one run of an experiment again (the run index of runs.csv), with its trace and after-action report')
    .argument('<experiment>', 'experiment file (YAML), as given to `crisis-sim batch`')
    .requiredOption('--run <n>', 'run index (the `run` column of runs.csv)')
    .option('--trace <file>', 'write the full event trace as JSON Lines')
    .option('--report <file>', 'write the after-action report: .html (with charts) or .md')
    .option('--json', 'print one JSON object instead of the summary')
    .option('--series <file>', 'write the run\'s time series as CSV (long form: hours, variable, subject, value)')
    .option('--every-hours <k>', 'sampling step of --series in simulated hours', '24')
    .option('--force', 'replace the --trace, --report and --series files if they exist (never the experiment itself)')
    .action((file: string, options: RerunCommandOptions) =>
      guarded(async () => {
        const rules = { inputs: [file], force: options.force === true };
        checkOutputs(options, rules);
        if (options.series !== undefined) checkOutputFile(options.series, rules);
        const everyHours = parseHours(options.everyHours, '--every-hours');
        const experiment = loadExperimentFile(file);
        const total = experiment.points.length * experiment.definition.replications;
        if (!/^\d+$/.test(options.run) || Number(options.run) >= total) throw new UserError(`--run must be a run index from 0 to ${total - 1}, got "${options.run}"`);
        const run = Number(options.run);
        const { point, replication } = runCoordinates(experiment.manifest, run);
        const seed = replicationSeed(experiment.manifest.seed, replication);
        const prepared = experiment.points[point]!;
        const factors = Object.entries(prepared.values).map(([name, value]) => `${name}=${formatFactorValue(value)}`).join(', ');
        printErr(`run ${run}: design point ${point}${factors ? ` (${factors})` : ''}, replication ${replication}, seed ${seed}\n`);
        await runAndWrite({ scenario: prepared.run.scenario, hash: prepared.run.hash, file: experiment.file, warnings: [] }, {
          seed,
          horizonHours: experiment.definition.horizonHours,
          trace: options.trace,
          report: options.report,
          json: options.json,
          rules,
        });
        if (options.series) {
          const { series } = runWithSeries(prepared.run.scenario, { seed, horizonHours: experiment.definition.horizonHours, everyHours });
          writeOutputFile(options.series, seriesCsv(experiment.manifest, run, series), rules);
        }
      }),
    );
}
