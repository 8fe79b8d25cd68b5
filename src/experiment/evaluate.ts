import { runScenario } from '../engine/run.js';
import type { LoadedScenario } from '../scenario/load.js';
import { extractValues, notApplicableColumns, round6, type MetricColumn } from './columns.js';
import type { ExperimentManifest } from './manifest.js';
import type { RunLines, RunOutcome } from './records.js';
import { runLines } from './run-format.js';
import { runWithSeries } from './series.js';

/** What a worker needs to run any run of an experiment. Plain data: it crosses thread boundaries. */
export interface RunSetup {
  /** Each design point's scenario as run (factors applied), with its hash. */
  points: LoadedScenario[];
  horizonHours: number | null;
  columns: MetricColumn[];
  /** Sampling step of each run's time series; null: no series. */
  seriesEveryHours: number | null;
  /**
   * When set, each run's results-file lines are formatted where it ran: in a worker
   * thread, so the main thread of a batch only writes them.
   */
  formatFor: ExperimentManifest | null;
}

/** One run to do. */
export interface RunTask {
  run: number;
  point: number;
  seed: number;
}

/** A run as a runner delivers it: its outcome, and its lines when the setup asks for them. */
export interface FinishedRun {
  outcome: RunOutcome;
  lines: RunLines | null;
}

/** Runs one design point with one seed and keeps the experiment's metrics; an engine failure becomes an `error` outcome. */
export function evaluateRun(setup: RunSetup, task: RunTask): FinishedRun {
  return finished(setup, outcomeOf(setup, task));
}

function outcomeOf(setup: RunSetup, task: RunTask): RunOutcome {
  const point = setup.points[task.point]!;
  try {
    const horizon = setup.horizonHours !== null ? { horizonHours: setup.horizonHours } : {};
    // With a series, one run gives both: metrics and samples of its world history.
    const result = setup.seriesEveryHours === null ? runScenario(point, { seed: task.seed, ...horizon }) : runWithSeries(point.scenario, { seed: task.seed, ...horizon, everyHours: setup.seriesEveryHours });
    const outcome: RunOutcome = { run: task.run, status: 'ok', error: null, censoredAtHours: round6(result.censoredAtHours), values: extractValues(result.metrics, setup.columns), notApplicable: notApplicableColumns(result.metrics, setup.columns) };
    if ('series' in result) outcome.series = result.series;
    return outcome;
  } catch (error) {
    return failedOutcome(task.run, 'error', error instanceof Error ? `${error.name}: ${error.message}` : String(error), setup.columns.length);
  }
}

/** A run that did not finish (it threw, hit its time limit or lost its worker): every metric missing. */
export function failedRun(setup: RunSetup, run: number, status: 'error' | 'timeout', message: string): FinishedRun {
  return finished(setup, failedOutcome(run, status, message, setup.columns.length));
}

function failedOutcome(run: number, status: 'error' | 'timeout', message: string, columns: number): RunOutcome {
  return { run, status, error: message, censoredAtHours: null, values: new Array<null>(columns).fill(null), notApplicable: [] };
}

function finished(setup: RunSetup, outcome: RunOutcome): FinishedRun {
  return { outcome, lines: setup.formatFor ? runLines(setup.formatFor, outcome) : null };
}
