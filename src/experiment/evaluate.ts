import { runScenario } from '../engine/run.js';
import type { LoadedScenario } from '../scenario/load.js';
import { extractValues, round6, type MetricColumn } from './columns.js';
import type { RunOutcome } from './records.js';

/** What a worker needs to run any run of an experiment. Plain data: it crosses thread boundaries. */
export interface RunSetup {
  /** Each design point's scenario as run (factors applied), with its hash. */
  points: LoadedScenario[];
  horizonHours: number | null;
  columns: MetricColumn[];
}

/** One run to do. */
export interface RunTask {
  run: number;
  point: number;
  seed: number;
}

/** Runs one design point with one seed and keeps the experiment's metrics; an engine failure becomes an `error` outcome. */
export function evaluateRun(setup: RunSetup, task: RunTask): RunOutcome {
  const point = setup.points[task.point]!;
  try {
    const result = runScenario(point, { seed: task.seed, ...(setup.horizonHours !== null ? { horizonHours: setup.horizonHours } : {}) });
    return { run: task.run, status: 'ok', error: null, censoredAtHours: round6(result.censoredAtHours), values: extractValues(result.metrics, setup.columns) };
  } catch (error) {
    return failedRun(task.run, 'error', error instanceof Error ? `${error.name}: ${error.message}` : String(error), setup.columns.length);
  }
}

/** The outcome of a run that did not finish: every metric missing. */
export function failedRun(run: number, status: 'error' | 'timeout', message: string, columns: number): RunOutcome {
  return { run, status, error: message, censoredAtHours: null, values: new Array<null>(columns).fill(null) };
}
