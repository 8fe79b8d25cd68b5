import { loadExperimentFile, type Experiment } from './load.js';
import { everyRun, planFromTable } from './plan.js';
import { toExperimentRun, type ExperimentRun, type RunOutcome } from './records.js';
import { Journal } from './journal.js';
import { openResults, writeFinalResults } from './results-dir.js';
import { runFinished, type RunExperimentOptions } from './run-experiment.js';
import { ResultTable } from './table.js';

export interface BatchOptions extends Pick<RunExperimentOptions, 'workers' | 'shard' | 'timeLimitSeconds'> {
  /** Results folder. */
  outDir: string;
  /** Continue the results already in outDir instead of refusing them. */
  resume?: boolean;
  /** Called once before the first run with the number of runs to do (an upper bound under a stopping rule) and how many were kept from before. */
  onStart?: (info: { toRun: number; resumed: number; ignoredLines: number }) => void;
  /** Called with every run's outcome as it finishes (cheap: for progress). */
  onRun?: (outcome: RunOutcome) => void;
  /** Called with every run that threw or hit its time limit, with its design point, factors and seed. */
  onFailedRun?: (run: ExperimentRun) => void;
}

export interface BatchSummary {
  /** Runs in the final results (kept from before plus new). */
  runs: number;
  /** Runs kept from an interrupted batch. */
  resumed: number;
  /** Runs that threw or hit the time limit. */
  failed: number;
}

/**
 * Runs an experiment into a results folder (see results-dir.ts): journals each run as
 * it finishes, then writes every file in run order, so the files are the same for any
 * worker count and, after `merge`, any shard layout.
 */
export async function runBatch(experiment: Experiment | string, options: BatchOptions): Promise<BatchSummary> {
  const loaded = typeof experiment === 'string' ? loadExperimentFile(experiment) : experiment;
  const manifest = loaded.manifest;
  const table = new ResultTable(manifest, { scratchDir: options.outDir });
  let journal: Journal | undefined;
  let failed = 0;
  try {
    // On resume, the finished runs go straight from the journal into the table (bounded memory).
    const { resumed, ignored } = openResults(options.outDir, table, { resume: options.resume ?? false, shard: options.shard });
    // Every run (or the shard's share): the most there can be; a stopping rule may stop sooner.
    const maxRuns = everyRun(manifest, options.shard).length;
    options.onStart?.({ toRun: Math.max(0, maxRuns - resumed), resumed, ignoredLines: ignored });
    journal = Journal.append(options.outDir, manifest);
    const runs = runFinished(
      loaded,
      {
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        ...(options.shard ? { shard: options.shard } : {}),
        ...(options.timeLimitSeconds !== undefined ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
      },
      { formatLines: true, table },
    );
    for await (const { outcome, lines } of runs) {
      // With formatLines every run comes with its lines, failed runs included (evaluate.ts).
      journal.append(outcome.run, lines!);
      table.add(outcome);
      if (outcome.status !== 'ok') {
        failed += 1;
        options.onFailedRun?.(toExperimentRun(manifest, outcome));
      }
      options.onRun?.(outcome);
    }
    const plan = planFromTable(table, options.shard);
    writeFinalResults(options.outDir, table, plan.runs, { summaries: options.shard === undefined, journal });
    return { runs: plan.runs.length, resumed, failed };
  } finally {
    journal?.close();
    table.close();
  }
}
