import { columnInfo, round6 } from './columns.js';
import { runIndex, type ExperimentManifest } from './manifest.js';
import { observedValues, pairedMilestone, summarizeCells, type MilestoneCells, type MilestoneSample } from './milestones.js';
import { sortNumbers } from './sort-numbers.js';
import { csvLine } from '../guard/csv.js';
import { formatFactorValue, type ValueStatus } from './records.js';
import { provenanceCells, PROVENANCE_HEADER } from './responses.js';
import { describe, type Description } from './statistics.js';
import type { Estimate } from './survival.js';
import type { ResultTable } from './table.js';

/**
 * What an experiment's runs say, per design point and metric (summary.csv) and per
 * design point against the baseline arm (differences.csv). A censorable milestone gets
 * censoring-aware figures: the share of runs that reached it (Wilson interval),
 * Kaplan-Meier quartiles with limits, and the restricted mean time up to the horizon
 * (RMST); the figures over observed values only carry the prefix `observed`. Every row
 * ends with the provenance cells (engine, experiment hash, master seed).
 */

const DESCRIPTION = ['mean', 'sd', 'ci95Low', 'ci95High', 'ci95HalfWidth', 'min', 'q05', 'q25', 'median', 'q75', 'q95', 'max'] as const;

/** `observedMean`, `observedCi95Low`, ...: the descriptive statistics over observed values only. */
const OBSERVED_HEADER = DESCRIPTION.map((name) => `observed${name[0]!.toUpperCase()}${name.slice(1)}`);

function descriptionCells(description: Description, names: readonly (keyof Description)[] = DESCRIPTION): (number | null)[] {
  return names.map((name) => rounded(description[name]));
}

function rounded(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : round6(value);
}

function estimateCells(estimate: Estimate | null): (number | null)[] {
  return [rounded(estimate?.estimate), rounded(estimate?.ci95Low), rounded(estimate?.ci95High)];
}

/** `name`, `nameCi95Low`, `nameCi95High`. */
function estimateHeader(name: string): string[] {
  return [name, `${name}Ci95Low`, `${name}Ci95High`];
}

function factorCells(manifest: ExperimentManifest, point: number): string[] {
  return manifest.factors.map((factor) => formatFactorValue(manifest.points[point]!.values[factor.name]));
}

/** The censoring-aware cells of summary.csv: the counts, share reached, quartiles and RMST (counts only for a plain metric); `observedSorted`: the observed values, sorted. */
function milestoneCells(sample: MilestoneCells, observedSorted: Float64Array, censorable: boolean): (number | null)[] {
  if (!censorable) return [observedSorted.length, null, null, ...new Array<null>(3 * 5 + 1).fill(null)];
  const summary = summarizeCells(sample, observedSorted);
  return [
    summary.observed,
    summary.censored,
    summary.notApplicable,
    ...estimateCells(summary.reachedShare),
    ...estimateCells(summary.q25),
    ...estimateCells(summary.median),
    ...estimateCells(summary.q75),
    summary.restricted?.horizonHours ?? null,
    ...estimateCells(summary.restricted),
  ];
}

/** The columns of summary.csv. */
export function summaryHeader(manifest: ExperimentManifest): string[] {
  return [
    'point', ...manifest.factors.map((factor) => factor.name), 'scenario', 'scenarioHash', 'metric', 'unit', 'runs', 'observed', 'censored', 'notApplicable',
    ...estimateHeader('reachedShare'), ...estimateHeader('kmQ25'), ...estimateHeader('kmMedian'), ...estimateHeader('kmQ75'), 'rmstHorizonHours', ...estimateHeader('rmst'),
    ...OBSERVED_HEADER, ...PROVENANCE_HEADER,
  ];
}

/** summary.csv: one row per design point and metric. */
export function summaryCsv(table: ResultTable): string {
  const manifest = table.manifest;
  const provenance = provenanceCells(manifest);
  const rows = byPointAndColumn(manifest, (point, k) => {
    const column = manifest.columns[k]!;
    const sample = table.cells(point.index, k);
    // The observed values in run order (the mean sums them in that order) and sorted (quantiles, Kaplan-Meier), sorted once.
    const values = observedValues(sample.cells);
    const sorted = sortNumbers(values.slice());
    const observed = describe(values, sorted);
    return csvLine([point.index, ...factorCells(manifest, point.index), point.scenario, point.scenarioHash, column.name, columnInfo(column.name).unit, sample.cells.length, ...milestoneCells(sample, sorted, column.censorable), ...descriptionCells(observed), ...provenance]);
  });
  return csvLine(summaryHeader(manifest)) + rows.join('');
}

/**
 * One row per design point and metric column, in that order, computed column by column:
 * the results table reads a metric column of every run from disk at once (table.ts), so
 * each column is read once instead of once per design point.
 */
function byPointAndColumn(manifest: ExperimentManifest, row: (point: ExperimentManifest['points'][number], column: number) => string | undefined): string[] {
  const rows = manifest.points.map(() => new Array<string | undefined>(manifest.columns.length));
  manifest.columns.forEach((_, k) => {
    for (const point of manifest.points) rows[point.index]![k] = row(point, k);
  });
  return rows.flat().filter((line): line is string => line !== undefined);
}

/**
 * The pairs of runs (point, baseline) of the same replication where both finished: each
 * arm's sample aligned pair by pair. With common random numbers the pairs share their
 * random draws, so paired intervals are much tighter than those of two independent means.
 */
export function pairedSamples(table: ResultTable, point: number, column: number): { point: MilestoneSample; baseline: MilestoneSample } {
  const manifest = table.manifest;
  const arms = [point, manifest.baselinePoint].map(() => ({ values: [] as (number | null)[], statuses: [] as ValueStatus[], censoredAtHours: [] as number[] }));
  for (let replication = 0; replication < manifest.replications; replication += 1) {
    const runs = [point, manifest.baselinePoint].map((arm) => runIndex(manifest, arm, replication));
    if (!runs.every((run) => table.ok(run))) continue;
    runs.forEach((run, k) => {
      arms[k]!.values.push(table.value(run, column)!);
      arms[k]!.statuses.push(table.status(run, column)!);
      arms[k]!.censoredAtHours.push(table.censoredAt(run)!);
    });
  }
  return { point: arms[0]!, baseline: arms[1]! };
}

/** Paired differences (point minus baseline) of a metric over the pairs where it was observed in both. */
export function pairedDifferences(table: ResultTable, point: number, column: number): number[] {
  const { point: first, baseline } = pairedSamples(table, point, column);
  const differences: number[] = [];
  first.values.forEach((value, i) => {
    if (value !== null && baseline.values[i] !== null) differences.push(value - baseline.values[i]!);
  });
  return differences;
}

/** The columns of differences.csv. */
export function differencesHeader(manifest: ExperimentManifest): string[] {
  return [
    'point', ...manifest.factors.map((factor) => factor.name), 'baselinePoint', 'metric', 'unit', 'pairs', 'horizonHours',
    ...estimateHeader('rmstDifference'), ...estimateHeader('reachedShareDifference'),
    'observedPairs', 'observedMeanDifference', 'observedSd', 'observedCi95Low', 'observedCi95High', 'observedCi95HalfWidth',
    'scenarioHash', 'baselineScenarioHash', ...PROVENANCE_HEADER,
  ];
}

/** differences.csv: one row per non-baseline design point and metric. */
export function differencesCsv(table: ResultTable): string {
  const manifest = table.manifest;
  const provenance = provenanceCells(manifest);
  const rows = byPointAndColumn(manifest, (point, k) => {
    if (point.index === manifest.baselinePoint) return undefined;
    const column = manifest.columns[k]!;
    const observed = describe(pairedDifferences(table, point.index, k));
    let censoringAware: (number | null)[] = [observed.n, ...new Array<null>(7).fill(null)];
    if (column.censorable) {
      const samples = pairedSamples(table, point.index, k);
      const paired = pairedMilestone(samples.point, samples.baseline);
      const rmst = paired.restrictedDifference;
      censoringAware = [paired.pairs, paired.horizonHours, rounded(rmst.mean), rounded(rmst.ci95Low), rounded(rmst.ci95High), ...estimateCells(paired.reachedShareDifference)];
    }
    return csvLine([
      point.index, ...factorCells(manifest, point.index), manifest.baselinePoint, column.name, columnInfo(column.name).unit, ...censoringAware,
      observed.n, ...descriptionCells(observed, ['mean', 'sd', 'ci95Low', 'ci95High', 'ci95HalfWidth']),
      point.scenarioHash, manifest.points[manifest.baselinePoint]!.scenarioHash, ...provenance,
    ]);
  });
  return csvLine(differencesHeader(manifest)) + rows.join('');
}
