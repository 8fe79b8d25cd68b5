import { availableParallelism } from 'node:os';
import type { FinishedRun, RunSetup, RunTask } from './evaluate.js';
import { loadExperimentFile, type Experiment } from './load.js';
import { replicationSeed } from './manifest.js';
import { planFromTable, planRuns, stoppingColumn, stoppingObservation, type RunList, type Shard, type StoppingObservation } from './plan.js';
import { inlineRunner, WorkerPool, type Runner } from './pool.js';
import { runCoordinates, toExperimentRun, type ExperimentRun, type RunOutcome } from './records.js';
import type { ResultTable } from './table.js';

export interface RunExperimentOptions {
  /** Worker threads; default: one per core. 0 runs in this thread (no time limit). */
  workers?: number;
  /** Run only this shard's share of the runs (`--shard K/N`); the stopping rule is then left to merge. */
  shard?: Shard;
  /** Runs finished earlier (resume): they are not run again and count for the stopping rule. */
  completed?: Iterable<RunOutcome>;
  /** Wall-clock limit per run in seconds; default: the experiment's timeLimitSeconds. */
  timeLimitSeconds?: number;
}

/**
 * Runs an experiment and yields each run as it finishes (completion order: sort by
 * `run` for the canonical order). Accepts a loaded experiment or an experiment file.
 *
 * ```ts
 * for await (const run of runExperiment('scenarios/experiments/hotline.yaml', { workers: 2 })) {
 *   console.log(run.factors, run.metrics.escalations);
 * }
 * ```
 */
export async function* runExperiment(experiment: Experiment | string, options: RunExperimentOptions = {}): AsyncGenerator<ExperimentRun> {
  const loaded = typeof experiment === 'string' ? loadExperimentFile(experiment) : experiment;
  for await (const { outcome } of runFinished(loaded, options, { formatLines: false })) yield toExperimentRun(loaded.manifest, outcome);
}

/**
 * The runs of an experiment as the runners deliver them, with the stopping rule applied.
 * With `formatLines`, each comes with its results-file lines, formatted in the worker.
 * With `table`, the runs already in it count as done and the stopping rule reads them
 * there (bounded memory: a batch's table spills to disk); the caller records each run
 * it is given in the table before asking for the next.
 */
export async function* runFinished(loaded: Experiment, options: RunExperimentOptions, { formatLines, table }: { formatLines: boolean; table?: ResultTable }): AsyncGenerator<FinishedRun> {
  const manifest = loaded.manifest;
  const column = stoppingColumn(manifest);
  // Without a table: one byte a run for "finished" (10 MB at the 10,000,000-run limit), the stopping metric only under a rule.
  const finished = table ? undefined : new Uint8Array(manifest.points.length * manifest.replications);
  const observations = new Map<number, StoppingObservation>();
  const record = (outcome: RunOutcome) => {
    if (!finished) return;
    finished[outcome.run] = 1;
    if (column >= 0) observations.set(outcome.run, stoppingObservation(outcome, column));
  };
  for (const outcome of options.completed ?? []) record(outcome);
  const done = (run: number) => (table ? table.has(run) : finished![run] === 1);

  const setup = setupOf(loaded, formatLines);
  const runner = createRunner(setup, options.workers ?? availableParallelism(), (options.timeLimitSeconds ?? loaded.definition.timeLimitSeconds) * 1000);
  try {
    for (;;) {
      const plan = table ? planFromTable(table, options.shard) : planRuns(manifest, (run) => observations.get(run), options.shard);
      for await (const finishedRun of runner.run(tasksToDo(manifest, plan.runs, done))) {
        record(finishedRun.outcome);
        yield finishedRun;
      }
      if (plan.complete) return;
    }
  } finally {
    await runner.close();
  }
}

/** Everything a worker needs: each point's scenario as run, the horizon, the columns. */
function setupOf(experiment: Experiment, formatLines: boolean): RunSetup {
  return {
    points: experiment.points.map((point) => ({ scenario: point.run.scenario, hash: point.run.hash, file: experiment.file, warnings: [] })),
    horizonHours: experiment.definition.horizonHours ?? null,
    columns: experiment.columns,
    seriesEveryHours: experiment.manifest.series?.everyHours ?? null,
    formatFor: formatLines ? experiment.manifest : null,
  };
}

/** The plan's runs not finished yet, as tasks made one at a time: a large plan is never held as a list of tasks. */
function* tasksToDo(manifest: Experiment['manifest'], runs: RunList, done: (run: number) => boolean): Generator<RunTask> {
  for (const run of runs) if (!done(run)) yield taskOf(manifest, run);
}

function taskOf(manifest: Experiment['manifest'], run: number): RunTask {
  const { point, replication } = runCoordinates(manifest, run);
  return { run, point, seed: replicationSeed(manifest.seed, replication) };
}

/** Most worker threads per core: `--workers 1000` on 2 cores starts 8, not 1,000 isolates. */
export const MAX_WORKERS_PER_CORE = 4;

function createRunner(setup: RunSetup, workers: number, timeLimitMs: number): Runner {
  if (!Number.isInteger(workers) || workers < 0) throw new RangeError(`workers must be a whole number >= 0, got ${workers}`);
  // More threads than cores only add memory (each worker is a V8 isolate with its own heap).
  const capped = Math.min(workers, MAX_WORKERS_PER_CORE * availableParallelism());
  return workers === 0 ? inlineRunner(setup) : new WorkerPool(setup, { workers: capped, timeLimitMs });
}
