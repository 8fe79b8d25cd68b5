import type { RunResult } from '../engine/run.js';
import type { StallCause } from '../metrics/definitions.js';
import type { TraceEntry } from '../metrics/trace.js';
import { injectSchema, type Inject, type Nation, type Scenario } from '../scenario/schema.js';
import { CAUSES, lookOf, type PhaseLook } from './style.js';

/**
 * What the report shows, derived once from a run: nations' phase lanes, the injects as
 * they fired, stalls by cause, and the time span worth drawing. Pure functions of the
 * run result, the trace and the scenario.
 */

export interface Phase {
  state: string;
  startHours: number;
  endHours: number;
  look: PhaseLook;
}

export interface Lane {
  nation: string;
  name: string;
  phases: Phase[];
}

/** An inject as it fired in this run, with what the MSEL expected of players. */
export interface FiredInject {
  /** 1-based marker number on the charts. */
  number: number;
  atHours: number;
  id: string;
  title: string;
  /** The scenario's MSEL row, when the inject is one of the scenario's (not invented during a drill). */
  msel: Inject | undefined;
}

export interface StallRow {
  nation: string;
  name: string;
  hours: Record<StallCause, number>;
  totalHours: number;
}

export interface RunView {
  scenario: Scenario;
  result: RunResult;
  lanes: Lane[];
  injects: FiredInject[];
  stalls: StallRow[];
  /** Where the time axes end: the horizon, or a little after the last change of phase if that is much earlier. */
  axisEndHours: number;
}

/** Derives everything the charts and tables draw from. */
export function analyzeRun(scenario: Scenario, result: RunResult, trace: readonly TraceEntry[]): RunView {
  const lanes = lanesOf(scenario, result);
  const injects = firedInjects(scenario, trace);
  return { scenario, result, lanes, injects, stalls: stallRows(scenario, result), axisEndHours: axisEnd(result, lanes, injects) };
}

/** A lane per nation that went through the contributor process, in scenario order. */
function lanesOf(scenario: Scenario, result: RunResult): Lane[] {
  const lanes: Lane[] = [];
  for (const nation of scenario.nations) {
    const phases = result.timeline
      .filter((interval) => interval.nation === nation.id)
      .map((interval) => ({
        state: interval.state,
        startHours: interval.startHours,
        endHours: interval.endHours ?? result.horizonHours,
        look: lookOf(interval.state),
      }))
      .filter((phase) => phase.endHours > phase.startHours);
    if (phases.length > 0) lanes.push({ nation: nation.id, name: nation.name, phases });
  }
  return lanes;
}

function firedInjects(scenario: Scenario, trace: readonly TraceEntry[]): FiredInject[] {
  const fired: FiredInject[] = [];
  for (const entry of trace) {
    if (entry.agent !== 'inject' || entry.event !== 'inject') continue;
    const id = String(entry.data?.['id'] ?? '');
    const msel = scenario.injects.find((inject) => inject.id === id) ?? injectFromTrace(entry, id);
    fired.push({ number: fired.length + 1, atHours: entry.t, id, title: String(entry.data?.['title'] ?? msel?.title ?? id), msel });
  }
  return fired;
}

/** An inject that is not in the scenario (written on the spot in a drill), from its trace entry's MSEL fields. */
function injectFromTrace(entry: TraceEntry, id: string): Inject | undefined {
  const data = entry.data ?? {};
  if (typeof data['expectedAction'] !== 'string' && typeof data['to'] !== 'string') return undefined;
  const parsed = injectSchema.safeParse({
    id,
    atHours: entry.t,
    title: String(data['title'] ?? id),
    to: typeof data['to'] === 'string' ? data['to'] : '',
    expectedAction: typeof data['expectedAction'] === 'string' ? data['expectedAction'] : '',
  });
  return parsed.success ? parsed.data : undefined;
}

function stallRows(scenario: Scenario, result: RunResult): StallRow[] {
  const rows: StallRow[] = [];
  for (const nation of scenario.nations) {
    const metrics = result.metrics.nations[nation.id];
    if (!metrics) continue;
    const totalHours = CAUSES.reduce((sum, cause) => sum + metrics.stallHours[cause], 0);
    if (totalHours > 0) rows.push({ nation: nation.id, name: nation.name, hours: { ...metrics.stallHours }, totalHours });
  }
  return rows;
}

/**
 * The horizon is often weeks while the response plays out in days: axes end one tenth
 * after the last phase change or inject (at least a day in), never past the horizon.
 */
function axisEnd(result: RunResult, lanes: readonly Lane[], injects: readonly FiredInject[]): number {
  let last = 0;
  for (const lane of lanes) for (const phase of lane.phases) last = Math.max(last, phase.startHours);
  for (const inject of injects) last = Math.max(last, inject.atHours);
  return Math.min(result.horizonHours, Math.max(24, Math.ceil((last * 1.1) / 24) * 24));
}

/** The nation with this id (the scenario is validated, so it exists). */
export function nationOf(scenario: Scenario, id: string): Nation {
  return scenario.nations.find((nation) => nation.id === id)!;
}
