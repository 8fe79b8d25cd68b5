import { Simulation } from '../engine/simulation.js';
import type { RunMetrics } from '../metrics/definitions.js';
import type { TraceEntry } from '../metrics/trace.js';
import { coverageAt, unmetAt, type NeedCurve } from '../model/needs.js';
import { needSeriesOf } from '../report/need-series.js';
import type { Scenario } from '../scenario/schema.js';
import { round6 } from './columns.js';

/**
 * A run's state sampled every k hours. Variables: `coverage` (mean met share of the
 * capabilities, 0-1), `unmetNeed` (units), `unitsDeployed` per nation (units that arrived
 * so far) and `trust` per declared relation (0-1). Taken from an engine run that keeps its world
 * history, so the samples are the engine's own numbers, and the run's metrics come from
 * the same run (same seed, same numbers as a run without the series).
 *
 * Kept per run as tracks (one list of values per variable and subject, beside the sample
 * times: compact in runs.jsonl) and written in long (tidy) form, one row per time,
 * variable and subject (series.csv, `rerun --series`).
 */

export const SERIES_VARIABLES = {
  coverage: { unit: 'share 0-1', subject: '' },
  unmetNeed: { unit: 'units', subject: '' },
  unitsDeployed: { unit: 'units', subject: 'nation' },
  trust: { unit: 'share 0-1', subject: 'relation a-b' },
} as const;
export type SeriesVariable = keyof typeof SERIES_VARIABLES;

export interface SeriesRow {
  hours: number;
  variable: SeriesVariable;
  /** Nation id, relation `a-b`, or '' for the whole crisis. */
  subject: string;
  value: number;
}

/** One run's series: the sample times and, per variable and subject, the value at each. */
export interface RunSeries {
  hours: number[];
  tracks: { variable: SeriesVariable; subject: string; values: number[] }[];
}

/** Runs `scenario` with `seed` once, returning its metrics and its series sampled at 0, k, 2k, ... up to the horizon. */
export function runWithSeries(scenario: Scenario, options: { seed: number; horizonHours?: number | undefined; everyHours: number }): { metrics: RunMetrics; censoredAtHours: number; series: RunSeries } {
  if (!(options.everyHours > 0)) throw new RangeError(`everyHours must be positive, got ${options.everyHours}`);
  const events: TraceEntry[] = [];
  const sim = new Simulation(scenario, {
    seed: options.seed,
    keepHistory: true,
    ...(options.horizonHours !== undefined ? { horizonHours: options.horizonHours } : {}),
    trace: (entry) => {
      if (entry.event === 'units.arrived' || entry.event === 'trust.changed') events.push(entry);
    },
  });
  const metrics = sim.finish();
  const needs = needSeriesOf(sim);
  const trust = new Map(scenario.relations.map((relation) => [relation.between.join('-'), relation.trust] as [string, number]));
  const deployed = new Map(scenario.nations.map((nation) => [nation.id, 0]));
  const series: RunSeries = {
    hours: [],
    tracks: [
      { variable: 'coverage', subject: '', values: [] },
      { variable: 'unmetNeed', subject: '', values: [] },
      ...[...deployed.keys()].map((nation) => ({ variable: 'unitsDeployed' as const, subject: nation, values: [] })),
      ...[...trust.keys()].map((pair) => ({ variable: 'trust' as const, subject: pair, values: [] })),
    ],
  };
  let next = 0;
  for (let hours = 0; hours <= needs.horizonHours + 1e-9; hours += options.everyHours) {
    for (; next < events.length && events[next]!.t <= hours; next += 1) apply(events[next]!, trust, deployed);
    const curves: NeedCurve[] = [];
    const supplies: number[] = [];
    for (const capability of needs.capabilities) {
      const segment = capability.segments.find((candidate) => candidate.startHours <= hours && hours < candidate.endHours) ?? capability.segments.at(-1);
      if (segment) {
        curves.push(segment.curve);
        supplies.push(segment.supply);
      }
    }
    const unmet = curves.reduce((sum, curve, i) => sum + unmetAt(curve, supplies[i]!, hours), 0);
    const values = [coverageAt(curves, supplies, hours), unmet, ...deployed.values(), ...trust.values()];
    series.hours.push(round6(hours));
    series.tracks.forEach((track, k) => track.values.push(round6(values[k]!)));
  }
  return { metrics, censoredAtHours: sim.horizonHours, series };
}

/** The series in long form, time by time (each time: every track in order). */
export function seriesRows(series: RunSeries): SeriesRow[] {
  return series.hours.flatMap((hours, t) => series.tracks.map((track) => ({ hours, variable: track.variable, subject: track.subject, value: track.values[t]! })));
}

/** A series read back from a runs.jsonl line; throws when it is not one. */
export function parseRunSeries(value: unknown): RunSeries {
  const numbers = (list: unknown): list is number[] => Array.isArray(list) && list.every((item) => typeof item === 'number');
  const series = value as Partial<RunSeries> | null;
  if (typeof series !== 'object' || series === null || !numbers(series.hours) || !Array.isArray(series.tracks)) throw new Error('not a run series');
  for (const track of series.tracks as unknown[]) {
    const { variable, subject, values } = (track ?? {}) as { variable?: unknown; subject?: unknown; values?: unknown };
    if (typeof variable !== 'string' || !Object.hasOwn(SERIES_VARIABLES, variable) || typeof subject !== 'string' || !numbers(values) || values.length !== series.hours.length) throw new Error('not a run series');
  }
  return { hours: series.hours, tracks: series.tracks };
}

/** Folds one traced event into the running state (nations of the scenario, its declared relations). */
function apply(entry: TraceEntry, trust: Map<string, number>, deployed: Map<string, number>): void {
  const data = entry.data ?? {};
  if (entry.event === 'units.arrived' && entry.agent.startsWith('nation:') && typeof data['units'] === 'number') {
    const nation = entry.agent.slice('nation:'.length);
    if (deployed.has(nation)) deployed.set(nation, deployed.get(nation)! + data['units']);
  }
  if (entry.event === 'trust.changed' && Array.isArray(data['between']) && typeof data['trust'] === 'number') {
    // Declared relations only: every track has a value at every time.
    const [a, b] = data['between'] as [string, string];
    const key = trust.has(`${a}-${b}`) ? `${a}-${b}` : `${b}-${a}`;
    if (trust.has(key)) trust.set(key, data['trust']);
  }
}
