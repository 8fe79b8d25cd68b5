import { round6 } from './columns.js';
import { globalIndices } from './global-analysis.js';
import { csvLine } from '../guard/csv.js';
import { experimentHorizon, pointResponses, provenanceCells, PROVENANCE_HEADER, responsesOf, type Response } from './responses.js';
import type { FactorValue } from './schema.js';
import { meanOf } from './statistics.js';
import type { ResultTable } from './table.js';

/**
 * How strongly each factor moves each metric (sensitivity.csv): the main effect (range
 * of the response's mean over a factor's values) and the standardized regression
 * coefficient, for each response of the metric (see responses.ts).
 */

/** A response of a metric grouped by a factor's listed values (numbers go to the nearest one), pooling the other factors; with the design points of each group. */
export function byFactorValue(table: ResultTable, factor: number, column: number, response: Response, horizon: number | null): { factorValue: FactorValue; values: number[]; points: number[] }[] {
  const manifest = table.manifest;
  const spec = manifest.factors[factor]!;
  const groups = spec.values.map((value) => ({ factorValue: value, values: [] as number[], points: [] as number[] }));
  for (const point of manifest.points) {
    const group = groups[nearestValue(spec.values, point.values[spec.name]!)]!;
    for (const value of pointResponses(table, point.index, column, response, horizon)) group.values.push(value);
    group.points.push(point.index);
  }
  return groups;
}

function nearestValue(values: readonly FactorValue[], value: FactorValue): number {
  const exact = values.findIndex((candidate) => JSON.stringify(candidate) === JSON.stringify(value));
  if (exact >= 0 || typeof value !== 'number') return Math.max(exact, 0);
  let best = 0;
  values.forEach((candidate, k) => {
    if (typeof candidate === 'number' && Math.abs(candidate - value) < Math.abs((values[best] as number) - value)) best = k;
  });
  return best;
}

/** A factor value as a number for regression: numbers as they are, booleans 0/1, anything else its position in the factor's value list. */
function coded(values: readonly FactorValue[], value: FactorValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return values.findIndex((candidate) => JSON.stringify(candidate) === JSON.stringify(value));
}

/** How much each factor moves a response: the main effect (range of the means per value) and the standardized regression coefficient. */
export interface Sensitivity {
  factor: string;
  mainEffect: number | null;
  src: number | null;
}

/**
 * Standardized regression coefficients (SRC) of a response on all factors at once, over
 * the finished runs where it is defined; null for a factor that does not vary or when
 * the regression cannot be solved. |SRC| ranks factors by the share of the response's
 * spread they explain (when it is roughly linear).
 */
export function sensitivity(table: ResultTable, column: number, response: Response = responsesOf(table.manifest.columns[column]!)[0]!): Sensitivity[] {
  const manifest = table.manifest;
  if (manifest.factors.length === 0) return [];
  const horizon = response === 'value' ? null : experimentHorizon(table, column);
  const rows: number[][] = [];
  const ys: number[] = [];
  for (const point of manifest.points) {
    const x = manifest.factors.map((factor) => coded(factor.values, point.values[factor.name]!));
    for (const value of pointResponses(table, point.index, column, response, horizon)) {
      rows.push(x);
      ys.push(value);
    }
  }
  const varying = manifest.factors.map((_, j) => standardDeviation(rows.map((row) => row[j]!)) > 0);
  const used = manifest.factors.map((_, j) => j).filter((j) => varying[j]);
  const coefficients = standardizedRegression(used.map((j) => rows.map((row) => row[j]!)), ys);
  return manifest.factors.map((factor, j) => {
    const valueMeans = byFactorValue(table, j, column, response, horizon).filter((group) => group.values.length > 0).map((group) => meanOf(group.values));
    const mainEffect = valueMeans.length >= 2 ? round6(Math.max(...valueMeans) - Math.min(...valueMeans)) : null;
    const position = used.indexOf(j);
    const src = position >= 0 && coefficients ? round6(coefficients[position]!) : null;
    return { factor: factor.name, mainEffect, src };
  });
}

/** The columns of sensitivity.csv (long form: one index per row). */
export const SENSITIVITY_HEADER = ['metric', 'response', 'horizonHours', 'factor', 'index', 'estimate', 'ci95Low', 'ci95High', ...PROVENANCE_HEADER] as const;

/**
 * sensitivity.csv: per metric, response and factor, the main effect and SRC (every
 * design) and the Morris or Sobol indices (those designs), each row ending with the
 * provenance cells.
 */
export function sensitivityCsv(table: ResultTable): string {
  const provenance = provenanceCells(table.manifest);
  const lines = [csvLine(SENSITIVITY_HEADER)];
  const cell = (value: number | null) => (value === null ? null : round6(value));
  table.manifest.columns.forEach((column, k) => {
    for (const response of responsesOf(column)) {
      const horizon = response === 'value' ? null : experimentHorizon(table, k);
      const global = globalIndices(table, k, response, horizon);
      for (const row of sensitivity(table, k, response)) {
        lines.push(csvLine([column.name, response, horizon, row.factor, 'mainEffect', row.mainEffect, null, null, ...provenance]));
        lines.push(csvLine([column.name, response, horizon, row.factor, 'src', row.src, null, null, ...provenance]));
        for (const index of global.filter((candidate) => candidate.factor === row.factor)) {
          lines.push(csvLine([column.name, response, horizon, row.factor, index.index, cell(index.estimate), cell(index.ci95Low), cell(index.ci95High), ...provenance]));
        }
      }
    }
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
