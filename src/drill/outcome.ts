import type { RunMetrics } from '../metrics/definitions.js';
import type { PhaseInterval } from '../metrics/recorder.js';
import type { TraceEntry } from '../metrics/trace.js';
import type { Inject, Scenario } from '../scenario/schema.js';
import type { DrillAction, DrillLogHeader } from './log.js';
import { applyAction, liveInjectOf, replay, startRun, type InjectOccurrence } from './replay.js';
import type { DrillSession } from './session.js';

/** A decision as taken in a run: by a team (drill) or by the engine (comparison run). */
export interface TakenDecision {
  atHours: number;
  nation: string;
  kind: string;
  choice: string;
  subject?: string;
}

/** One closed run: its metrics, phases, the injects that happened and the decisions taken. */
export interface ClosedRun {
  metrics: RunMetrics;
  timeline: PhaseInterval[];
  injects: InjectOccurrence[];
  decisions: TakenDecision[];
}

/**
 * Everything the after-action report compares: the drill closed at the time the
 * facilitator ended it, the all-engine run of the same seed closed at the same time with
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

/** The drill as played, rebuilt by replay and closed at `closedAtHours`. */
function closeDrillRun(session: DrillSession, closedAtHours: number): ClosedRun {
  const decisions = session.actionsInForce().flatMap((action) => (action.type === 'decide' ? [action] : []));
  const run = replay(session.scenario, session.runOptions(closedAtHours), session.actionsInForce(), false);
  const metrics = run.sim.finish();
  return {
    metrics,
    timeline: run.sim.recorder.intervals,
    injects: run.injects,
    decisions: decisions.map(({ atHours, nation, kind, choice, subject }) => ({ atHours, nation, kind, choice, ...(subject !== undefined ? { subject } : {}) })),
  };
}

/**
 * What the engine would have done: the same scenario and seed with no team, the
 * facilitator's fired and written injects applied at the times they were in the drill.
 */
function closeEngineRun(session: DrillSession, closedAtHours: number): ClosedRun {
  const decisions: TakenDecision[] = [];
  const collect = decisionCollector('nation:', decisions);
  const run = startRun(session.scenario, { seed: session.header.seed, players: [], horizonHours: closedAtHours }, collect);
  for (const action of session.actionsInForce()) {
    if (action.type !== 'fire' && action.type !== 'inject') continue;
    run.sim.advance(action.atHours);
    if (action.type === 'inject' || run.sim.upcomingInjects().some((inject) => inject.id === action.inject)) applyAction(run, action);
  }
  const metrics = run.sim.finish();
  const players = new Set(session.header.players);
  return { metrics, timeline: run.sim.recorder.intervals, injects: run.injects, decisions: decisions.filter((decision) => players.has(decision.nation)) };
}

/** Closes a drill now: the drill run and the all-engine run, side by side. */
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
