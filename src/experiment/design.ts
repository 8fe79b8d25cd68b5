import { RandomStream } from '../kernel/random.js';
import { morrisDesign, saltelliDesign } from './global-sensitivity.js';
import { round6 } from './columns.js';
import type { DesignKind, ExperimentDefinition, FactorValue } from './schema.js';

/**
 * Design points: which combinations of factor values an experiment runs. Pure functions
 * of the experiment definition, so every process (workers, shards, merge) agrees on them.
 */

/** A factor with its values resolved: a list of values, or (latin hypercube) a continuous range. */
export interface ResolvedFactor {
  name: string;
  path: string | null;
  values: FactorValue[];
  /** Set for a `range` factor: a latin-hypercube, morris or sobol design samples it continuously. */
  range: { from: number; to: number } | null;
  /** Index in the file's `factors` list; null for the implicit `scenario` factor. */
  fileIndex: number | null;
}

export interface DesignPoint {
  index: number;
  /** Index into the experiment's scenarios. */
  scenario: number;
  /** Factor name -> value, in factor order. */
  values: Record<string, FactorValue>;
  /** Per factor, which listed value it is (null for a continuous sample). */
  valueIndex: (number | null)[];
}

/** The name of the implicit factor an experiment with several scenarios varies. */
export const SCENARIO_FACTOR = 'scenario';

/** Evenly spaced values from..to inclusive, rounded to 6 decimals. */
export function rangeValues(from: number, to: number, steps: number): number[] {
  return Array.from({ length: steps }, (_, k) => round6(from + ((to - from) * k) / (steps - 1)));
}

/** The experiment's factors, with the implicit `scenario` factor first when there are several scenarios. */
export function resolveFactors(definition: ExperimentDefinition, scenarioIds: readonly string[]): ResolvedFactor[] {
  const factors: ResolvedFactor[] = [];
  if (scenarioIds.length > 1) factors.push({ name: SCENARIO_FACTOR, path: null, values: [...scenarioIds], range: null, fileIndex: null });
  definition.factors.forEach((factor, fileIndex) => {
    const values = factor.values ?? rangeValues(factor.range!.from, factor.range!.to, factor.range!.steps);
    const range = factor.range ? { from: factor.range.from, to: factor.range.to } : null;
    factors.push({ name: factor.name, path: factor.path, values, range, fileIndex });
  });
  return factors;
}

/** Index of each factor's baseline value: the `baseline` map's values, default the first value. */
export function baselineValueIndex(factors: readonly ResolvedFactor[], baseline: Record<string, FactorValue>): (number | undefined)[] {
  return factors.map((factor) => {
    if (!(factor.name in baseline)) return 0;
    const wanted = key(baseline[factor.name]!);
    const index = factor.values.findIndex((value) => key(value) === wanted);
    return index >= 0 ? index : undefined;
  });
}

/** Every design point of the experiment, in a fixed order. */
export function designPoints(kind: DesignKind, factors: readonly ResolvedFactor[], baseline: readonly number[], options: { samples?: number; seed: number }): DesignPoint[] {
  let combinations: (number | null)[][];
  let continuous: (number | null)[][] | undefined;
  switch (kind) {
    case 'full-factorial':
      combinations = cartesian(factors.map((factor) => factor.values.length));
      break;
    case 'one-at-a-time':
      combinations = [[...baseline]];
      factors.forEach((factor, j) =>
        factor.values.forEach((_, k) => {
          if (k !== baseline[j]) combinations.push(baseline.map((b, i) => (i === j ? k : b)));
        }),
      );
      break;
    case 'latin-hypercube':
      ({ combinations, continuous } = fromUnitCube(factors, latinHypercube(factors, options.samples!, options.seed)));
      break;
    case 'morris':
      ({ combinations, continuous } = fromUnitCube(factors, morrisDesign(options.samples!, factors.length, String(options.seed))));
      break;
    case 'sobol':
      ({ combinations, continuous } = fromUnitCube(factors, saltelliDesign(options.samples!, factors.length)));
      break;
    default: {
      const exhaustive: never = kind;
      throw new Error(`unknown design ${String(exhaustive)}`);
    }
  }
  return combinations.map((combination, index) => {
    const values: Record<string, FactorValue> = {};
    factors.forEach((factor, j) => {
      const k = combination[j];
      values[factor.name] = k === null || k === undefined ? continuous![index]![j]! : factor.values[k]!;
    });
    const scenarioFactor = factors.findIndex((factor) => factor.name === SCENARIO_FACTOR && factor.path === null);
    return { index, scenario: scenarioFactor >= 0 ? combination[scenarioFactor]! : 0, values, valueIndex: combination };
  });
}

/** All index combinations, the first factor varying slowest. */
function cartesian(sizes: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const size of sizes) out = out.flatMap((prefix) => Array.from({ length: size }, (_, k) => [...prefix, k]));
  return out;
}

/**
 * A latin hypercube of `samples` points in the unit cube: each factor's axis is cut into
 * `samples` strata, each stratum used once, strata paired at random (seeded from the
 * master seed and the factor's name), a uniform draw inside each.
 */
function latinHypercube(factors: readonly ResolvedFactor[], samples: number, seed: number): number[][] {
  const unit: number[][] = Array.from({ length: samples }, () => []);
  for (const factor of factors) {
    const stream = new RandomStream(`${seed}:experiment/latin-hypercube/${factor.name}`);
    const strata = Array.from({ length: samples }, (_, i) => i);
    for (let i = samples - 1; i > 0; i -= 1) {
      const j = Math.floor(stream.random() * (i + 1));
      [strata[i], strata[j]] = [strata[j]!, strata[i]!];
    }
    for (let i = 0; i < samples; i += 1) unit[i]!.push((strata[i]! + stream.random()) / samples);
  }
  return unit;
}

/**
 * Factor values of points of the unit cube: a range factor takes from + u·(to − from);
 * a listed factor the value u falls on when [0, 1] is cut into as many equal parts.
 */
export function fromUnitCube(factors: readonly ResolvedFactor[], unit: readonly (readonly number[])[]): { combinations: (number | null)[][]; continuous: (number | null)[][] } {
  return {
    combinations: unit.map((point) => factors.map((factor, j) => (factor.range ? null : Math.min(factor.values.length - 1, Math.floor(point[j]! * factor.values.length))))),
    continuous: unit.map((point) => factors.map((factor, j) => (factor.range ? round6(factor.range.from + point[j]! * (factor.range.to - factor.range.from)) : null))),
  };
}

/** A canonical text for comparing factor values (objects by content). */
export function key(value: FactorValue): string {
  return JSON.stringify(value);
}
