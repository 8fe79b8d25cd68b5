import type { Simulation } from '../engine/simulation.js';
import { STALL_CAUSE_BY_STATE } from '../metrics/definitions.js';
import { needAt } from '../model/needs.js';
import type { ExerciseModule } from '../scenario/exercise.js';
import type { Inject } from '../scenario/schema.js';
import type { HeldInject } from './replay.js';
import { readClock, type ClockReading } from './scenario-clock.js';
import type { DrillSession } from './session.js';
import { currentPhase, expectedActionFor, type ExpectedAction } from './view.js';

/**
 * What a drill shows, as data, filtered by who is looking. Any console (the terminal, the
 * web console) renders these; none reads the run itself. The room's screen (projector)
 * and a team's screen (player) never carry the engine's choice, its reasoning, expected
 * actions, the MSEL still to come or state digests; evaluators see expected actions and
 * critical tasks; controllers see everything.
 */
export type DrillRole = 'projector' | 'player' | 'evaluator' | 'controller';
export const DRILL_ROLES: readonly DrillRole[] = ['projector', 'player', 'evaluator', 'controller'];

/** What each role may see beyond the situation, the inject cards and the questions asked. */
export const ROLE_SEES = {
  projector: { engineChoice: false, expectedActions: false, internals: false },
  player: { engineChoice: false, expectedActions: false, internals: false },
  evaluator: { engineChoice: false, expectedActions: true, internals: false },
  controller: { engineChoice: true, expectedActions: true, internals: true },
} as const satisfies Record<DrillRole, { engineChoice: boolean; expectedActions: boolean; internals: boolean }>;

export interface NeedRow {
  capability: string;
  needNow: number;
  unitsInTheatre: number;
}

export interface StalledNation {
  nation: string;
  state: string;
  sinceHours: number;
  cause: string;
}

export interface SituationView {
  coveragePercent: number;
  acutePhaseOver: boolean;
  needs: NeedRow[];
  deployed: { nation: string; units: Record<string, number> }[];
  stalled: StalledNation[];
  hosts: { host: string; policy: string }[];
}

/** An inject as a card read out to the room. `controller` fields are for controllers and evaluators. */
export interface InjectCard {
  id: string;
  title: string;
  /** When it is delivered (now, for a due inject). */
  clock: ClockReading;
  /** When the MSEL scheduled it. */
  scheduled: ClockReading;
  from: string;
  to: string;
  mode: string;
  message: string;
  controller?: { expectedAction: string; tasks: readonly string[]; notes: string };
}

export interface DecisionView {
  id: number;
  nation: string;
  nationName: string;
  kind: string;
  subject?: string;
  question: string;
  askedAt: ClockReading;
  options: { option: string; consequence: string }[];
  /** Controllers only. */
  engineChoice?: string;
  /** The engine's reasoning; controllers only. */
  detail?: string;
  /** Controllers and evaluators. */
  expectedAction?: ExpectedAction;
}

export interface ModuleView {
  id: string;
  title: string;
  endHours: number;
  questions: readonly string[];
}

export interface DrillView {
  role: DrillRole;
  scenario: { id: string; name: string };
  clock: ClockReading;
  horizonHours: number;
  situation: SituationView;
  /** MSEL injects due now: the clock stays until each is delivered, skipped or re-timed. */
  due: InjectCard[];
  /** The module in play (the first whose end is not passed). */
  module?: ModuleView;
  /** Set when the clock stands at a module's end: time for its discussion questions. */
  moduleEnded?: ModuleView;
  decisions: DecisionView[];
  atHorizon: boolean;
  /**
   * Controllers only: the MSEL still to come, the state digest, and the contingency
   * injects not fired because their condition was false at their time (`sinceLastStop`:
   * those that lapsed while the clock last ran, to call out on the screen).
   */
  controller?: { upcoming: InjectCard[]; fingerprint: string; notFired: NotFiredInject[] };
}

/** A contingency inject that came due with its condition false: it never fired and showed no card. */
export interface NotFiredInject {
  id: string;
  title: string;
  clock: ClockReading;
  /** Whether it lapsed while the clock last ran (since the last stop), not earlier. */
  sinceLastStop: boolean;
}

export interface ViewOptions {
  /** For the player role: show only these nations' decisions (default: every team's). */
  nations?: readonly string[];
}

/** The drill as `role` may see it now. */
export function drillView(session: DrillSession, role: DrillRole, options: ViewOptions = {}): DrillView {
  const sees = ROLE_SEES[role];
  const { sim, scenario } = session;
  const clockOf = (hours: number) => readClock(hours, scenario.clock);
  const modules = scenario.modules ?? [];
  const module = modules.find((candidate) => candidate.endHours > session.now) ?? undefined;
  const ended = modules.find((candidate) => candidate.endHours === session.now);
  const shown = role === 'player' && options.nations ? new Set(options.nations) : undefined;
  const liveAndMsel = [...scenario.injects, ...session.liveInjects()];
  const decisions = session
    .pending()
    .filter((request) => !shown || shown.has(request.nation))
    .map((request): DecisionView => {
      const nation = sim.nation(request.nation);
      const expected = sees.expectedActions ? expectedActionFor(nation.id, nation.name, session.now, session.injectsSoFar(), liveAndMsel) : undefined;
      return {
        id: request.id,
        nation: request.nation,
        nationName: nation.name,
        kind: request.kind,
        ...(request.subject !== undefined ? { subject: request.subject } : {}),
        question: request.question,
        askedAt: clockOf(request.atHours),
        options: request.options.map((option) => ({ option, consequence: request.consequences[option] ?? '' })),
        ...(sees.engineChoice ? { engineChoice: request.recommended } : {}),
        ...(sees.internals && request.detail !== undefined ? { detail: request.detail } : {}),
        ...(expected ? { expectedAction: expected } : {}),
      };
    });
  const card = (entry: HeldInject, at: number) => injectCard(entry.inject, clockOf(at), clockOf(entry.inject.atHours), sees.expectedActions);
  return {
    role,
    scenario: { id: scenario.id, name: scenario.name },
    clock: clockOf(session.now),
    horizonHours: sim.horizonHours,
    situation: situationOf(sim),
    due: session.due().map((entry) => card(entry, session.now)),
    ...(module ? { module: moduleView(module) } : {}),
    ...(ended ? { moduleEnded: moduleView(ended) } : {}),
    decisions,
    atHorizon: session.atHorizon,
    ...(sees.internals ? { controller: { upcoming: session.held().map((entry) => card(entry, entry.dueHours)), fingerprint: session.fingerprint(), notFired: notFiredOf(session) } } : {}),
  };
}

/** Contingency injects that lapsed so far, marking those since the last stop (the last clock move started after every earlier one). */
function notFiredOf(session: DrillSession): NotFiredInject[] {
  const since = session.actionsInForce().reduce((latest, action) => (action.type === 'advance' ? action.atHours : latest), -1);
  return session.lapsed().map((lapse) => ({ id: lapse.id, title: lapse.title, clock: readClock(lapse.atHours, session.scenario.clock), sinceLastStop: lapse.atHours > since }));
}

/** An inject as a card; `forControllers` adds its expected action, critical tasks and notes. */
export function injectCard(inject: Inject, clock: ClockReading, scheduled: ClockReading, forControllers: boolean): InjectCard {
  return {
    id: inject.id,
    title: inject.title,
    clock,
    scheduled,
    from: inject.from,
    to: inject.to,
    mode: inject.mode,
    message: inject.description,
    ...(forControllers ? { controller: { expectedAction: inject.expectedAction, tasks: inject.tasks ?? [], notes: inject.notes } } : {}),
  };
}

function moduleView(module: ExerciseModule): ModuleView {
  return { id: module.id, title: module.title, endHours: module.endHours, questions: module.questions };
}

/** The situation: needs met, need and units per capability, who is deployed, who is stalled and why, host policies. */
export function situationOf(sim: Simulation): SituationView {
  const world = sim.world.state;
  const inTheatre: Record<string, number> = {};
  for (const units of Object.values(world.deployed)) for (const [capability, count] of Object.entries(units)) inTheatre[capability] = (inTheatre[capability] ?? 0) + count;
  const needs = sim.capabilities.map((capability) => {
    const curve = world.needs[capability];
    return { capability, needNow: curve ? needAt(curve, sim.now) : 0, unitsInTheatre: inTheatre[capability] ?? 0 };
  });
  const deployed = Object.entries(world.deployed)
    .filter(([, units]) => Object.values(units).some((count) => count > 0))
    .map(([nation, units]) => ({ nation, units: { ...units } }));
  const stalled = [...sim.contributors.keys()].flatMap((nation) => {
    const phase = currentPhase(sim, nation);
    const cause = phase ? STALL_CAUSE_BY_STATE[phase.state] : undefined;
    return phase && cause ? [{ nation, state: phase.state, sinceHours: phase.startHours, cause }] : [];
  });
  const hosts = sim.scenario.crisis.hosts.map((host) => ({ host, policy: world.hostPolicy[host] ?? 'undecided' }));
  return { coveragePercent: Math.round(sim.coverage() * 100), acutePhaseOver: world.resolved, needs, deployed, stalled, hosts };
}
