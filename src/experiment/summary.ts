import { round6 } from './columns.js';
import { runIndex, type ExperimentManifest } from './manifest.js';
import { csvLine, formatLevel } from './records.js';
import type { Level } from './schema.js';
import { describe, meanOf, type Description } from './statistics.js';
import type { ResultTable } from './table.js';

/**
 * What an experiment's runs say: per design point and metric, descriptive statistics
 * with 95% t-intervals (summary.csv); paired differences against the baseline arm on
 * common random numbers (differences.csv); how strongly each factor moves each metric
 * (sensitivity.csv). Statistics use observed values only; censored runs are counted in
 * `censoredShare`, so read a mean next to its share censored.
 */

const STATISTICS = ['mean', 'sd', 'ci95Low', 'ci95High', 'ci95HalfWidth', 'min', 'q05', 'q25', 'median', 'q75', 'q95', 'max'] as const;

function statisticCells(description: Description): (number | null)[] {
  return STATISTICS.map((name) => (description[name] === null ? null : round6(description[name]!)));
}

function factorCells(manifest: ExperimentManifest, point: number): string[] {
  return manifest.factors.map((factor) => formatLevel(manifest.points[point]!.levels[factor.name]));
}

/** summary.csv: one row per design point and metric. */
export function summaryCsv(table: ResultTable): string {
  const manifest = table.manifest;
  const header = csvLine(['point', ...manifest.factors.map((factor) => factor.name), 'scenario', 'scenarioHash', 'metric', 'runs', 'observed', 'censoredShare', ...STATISTICS]);
  const lines = [header];
  for (const point of manifest.points) {
    const runs = table.runsOfPoint(point.index);
    manifest.columns.forEach((column, k) => {
      const { values, missing } = table.observed(point.index, k);
      const censoredShare = runs.length === 0 ? null : column.censorable ? round6(missing / runs.length) : 0;
      lines.push(csvLine([point.index, ...factorCells(manifest, point.index), point.scenario, point.scenarioHash, column.name, runs.length, values.length, censoredShare, ...statisticCells(describe(values))]));
    });
  }
  return lines.join('');
}

/**
 * Paired differences (point minus baseline) of each metric over the replications where
 * both runs finished and the metric was observed in both: with common random numbers,
 * the pairs share their random draws, so the interval is much tighter than that of two
 * independent means.
 */
export function pairedDifferences(table: ResultTable, point: number, column: number): number[] {
  const manifest = table.manifest;
  const differences: number[] = [];
  for (let replication = 0; replication < manifest.replications; replication += 1) {
    const value = table.value(runIndex(manifest, point, replication), column);
    const base = table.value(runIndex(manifest, manifest.baselinePoint, replication), column);
    if (typeof value === 'number' && typeof base === 'number' && table.ok(runIndex(manifest, point, replication)) && table.ok(runIndex(manifest, manifest.baselinePoint, replication))) differences.push(value - base);
  }
  return differences;
}

/** differences.csv: one row per non-baseline design point and metric. */
export function differencesCsv(table: ResultTable): string {
  const manifest = table.manifest;
  const lines = [csvLine(['point', ...manifest.factors.map((factor) => factor.name), 'baselinePoint', 'metric', 'pairs', 'meanDifference', 'sd', 'ci95Low', 'ci95High', 'ci95HalfWidth'])];
  for (const point of manifest.points) {
    if (point.index === manifest.baselinePoint) continue;
    manifest.columns.forEach((column, k) => {
      const description = describe(pairedDifferences(table, point.index, k));
      const cells = [description.mean, description.sd, description.ci95Low, description.ci95High, description.ci95HalfWidth].map((value) => (value === null ? null : round6(value)));
      lines.push(csvLine([point.index, ...factorCells(manifest, point.index), manifest.baselinePoint, column.name, description.n, ...cells]));
    });
  }
  return lines.join('');
}

/** Observed values of a metric grouped by a factor's listed levels (numbers go to the nearest level), pooling the other factors. */
export function byFactorLevel(table: ResultTable, factor: number, column: number): { level: Level; values: number[] }[] {
  const manifest = table.manifest;
  const spec = manifest.factors[factor]!;
  const groups = spec.levels.map((level) => ({ level, values: [] as number[] }));
  for (const point of manifest.points) {
    const level = point.levels[spec.name]!;
    const group = groups[nearestLevel(spec.levels, level)]!;
    group.values.push(...table.observed(point.index, column).values);
  }
  return groups;
}

function nearestLevel(levels: readonly Level[], level: Level): number {
  const exact = levels.findIndex((candidate) => JSON.stringify(candidate) === JSON.stringify(level));
  if (exact >= 0 || typeof level !== 'number') return Math.max(exact, 0);
  let best = 0;
  levels.forEach((candidate, k) => {
    if (typeof candidate === 'number' && Math.abs(candidate - level) < Math.abs((levels[best] as number) - level)) best = k;
  });
  return best;
}

/** A factor value as a number for regression: numbers as they are, booleans 0/1, anything else its position in the level list. */
function coded(levels: readonly Level[], level: Level): number {
  if (typeof level === 'number') return level;
  if (typeof level === 'boolean') return level ? 1 : 0;
  return levels.findIndex((candidate) => JSON.stringify(candidate) === JSON.stringify(level));
}

/** How much each factor moves a metric: the main effect (range of level means) and the standardized regression coefficient. */
export interface Sensitivity {
  factor: string;
  mainEffect: number | null;
  src: number | null;
}

/**
 * Standardized regression coefficients (SRC) of a metric on all factors at once, over
 * finished runs where it was observed; null for a factor that does not vary or when
 * the regression cannot be solved. |SRC| ranks factors by the share of the metric's
 * spread they explain (when the response is roughly linear).
 */
export function sensitivity(table: ResultTable, column: number): Sensitivity[] {
  const manifest = table.manifest;
  if (manifest.factors.length === 0) return [];
  const rows: number[][] = [];
  const ys: number[] = [];
  for (const point of manifest.points) {
    const x = manifest.factors.map((factor) => coded(factor.levels, point.levels[factor.name]!));
    for (const value of table.observed(point.index, column).values) {
      rows.push(x);
      ys.push(value);
    }
  }
  const varying = manifest.factors.map((_, j) => standardDeviation(rows.map((row) => row[j]!)) > 0);
  const used = manifest.factors.map((_, j) => j).filter((j) => varying[j]);
  const coefficients = standardizedRegression(used.map((j) => rows.map((row) => row[j]!)), ys);
  return manifest.factors.map((factor, j) => {
    const levelMeans = byFactorLevel(table, j, column).filter((group) => group.values.length > 0).map((group) => meanOf(group.values));
    const mainEffect = levelMeans.length >= 2 ? round6(Math.max(...levelMeans) - Math.min(...levelMeans)) : null;
    const position = used.indexOf(j);
    const src = position >= 0 && coefficients ? round6(coefficients[position]!) : null;
    return { factor: factor.name, mainEffect, src };
  });
}

/** sensitivity.csv: one row per metric and factor. */
export function sensitivityCsv(table: ResultTable): string {
  const lines = [csvLine(['metric', 'factor', 'mainEffect', 'src'])];
  table.manifest.columns.forEach((column, k) => {
    for (const row of sensitivity(table, k)) lines.push(csvLine([column.name, row.factor, row.mainEffect, row.src]));
  });
  return lines.join('');
}

function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = meanOf(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
}

/** Least squares on standardized variables (normal equations, Gaussian elimination); null when singular or too few rows. */
function standardizedRegression(xs: number[][], y: number[]): number[] | null {
  const k = xs.length;
  const n = y.length;
  const sy = standardDeviation(y);
  if (k === 0 || n <= k + 1 || sy === 0) return null;
  const standardize = (values: number[]) => {
    const mean = meanOf(values);
    const sd = standardDeviation(values);
    return values.map((value) => (value - mean) / sd);
  };
  const z = xs.map(standardize);
  const zy = standardize(y);
  const matrix = z.map((a) => [...z.map((b) => dot(a, b)), dot(a, zy)]);
  for (let col = 0; col < k; col += 1) {
    let pivot = col;
    for (let row = col + 1; row < k; row += 1) if (Math.abs(matrix[row]![col]!) > Math.abs(matrix[pivot]![col]!)) pivot = row;
    if (Math.abs(matrix[pivot]![col]!) < 1e-9 * n) return null;
    [matrix[col], matrix[pivot]] = [matrix[pivot]!, matrix[col]!];
    for (let row = 0; row < k; row += 1) {
      if (row === col) continue;
      const factor = matrix[row]![col]! / matrix[col]![col]!;
      for (let c = col; c <= k; c += 1) matrix[row]![c]! -= factor * matrix[col]![c]!;
    }
  }
  return matrix.map((row, i) => row[k]! / row[i]!);
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * b[i]!;
  return sum;
}
