import { Simulation } from '../engine/simulation.js';
import type { TraceEntry } from '../metrics/trace.js';
import { coverageAt, unmetAt, type NeedCurve } from '../model/needs.js';
import { needSeriesOf } from '../report/need-series.js';
import type { Scenario } from '../scenario/schema.js';
import { round6 } from './columns.js';

/**
 * A run's state sampled every k hours, in long (tidy) form: one row per time, variable
 * and subject. Variables: `coverage` (mean met share of the capabilities, 0-1),
 * `unmetNeed` (units), `unitsDeployed` per nation (units that arrived so far) and `trust`
 * per relation (0-1). Taken from an engine run that keeps its world history, so the
 * samples are the engine's own numbers; the run itself is the same run (same seed).
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

/** Samples a run of `scenario` with `seed` at 0, k, 2k, ... up to the horizon. */
export function sampleSeries(scenario: Scenario, options: { seed: number; horizonHours?: number | undefined; everyHours: number }): SeriesRow[] {
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
  sim.finish();
  const needs = needSeriesOf(sim);
  const nations = scenario.nations.map((nation) => nation.id);
  const trust = new Map(scenario.relations.map((relation) => [relation.between.join('-'), relation.trust] as [string, number]));
  const deployed = new Map(nations.map((nation) => [nation, 0]));
  const rows: SeriesRow[] = [];
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
    rows.push({ hours, variable: 'coverage', subject: '', value: round6(coverageAt(curves, supplies, hours)) });
    rows.push({ hours, variable: 'unmetNeed', subject: '', value: round6(unmet) });
    for (const nation of nations) rows.push({ hours, variable: 'unitsDeployed', subject: nation, value: deployed.get(nation)! });
    for (const [pair, value] of trust) rows.push({ hours, variable: 'trust', subject: pair, value: round6(value) });
  }
  return rows;
}

/** Folds one traced event into the running state. */
function apply(entry: TraceEntry, trust: Map<string, number>, deployed: Map<string, number>): void {
  const data = entry.data ?? {};
  if (entry.event === 'units.arrived' && entry.agent.startsWith('nation:') && typeof data['units'] === 'number') {
    const nation = entry.agent.slice('nation:'.length);
    deployed.set(nation, (deployed.get(nation) ?? 0) + data['units']);
  }
  if (entry.event === 'trust.changed' && Array.isArray(data['between']) && typeof data['trust'] === 'number') {
    const [a, b] = data['between'] as [string, string];
    const key = trust.has(`${b}-${a}`) ? `${b}-${a}` : `${a}-${b}`;
    trust.set(key, data['trust']);
  }
}
