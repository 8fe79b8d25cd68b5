import { roundNumbers } from '../engine/run.js';
import { Simulation } from '../engine/simulation.js';
import type { RunMetrics } from '../metrics/definitions.js';
import type { TraceEntry } from '../metrics/trace.js';
import type { NeedCurve } from '../model/needs.js';
import { effectiveSupply } from '../model/supply.js';
import { initialWorld, type WorldState } from '../model/world.js';
import { applyWorldPatches } from '../model/world-patches.js';
import type { Scenario } from '../scenario/schema.js';

/**
 * Need and effective supply of one capability over a stretch of time in which the world
 * did not change: need follows `curve` exactly, supply is constant.
 */
export interface NeedSegment {
  startHours: number;
  endHours: number;
  curve: NeedCurve;
  supply: number;
}

/** Need and supply of every capability from onset to the horizon, as exact segments. */
export interface NeedSeries {
  horizonHours: number;
  /** When the acute phase ended (unmet need stops counting), or null if it lasted to the horizon. */
  resolvedAtHours: number | null;
  capabilities: { capability: string; segments: NeedSegment[] }[];
}

/**
 * The need series of a finished simulation that kept its world history
 * (`keepHistory: true`): the world is rebuilt change by change from the scenario's
 * initial world with the recorded immer patches, and effective supply is derived at each
 * step with the engine's own function, so the report shows what the engine integrated.
 */
export function needSeriesOf(sim: Simulation): NeedSeries {
  if (!sim.options.keepHistory) throw new Error('needSeriesOf needs a Simulation created with keepHistory: true');
  const hosts = new Set(sim.scenario.crisis.hosts);
  const capabilities = sim.capabilities.map((capability) => ({ capability, segments: [] as NeedSegment[] }));
  const curves: NeedCurve[] = [];
  const supplies: number[] = [];
  let world: WorldState = initialWorld(sim.scenario);
  let since = 0;
  let resolvedAtHours: number | null = null;
  const close = (until: number) => {
    if (until <= since) return;
    effectiveSupply(sim.scenario, world, sim.capabilities, hosts, curves, supplies);
    capabilities.forEach((series, i) => series.segments.push({ startHours: since, endHours: until, curve: { ...curves[i]! }, supply: supplies[i]! }));
    since = until;
  };
  for (const change of sim.world.history) {
    close(Math.min(change.atHours, sim.horizonHours));
    world = applyWorldPatches(world, change.patches);
    if (world.resolved && resolvedAtHours === null) resolvedAtHours = change.atHours;
  }
  close(sim.horizonHours);
  return { horizonHours: sim.horizonHours, resolvedAtHours, capabilities };
}

/** What a replay needs to know about the run it reproduces. */
export interface ReplaySource {
  scenario: Scenario;
  seed: number;
  horizonHours: number;
  /** The run's metrics: the replay is trusted only if it reproduces them exactly. */
  metrics: RunMetrics;
  /** The run's trace: decisions of players (`player:<nation>` agents) are replayed as taken. */
  trace: readonly TraceEntry[];
}

/**
 * Replays a run with the engine to recover its need series. Played nations' decisions are
 * answered from the trace by decision id. Returns null when the replay does not reproduce
 * the run's metrics (another engine version, or facilitator actions the trace cannot
 * replay), so a report never shows needs from a different run.
 */
export function replayNeedSeries(source: ReplaySource): NeedSeries | null {
  const choices = new Map<number, string>();
  const players = new Set<string>();
  for (const entry of source.trace) {
    if (!entry.agent.startsWith('player:') || entry.event !== 'decision') continue;
    players.add(entry.agent.slice('player:'.length));
    const { id, choice } = entry.data ?? {};
    if (typeof id === 'number' && typeof choice === 'string') choices.set(id, choice);
  }
  const sim = new Simulation(source.scenario, { seed: source.seed, horizonHours: source.horizonHours, players: [...players], keepHistory: true });
  for (let pending = sim.advance(); pending.length > 0; pending = sim.advance()) {
    for (const request of pending) {
      const choice = choices.get(request.id);
      if (choice === undefined || !request.options.includes(choice)) return null;
      sim.decide(request.id, choice);
    }
  }
  const metrics = sim.finish();
  if (JSON.stringify(roundNumbers(metrics)) !== JSON.stringify(roundNumbers(source.metrics))) return null;
  return needSeriesOf(sim);
}
