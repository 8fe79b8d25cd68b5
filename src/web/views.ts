import type { DecisionRequest } from '../engine/decisions.js';
import { STALL_CAUSE_BY_STATE } from '../metrics/definitions.js';
import { needAt } from '../model/needs.js';
import type { Inject } from '../scenario/schema.js';
import { addressedTo, clock, currentPhase, one, unitsText, words } from '../drill/view.js';
import type { WebExercise } from './exercise.js';
import { notesOf } from './notes.js';

/**
 * What each role's page shows, as plain JSON built from the session: the browser only
 * lays it out (with text nodes, so nothing is ever parsed as markup). A view holds what
 * its role may know and nothing else: a team sees its own nation, the injects addressed
 * to it and its own decisions, without the engine's choice or the MSEL's expectations;
 * the projector sees the common picture only.
 */

export interface ClockView {
  nowHours: number;
  label: string;
  horizonHours: number;
  atHorizon: boolean;
}

export interface NeedRow {
  capability: string;
  needNow: string;
  unitsInTheatre: number;
}

/** The common picture: time, how much of the need is met, need and units per capability. */
export interface SituationView {
  scenarioName: string;
  clock: ClockView;
  coveragePercent: number;
  needs: NeedRow[];
  deployed: { nation: string; name: string; units: string }[];
  ended: boolean;
  reportReady: boolean;
}

/** An inject as players see it: what, when, from whom; no expected action, no controller notes. */
export interface DeliveredInject {
  id: string;
  atHours: number;
  time: string;
  title: string;
  description: string;
  from: string;
  to: string;
  mode: string;
}

export interface DecisionCard {
  id: number;
  nation: string;
  kind: string;
  subject: string;
  question: string;
  askedAt: string;
  options: { value: string; consequence: string }[];
}

export function situationOf(exercise: WebExercise): SituationView {
  const { sim } = exercise.session;
  const world = sim.world.state;
  const inTheatre: Record<string, number> = {};
  for (const units of Object.values(world.deployed)) for (const [capability, count] of Object.entries(units)) inTheatre[capability] = (inTheatre[capability] ?? 0) + count;
  return {
    scenarioName: sim.scenario.name,
    clock: clockOf(exercise),
    coveragePercent: Math.round(sim.coverage() * 100),
    needs: sim.capabilities.map((capability) => {
      const curve = world.needs[capability];
      return { capability, needNow: one(curve ? needAt(curve, sim.now) : 0), unitsInTheatre: inTheatre[capability] ?? 0 };
    }),
    deployed: Object.entries(world.deployed)
      .filter(([, units]) => Object.values(units).some((count) => count > 0))
      .map(([nation, units]) => ({ nation, name: sim.nation(nation).name, units: unitsText(units) })),
    ended: exercise.ended !== undefined,
    reportReady: exercise.ended !== undefined,
  };
}

export function clockOf(exercise: WebExercise): ClockView {
  const { session } = exercise;
  return { nowHours: session.now, label: clock(session.now), horizonHours: session.sim.horizonHours, atHorizon: session.atHorizon };
}

/** Every inject that has happened, with its MSEL row (scenario or written on the spot). */
export function deliveredInjects(exercise: WebExercise): { occurrence: DeliveredInject; inject: Inject | undefined }[] {
  const { session } = exercise;
  const known = [...session.scenario.injects, ...session.liveInjects()];
  return session.injectsSoFar().map((occurrence) => {
    const inject = known.find((candidate) => candidate.id === occurrence.id);
    return {
      inject,
      occurrence: {
        id: occurrence.id,
        atHours: occurrence.atHours,
        time: clock(occurrence.atHours),
        title: occurrence.title,
        description: inject?.description ?? '',
        from: inject?.from ?? '',
        to: inject?.to ?? '',
        mode: inject?.mode ?? '',
      },
    };
  });
}

/** A decision as a team sees it: the options and their known consequences, not the engine's pick. */
export function decisionCard(request: DecisionRequest): DecisionCard {
  return {
    id: request.id,
    nation: request.nation,
    kind: words(request.kind),
    subject: request.subject ?? '',
    // The engine's motive and threshold are its internals, not the team's information.
    question: request.question.replace(/\s*\(motive [^)]*\)\s*$/, ''),
    askedAt: clock(request.atHours),
    options: request.options.map((value) => ({ value, consequence: request.consequences[value] ?? '' })),
  };
}

export interface TeamView {
  role: 'team';
  version: number;
  situation: SituationView;
  nation: { id: string; name: string; role: string; state: string; stallCause: string; unitsInTheatre: string; budgetMusd: string; hostPolicy: string };
  assets: { capability: string; units: number; military: boolean }[];
  injects: DeliveredInject[];
  decisions: DecisionCard[];
  messages: { time: string; text: string }[];
}

/** A team's page: its nation, the common situation, injects addressed to it, its decisions and messages. */
export function teamView(exercise: WebExercise, nationId: string): TeamView {
  const { session } = exercise;
  const { sim } = session;
  const nation = sim.nation(nationId);
  const phase = currentPhase(sim, nationId);
  const isHost = sim.hosts.has(nationId);
  return {
    role: 'team',
    version: exercise.version,
    situation: situationOf(exercise),
    nation: {
      id: nation.id,
      name: nation.name,
      role: isHost ? 'host nation' : 'contributing nation',
      state: phase ? `${words(phase.state)} since T+${one(phase.startHours)} h` : 'no resources to contribute',
      stallCause: phase ? (STALL_CAUSE_BY_STATE[phase.state] ?? '') : '',
      unitsInTheatre: unitsText(sim.world.state.deployed[nationId]),
      budgetMusd: one(sim.world.state.budgetsMusd[nationId] ?? 0),
      hostPolicy: isHost ? (sim.world.state.hostPolicy[nationId] ?? 'undecided') : '',
    },
    assets: nation.resources.map((resource) => ({ capability: resource.capability, units: resource.units, military: resource.military })),
    injects: deliveredInjects(exercise)
      .filter(({ inject }) => addressedTo(inject?.to ?? '', nation.id, nation.name))
      .map(({ occurrence }) => occurrence)
      .reverse(),
    decisions: session.pending().filter((request) => request.nation === nationId).map(decisionCard),
    messages: notesOf(session.actionsInForce())
      .filter((note) => note.kind === 'message' && note.nation === nationId)
      .map((note) => ({ time: clock(note.atHours), text: note.text })),
  };
}

export interface ProjectorView {
  role: 'projector';
  version: number;
  situation: SituationView;
  latestInjects: DeliveredInject[];
  /** Charts are fetched as images at `chart/<name>.svg?v=<version>`; empty before the clock moves. */
  charts: { name: string; alt: string }[];
}

/** How many delivered injects the projector lists, newest first. */
export const PROJECTOR_INJECTS = 5;

/** The room's common picture: player-safe, nothing a controller alone should see. */
export function projectorView(exercise: WebExercise): ProjectorView {
  return {
    role: 'projector',
    version: exercise.version,
    situation: situationOf(exercise),
    latestInjects: deliveredInjects(exercise).map(({ occurrence }) => occurrence).reverse().slice(0, PROJECTOR_INJECTS),
    charts:
      exercise.session.now > 0
        ? [
            { name: 'timeline', alt: 'Timeline: phases of each nation so far, stalls hatched by cause, injects marked' },
            { name: 'needs', alt: 'Needs met and unmet so far, one panel per capability' },
          ]
        : [],
  };
}
