import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { runBatch } from '../experiment/batch.js';
import { loadExperimentFile } from '../experiment/load.js';
import { writeParquet } from '../experiment/parquet.js';
import { parseShard } from '../experiment/plan.js';
import { Progress } from '../experiment/progress.js';
import { ResultsError } from '../experiment/results-dir.js';
import { formatFactorValue } from '../experiment/records.js';
import { guarded, UserError } from './errors.js';
import { printErr } from './terminal.js';

interface BatchCommandOptions {
  out: string;
  workers?: string;
  resume?: boolean;
  shard?: string;
  timeLimit?: string;
  progressInterval: string;
  parquet?: boolean;
}

/** `crisis-sim batch <experiment> --out DIR`: every run of an experiment on all cores, into a results folder. */
export function registerBatch(program: Command): void {
  program
    .command('batch')
    .description('run an experiment (factors x replications) on all cores into a results folder: runs.jsonl, runs.csv, summary.csv, differences.csv, sensitivity.csv, columns.json (and series.csv when the experiment has series: {everyHours})')
    .argument('<experiment>', 'experiment file (YAML), see docs/experiments.md')
    .requiredOption('-o, --out <dir>', 'results folder')
    .option('--workers <n>', `worker threads (default: one per core, here ${availableParallelism()}); 0 = run in the main thread`)
    .option('--resume', 'continue the batch in --out after an interruption: finished runs are kept, the rest are run (starts afresh if --out holds no results)')
    .option('--shard <K/N>', 'run only shard K of N (for cluster job arrays); combine the shards with `crisis-sim merge`')
    .option('--time-limit <seconds>', 'wall-clock limit per run (default: the experiment\'s timeLimitSeconds, else 60)')
    .option('--parquet', 'also write runs, summary, differences, sensitivity (and series) as Parquet files beside the CSVs')
    .option('--progress-interval <seconds>', 'seconds between progress lines when stderr is not a terminal', '10')
    .action((file: string, options: BatchCommandOptions) =>
      guarded(async () => {
        const workers = options.workers === undefined ? undefined : wholeNumber(options.workers, '--workers', 0);
        const shard = options.shard === undefined ? undefined : parseShard(options.shard);
        if (options.shard !== undefined && !shard) throw new UserError(`--shard must be K/N with 1 <= K <= N, got "${options.shard}"`);
        const timeLimitSeconds = options.timeLimit === undefined ? undefined : positive(options.timeLimit, '--time-limit');
        const intervalSeconds = positive(options.progressInterval, '--progress-interval');
        const experiment = loadExperimentFile(file);
        let progress: Progress | undefined;
        // Every finished run is already journaled (synchronous writes), so Ctrl-C loses nothing: say how to go on.
        process.once('SIGINT', () => {
          process.stderr.write(`\ninterrupted: finished runs are kept in ${options.out}; continue with: crisis-sim batch ${file} --out ${options.out} --resume${options.shard ? ` --shard ${options.shard}` : ''}\n`);
          process.exit(130);
        });
        try {
          const summary = await runBatch(experiment, {
            outDir: options.out,
            resume: options.resume ?? false,
            ...(workers !== undefined ? { workers } : {}),
            ...(shard ? { shard } : {}),
            ...(timeLimitSeconds !== undefined ? { timeLimitSeconds } : {}),
            onStart: ({ toRun, resumed, ignoredLines }) => {
              if (resumed > 0 || ignoredLines > 0) process.stderr.write(`resuming: ${resumed} finished runs kept${ignoredLines > 0 ? `, ${ignoredLines} incomplete line(s) ignored` : ''}\n`);
              progress = new Progress(toRun, { intervalSeconds });
            },
            onFailedRun: (run) => {
              const factors = Object.entries(run.factors).map(([name, value]) => `${name}=${formatFactorValue(value)}`).join(', ');
              printErr(`${process.stderr.isTTY ? '\n' : ''}run ${run.run} failed (${run.status}): design point ${run.point}${factors ? ` (${factors})` : ''}, replication ${run.replication}, seed ${run.seed}: ${run.error}\n`);
            },
            onRun: (outcome) => progress?.tick(outcome.status !== 'ok'),
          });
          progress?.finish();
          if (options.parquet) await writeParquet(options.out);
          const where = shard ? `shard ${shard.index}/${shard.count} in ${options.out} (merge the shards with crisis-sim merge)` : options.out;
          process.stderr.write(`${summary.runs} runs${summary.resumed > 0 ? ` (${summary.resumed} resumed)` : ''}${summary.failed > 0 ? `, ${summary.failed} failed` : ''}: results in ${where}\n`);
          if (summary.failed > 0) process.exitCode = 2;
        } catch (error) {
          if (error instanceof ResultsError) throw new UserError(error.message);
          throw error;
        }
      }),
    );
}

function wholeNumber(value: string, option: string, min: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UserError(`${option} must be a whole number >= ${min}, got "${value}"`);
  return Number(value);
}

function positive(value: string, option: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) throw new UserError(`${option} must be a positive number, got "${value}"`);
  return number;
}
