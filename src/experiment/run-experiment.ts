import { availableParallelism } from 'node:os';
import type { RunSetup, RunTask } from './evaluate.js';
import { loadExperimentFile, type Experiment } from './load.js';
import { replicationSeed } from './manifest.js';
import { planRuns, type Shard } from './plan.js';
import { inlineRunner, WorkerPool, type Runner } from './pool.js';
import { runCoordinates, toExperimentRun, type ExperimentRun, type RunOutcome } from './records.js';

export interface RunExperimentOptions {
  /** Worker threads; default: one per core. 0 runs in this thread (no time limit). */
  workers?: number;
  /** Run only this shard's share of the runs (`--shard K/N`); the stopping rule is then left to merge. */
  shard?: Shard;
  /** Runs finished earlier (resume): they are not run again and count for the stopping rule. */
  completed?: Iterable<RunOutcome>;
  /** Wall-clock limit per run in seconds; default: the experiment's timeLimitSeconds. */
  timeLimitSeconds?: number;
  /** Called with every outcome, before it is yielded (the batch writer journals here). */
  onOutcome?: (outcome: RunOutcome) => void;
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
  const manifest = loaded.manifest;
  const stoppingColumn = manifest.stopping ? manifest.columns.findIndex((column) => column.name === manifest.stopping!.metric) : -1;
  const stoppingValue = new Map<number, number | null>();
  const record = (outcome: RunOutcome) => stoppingValue.set(outcome.run, stoppingColumn >= 0 && outcome.status === 'ok' ? outcome.values[stoppingColumn]! : null);
  for (const outcome of options.completed ?? []) record(outcome);

  const runner = createRunner(setupOf(loaded), options.workers ?? availableParallelism(), (options.timeLimitSeconds ?? loaded.definition.timeLimitSeconds) * 1000);
  try {
    for (;;) {
      const plan = planRuns(manifest, (run) => stoppingValue.get(run), options.shard);
      const tasks: RunTask[] = plan.runs.filter((run) => !stoppingValue.has(run)).map((run) => taskOf(manifest, run));
      if (tasks.length === 0 && plan.complete) return;
      for await (const outcome of runner.run(tasks)) {
        record(outcome);
        options.onOutcome?.(outcome);
        yield toExperimentRun(manifest, outcome, replicationSeed(manifest.seed, runCoordinates(manifest, outcome.run).replication));
      }
      if (plan.complete) return;
    }
  } finally {
    await runner.close();
  }
}

/** Everything a worker needs: each point's scenario as run, the horizon, the columns. */
function setupOf(experiment: Experiment): RunSetup {
  return {
    points: experiment.points.map((point) => ({ scenario: point.run.scenario, hash: point.run.hash, file: experiment.file, warnings: [] })),
    horizonHours: experiment.definition.horizonHours ?? null,
    columns: experiment.columns,
  };
}

function taskOf(manifest: Experiment['manifest'], run: number): RunTask {
  const { point, replication } = runCoordinates(manifest, run);
  return { run, point, seed: replicationSeed(manifest.seed, replication) };
}

function createRunner(setup: RunSetup, workers: number, timeLimitMs: number): Runner {
  if (!Number.isInteger(workers) || workers < 0) throw new RangeError(`workers must be a whole number >= 0, got ${workers}`);
  return workers === 0 ? inlineRunner(setup) : new WorkerPool(setup, { workers, timeLimitMs });
}
