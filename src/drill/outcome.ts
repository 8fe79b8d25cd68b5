import { provenanceOf, type RunResult } from '../engine/run.js';
import type { RunMetrics } from '../metrics/definitions.js';
import type { PhaseInterval } from '../metrics/recorder.js';
import type { TraceEntry } from '../metrics/trace.js';
import { needSeriesOf, type NeedSeries } from '../report/need-series.js';
import type { Inject, Scenario } from '../scenario/schema.js';
import type { DrillAction, DrillLogHeader } from './log.js';
import { applyAction, liveInjectOf, replay, startRun, type DrillRun, type InjectOccurrence } from './replay.js';
import type { DrillSession } from './session.js';

/** A decision as taken in a run: by a team (drill) or by the engine (comparison run). */
export interface TakenDecision {
  atHours: number;
  nation: string;
  kind: string;
  choice: string;
  subject?: string;
}

/**
 * One closed run: its result (provenance, metrics, phases), whole trace and need series
 * (for the after-action report), the injects that happened and the decisions taken.
 */
export interface ClosedRun {
  result: RunResult;
  metrics: RunMetrics;
  timeline: PhaseInterval[];
  trace: TraceEntry[];
  needs: NeedSeries;
  injects: InjectOccurrence[];
  decisions: TakenDecision[];
}

/**
 * Everything the after-action report compares: the drill closed at the time the
 * facilitator ended it, the engine-only baseline (the same seed, every nation played by the engine) closed at the same time with
 * the facilitator's injects at the same times, and the drill's log.
 */
export interface DrillOutcome {
  header: DrillLogHeader;
  scenario: Scenario;
  logPath: string;
  closedAtHours: number;
  drill: ClosedRun;
  engine: ClosedRun;
  /** Actions in force, in order. */
  actions: readonly DrillAction[];
  /** Decisions taken and later undone. */
  undone: DrillAction[];
  /** The MSEL: scenario injects and those written on the spot. */
  injects: Inject[];
}

/** Decisions from a trace: `decision` events of the given agents (`player:` or `nation:`). */
function decisionCollector(prefix: string, into: TakenDecision[]) {
  return (entry: TraceEntry) => {
    if (entry.event !== 'decision' || !entry.agent.startsWith(prefix) || !entry.data) return;
    const subject = entry.data['subject'];
    into.push({
      atHours: entry.t,
      nation: entry.agent.slice(prefix.length),
      kind: String(entry.data['kind']),
      choice: String(entry.data['choice']),
      ...(typeof subject === 'string' ? { subject } : {}),
    });
  };
}

/** Closes a run at its horizon and gathers what the reports need; `decisions` is read once the run is over. */
function closeRun(session: DrillSession, run: DrillRun, trace: TraceEntry[], decisions: () => TakenDecision[]): ClosedRun {
  const { sim } = run;
  const metrics = sim.finish();
  const { header } = session;
  return {
    result: { ...provenanceOf(session.scenario, header.scenarioHash, header.seed, sim.horizonHours), censoredAtHours: sim.horizonHours, metrics, timeline: sim.recorder.intervals },
    metrics,
    timeline: sim.recorder.intervals,
    trace,
    needs: needSeriesOf(sim),
    injects: run.injects,
    decisions: decisions(),
  };
}

/** The drill as played, rebuilt by replay and closed at `closedAtHours`. */
function closeDrillRun(session: DrillSession, closedAtHours: number): ClosedRun {
  const trace: TraceEntry[] = [];
  const run = replay(session.scenario, session.runOptions(closedAtHours), session.actionsInForce(), false, (entry) => trace.push(entry));
  const decisions = session.actionsInForce().flatMap((action) =>
    action.type === 'decide'
      ? [{ atHours: action.atHours, nation: action.nation, kind: action.kind, choice: action.choice, ...(action.subject !== undefined ? { subject: action.subject } : {}) }]
      : [],
  );
  return closeRun(session, run, trace, () => decisions);
}

/**
 * What the engine would have done: the same scenario and seed with no team, the MSEL
 * injects delivered and those written on the spot applied at the times they were in the
 * drill (skipped ones never happen, as in the drill).
 */
function closeEngineRun(session: DrillSession, closedAtHours: number): ClosedRun {
  const trace: TraceEntry[] = [];
  const decisions: TakenDecision[] = [];
  const collect = decisionCollector('nation:', decisions);
  const run = startRun(session.scenario, { seed: session.header.seed, players: [], horizonHours: closedAtHours }, (entry) => {
    trace.push(entry);
    collect(entry);
  });
  for (const action of session.actionsInForce()) {
    if (action.type !== 'fire' && action.type !== 'inject') continue;
    run.sim.advance(action.atHours);
    applyAction(run, action);
  }
  const players = new Set(session.header.players);
  return closeRun(session, run, trace, () => decisions.filter((decision) => players.has(decision.nation)));
}

/** Closes a drill now: the drill run and the engine-only baseline, side by side. */
export function closeDrill(session: DrillSession): DrillOutcome {
  const closedAtHours = session.now;
  const inForce = new Set(session.actionsInForce());
  const undone = session.actions.filter((action) => action.type === 'decide' && !inForce.has(action));
  const live = session.actionsInForce().flatMap((action) => (action.type === 'inject' ? [liveInjectOf(action)] : []));
  return {
    header: session.header,
    scenario: session.scenario,
    logPath: session.logPath,
    closedAtHours,
    drill: closeDrillRun(session, closedAtHours),
    engine: closeEngineRun(session, closedAtHours),
    actions: session.actionsInForce(),
    undone,
    injects: [...session.scenario.injects, ...live],
  };
}
