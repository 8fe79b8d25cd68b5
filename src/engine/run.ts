import type { RunMetrics } from '../metrics/definitions.js';
import type { PhaseInterval } from '../metrics/recorder.js';
import type { TraceSink } from '../metrics/trace.js';
import { hashScenario } from '../scenario/hash.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { CrisisKind, Scenario } from '../scenario/schema.js';
import { ENGINE } from '../version.js';
import { Simulation } from './simulation.js';

/** Provenance recorded with every output: what produced it and how to re-run it. */
export interface Provenance {
  engine: { name: string; version: string };
  scenario: string;
  scenarioHash: string;
  kind: CrisisKind;
  seed: number;
  horizonHours: number;
}

/** A whole run: provenance, metrics and each nation's phases. */
export interface RunResult extends Provenance {
  /** Milestones that are null did not happen before this time (the horizon). */
  censoredAtHours: number;
  metrics: RunMetrics;
  timeline: PhaseInterval[];
}

export interface RunOptions {
  seed: number;
  horizonHours?: number;
  trace?: TraceSink;
}

/** Provenance of a run of this scenario with this seed. */
export function provenanceOf(scenario: Scenario, scenarioHash: string, seed: number, horizonHours: number): Provenance {
  return { engine: { ...ENGINE }, scenario: scenario.id, scenarioHash, kind: scenario.crisis.kind, seed, horizonHours };
}

/** Runs a scenario from onset to the horizon with every nation played by the engine. */
export function runScenario(input: LoadedScenario | Scenario, options: RunOptions): RunResult {
  const scenario = 'scenario' in input ? input.scenario : input;
  const hash = 'hash' in input ? input.hash : hashScenario(scenario);
  const sim = new Simulation(scenario, {
    seed: options.seed,
    ...(options.horizonHours !== undefined ? { horizonHours: options.horizonHours } : {}),
    ...(options.trace ? { trace: options.trace } : {}),
  });
  const metrics = sim.finish();
  return {
    ...provenanceOf(scenario, hash, options.seed, sim.horizonHours),
    censoredAtHours: sim.horizonHours,
    metrics,
    timeline: sim.recorder.intervals,
  };
}

/** Rounds every number in a JSON-able value to 6 decimals, so outputs read cleanly and stay stable. */
export function roundNumbers<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1e6) / 1e6 : v))) as T;
}
