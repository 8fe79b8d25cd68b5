import { csvLine } from '../guard/csv.js';
import { replicationSeed, type ExperimentManifest } from './manifest.js';
import type { FactorValue } from './schema.js';
import { parseRunSeries, type RunSeries } from './series.js';

/**
 * One run's results, as the worker sends them: values aligned to the manifest's
 * columns (null = missing: censored, or no such nation in this scenario).
 */
export interface RunOutcome {
  run: number;
  status: 'ok' | 'error' | 'timeout';
  /** What went wrong, for a run that failed. */
  error: string | null;
  censoredAtHours: number | null;
  values: (number | null)[];
  /** Indices of censorable columns whose milestone does not apply to this run (ascending); their value is null. */
  notApplicable: number[];
  /** The run's time series, when the experiment asks for one (`series`) and the run finished. */
  series?: RunSeries;
}

/**
 * What a censorable metric's value is in a finished run: a time (observed), not reached
 * by the end of the run (censored at `censoredAtHours`), or a milestone that does not
 * apply to this nation in this run (not-applicable: no mandate or consent needed, or the
 * nation is not in this design point's scenario).
 */
export type ValueStatus = 'observed' | 'censored' | 'not-applicable';

/** The status of column `column` in a finished run. */
export function valueStatus(outcome: Pick<RunOutcome, 'values' | 'notApplicable'>, column: number): ValueStatus {
  if (outcome.values[column] !== null && outcome.values[column] !== undefined) return 'observed';
  return outcome.notApplicable.includes(column) ? 'not-applicable' : 'censored';
}

/** One run as users see it: a line of runs.jsonl, a row of runs.csv, an item of runExperiment(). */
export interface ExperimentRun {
  run: number;
  point: number;
  replication: number;
  seed: number;
  scenario: string;
  scenarioHash: string;
  engine: string;
  factors: Record<string, FactorValue>;
  status: RunOutcome['status'];
  error: string | null;
  /** Milestones that are null did not happen before this time. */
  censoredAtHours: number | null;
  /** How many censorable metrics of this run were not reached by `censoredAtHours`. */
  censored: number;
  /** How many censorable metrics of this run do not apply to it. */
  notApplicable: number;
  metrics: Record<string, number | null>;
  /** Each censorable metric's status (empty for a failed run). */
  metricStatus: Record<string, ValueStatus>;
  /** The run's time series (experiments with `series`; finished runs). */
  series?: RunSeries;
}

/** Design point and replication of a run index (replication-major order). */
export function runCoordinates(manifest: Pick<ExperimentManifest, 'points'>, run: number): { point: number; replication: number } {
  return { point: run % manifest.points.length, replication: Math.floor(run / manifest.points.length) };
}

/** The user-facing record of a run outcome. */
export function toExperimentRun(manifest: ExperimentManifest, outcome: RunOutcome): ExperimentRun {
  const { point, replication } = runCoordinates(manifest, outcome.run);
  const seed = replicationSeed(manifest.seed, replication);
  const designPoint = manifest.points[point]!;
  const metrics: Record<string, number | null> = {};
  const metricStatus: Record<string, ValueStatus> = {};
  const counts: Record<ValueStatus, number> = { observed: 0, censored: 0, 'not-applicable': 0 };
  manifest.columns.forEach((column, k) => {
    metrics[column.name] = outcome.values[k] ?? null;
    if (!column.censorable || outcome.status !== 'ok') return;
    const status = valueStatus(outcome, k);
    metricStatus[column.name] = status;
    counts[status] += 1;
  });
  return {
    run: outcome.run,
    point,
    replication,
    seed,
    scenario: designPoint.scenario,
    scenarioHash: designPoint.scenarioHash,
    engine: `${manifest.engine.name} ${manifest.engine.version}`,
    factors: designPoint.values,
    status: outcome.status,
    error: outcome.error,
    censoredAtHours: outcome.censoredAtHours,
    censored: counts.censored,
    notApplicable: counts['not-applicable'],
    metrics,
    metricStatus,
    ...(outcome.series ? { series: outcome.series } : {}),
  };
}

/** The run outcome back from a runs.jsonl record; throws when the record does not fit the manifest. */
export function fromExperimentRun(manifest: ExperimentManifest, record: unknown): RunOutcome {
  const value = record as Partial<ExperimentRun> | null;
  const total = manifest.points.length * manifest.replications;
  if (typeof value !== 'object' || value === null || !Number.isInteger(value.run) || value.run! < 0 || value.run! >= total) throw new Error('not a run of this experiment');
  if (value.status !== 'ok' && value.status !== 'error' && value.status !== 'timeout') throw new Error(`unknown status ${String(value.status)}`);
  if (typeof value.metrics !== 'object' || value.metrics === null) throw new Error('no metrics');
  const metrics = value.metrics;
  const statuses = (typeof value.metricStatus === 'object' && value.metricStatus !== null ? value.metricStatus : {}) as Record<string, unknown>;
  return {
    run: value.run!,
    status: value.status,
    error: value.error ?? null,
    censoredAtHours: value.censoredAtHours ?? null,
    values: manifest.columns.map((column) => {
      const metric = metrics[column.name];
      if (metric !== null && typeof metric !== 'number') throw new Error(`metric ${column.name} is not a number`);
      return metric;
    }),
    notApplicable: notApplicableIndices(manifest, statuses),
    ...(value.series !== undefined ? { series: parseRunSeries(value.series) } : {}),
  };
}

/** Indices of the columns whose status is not-applicable (ascending); a loop, not flatMap: a merge calls it for every run. */
function notApplicableIndices(manifest: ExperimentManifest, statuses: Record<string, unknown>): number[] {
  const indices: number[] = [];
  const columns = manifest.columns;
  for (let k = 0; k < columns.length; k += 1) if (statuses[columns[k]!.name] === 'not-applicable') indices.push(k);
  return indices;
}

/** A run's line in each results file, with its newline. */
export interface RunLines {
  jsonl: string;
  csv: string;
}

/** A runs.jsonl line (with its newline). */
export function jsonlLine(run: ExperimentRun): string {
  return `${JSON.stringify(run)}\n`;
}

/** The suffix of the column beside each censorable metric that holds its ValueStatus. */
export const STATUS_SUFFIX = '.status';

/** The metric cells' names: each metric, and after a censorable one its status column. */
function metricHeader(manifest: ExperimentManifest): string[] {
  return manifest.columns.flatMap((column) => (column.censorable ? [column.name, `${column.name}${STATUS_SUFFIX}`] : [column.name]));
}

/** The columns of runs.csv: identity and provenance, factors, status and censoring, metrics with their statuses, error. */
export function runsHeader(manifest: ExperimentManifest): string[] {
  return ['run', 'point', 'replication', 'seed', 'scenario', 'scenarioHash', 'engine', ...manifest.factors.map((factor) => factor.name), 'status', 'censoredAtHours', 'censored', 'notApplicable', ...metricHeader(manifest), 'error'];
}

/** The runs.csv header line. */
export function csvHeader(manifest: ExperimentManifest): string {
  return csvLine(runsHeader(manifest));
}

/** A runs.csv row: missing metrics are empty cells. */
export function csvRow(manifest: ExperimentManifest, run: ExperimentRun): string {
  return csvLine([
    run.run,
    run.point,
    run.replication,
    run.seed,
    run.scenario,
    run.scenarioHash,
    run.engine,
    ...manifest.factors.map((factor) => formatFactorValue(run.factors[factor.name])),
    run.status,
    run.censoredAtHours,
    run.censored,
    run.notApplicable,
    ...manifest.columns.flatMap((column) => (column.censorable ? [run.metrics[column.name], run.metricStatus[column.name]] : [run.metrics[column.name]])),
    run.error,
  ]);
}

/** A factor value as a cell: numbers, booleans and strings as they are, objects as JSON. */
export function formatFactorValue(value: FactorValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
