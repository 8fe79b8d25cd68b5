import { drillView, type DrillRole, type DrillView, type InjectCard } from '../drill/session-view.js';
import { readClock, type ClockReading } from '../drill/scenario-clock.js';
import { currentPhase, addressedTo, unitsText, words } from '../drill/view.js';
import { STALL_CAUSE_BY_STATE } from '../metrics/definitions.js';
import type { Inject } from '../scenario/schema.js';
import type { WebExercise } from './exercise.js';
import { notesOf } from './notes.js';

/**
 * What each role's page shows, as plain JSON: the drill session's own role-filtered view
 * (`drillView`: the same filter as the terminal's player, evaluator and controller
 * screens) plus what a browser page adds for its role. The browser only lays it out, with
 * text nodes, so nothing is ever parsed as markup. A team's view is built from its own
 * nation only: its decisions, the injects addressed to it, its messages.
 */

/** What every page shows in its header and situation panel. */
export interface CommonView {
  version: number;
  scenarioName: string;
  clock: ClockReading;
  horizonHours: number;
  atHorizon: boolean;
  situation: DrillView['situation'];
  module: DrillView['module'] | null;
  moduleEnded: DrillView['moduleEnded'] | null;
  ended: boolean;
}

export function commonOf(exercise: WebExercise, view: DrillView): CommonView {
  return {
    version: exercise.version,
    scenarioName: view.scenario.name,
    clock: view.clock,
    horizonHours: view.horizonHours,
    atHorizon: view.atHorizon,
    situation: view.situation,
    module: view.module ?? null,
    moduleEnded: view.moduleEnded ?? null,
    ended: exercise.ended !== undefined,
  };
}

/** The session's view for a role, as the drill module filters it. */
export function sessionView(exercise: WebExercise, role: DrillRole, nations?: readonly string[]): DrillView {
  return drillView(exercise.session, role, nations ? { nations } : {});
}

/** An inject as it happened, with its MSEL row (a scenario inject or one written live). */
export interface Delivered {
  atHours: number;
  inject: Inject;
  card: InjectCard;
}

/**
 * Every MSEL or live inject that has happened, newest last; `forStaff` adds expected
 * actions, tasks and notes to the cards. A team's own-words action that took effect runs
 * through the engine as an inject too, but it is the team's action, not an inject of the
 * MSEL: it is listed with that team's actions and left out here, so it never reaches
 * another team's page.
 */
export function deliveredInjects(exercise: WebExercise, forStaff: boolean): Delivered[] {
  const { session } = exercise;
  const known = new Map([...session.scenario.injects, ...session.liveInjects()].map((inject) => [inject.id, inject]));
  const clockOf = (hours: number) => readClock(hours, session.scenario.clock);
  return session.injectsSoFar().flatMap((occurrence) => {
    const inject = known.get(occurrence.id);
    if (!inject) return [];
    const card: InjectCard = {
      id: occurrence.id,
      title: occurrence.title,
      clock: clockOf(occurrence.atHours),
      scheduled: clockOf(inject.atHours),
      from: inject.from,
      to: inject.to,
      mode: inject.mode,
      message: inject.description,
      ...(forStaff ? { controller: { expectedAction: inject.expectedAction, tasks: inject.tasks ?? [], notes: inject.notes } } : {}),
    };
    return [{ atHours: occurrence.atHours, inject, card }];
  });
}

export interface TeamView extends CommonView {
  role: 'team';
  nation: { id: string; name: string; role: string; state: string; stallCause: string; unitsInTheatre: string; budgetMusd: string; hostPolicy: string };
  assets: { capability: string; units: number; military: boolean }[];
  injects: InjectCard[];
  decisions: DrillView['decisions'];
  messages: { clock: ClockReading; text: string }[];
  /** What the team did in its own words, and whether it pulled an engine lever. */
  actions: { clock: ClockReading; text: string; lever: string }[];
}

/** A team's page: its nation, the common situation, injects addressed to it, its decisions and messages. */
export function teamView(exercise: WebExercise, nationId: string): TeamView {
  const { session } = exercise;
  const { sim } = session;
  const view = sessionView(exercise, 'player', [nationId]);
  const nation = sim.nation(nationId);
  const phase = currentPhase(sim, nationId);
  const isHost = sim.hosts.has(nationId);
  return {
    role: 'team',
    ...commonOf(exercise, view),
    nation: {
      id: nation.id,
      name: nation.name,
      role: isHost ? 'host nation' : 'contributing nation',
      state: phase ? `${words(phase.state)} since ${readClock(phase.startHours, session.scenario.clock).text}` : 'no resources to contribute',
      stallCause: phase ? (STALL_CAUSE_BY_STATE[phase.state] ?? '') : '',
      unitsInTheatre: unitsText(sim.world.state.deployed[nationId]),
      budgetMusd: (Math.round((sim.world.state.budgetsMusd[nationId] ?? 0) * 10) / 10).toFixed(1),
      hostPolicy: isHost ? (sim.world.state.hostPolicy[nationId] ?? 'undecided') : '',
    },
    assets: nation.resources.map((resource) => ({ capability: resource.capability, units: resource.units, military: resource.military })),
    injects: deliveredInjects(exercise, false)
      .filter(({ inject }) => addressedTo(inject.to, nation.id, nation.name))
      .map(({ card }) => card)
      .reverse(),
    decisions: view.decisions,
    messages: notesOf(session.actionsInForce())
      .filter((note) => note.kind === 'message' && note.nation === nationId)
      .map((note) => ({ clock: readClock(note.atHours, session.scenario.clock), text: note.text })),
    actions: session
      .actionsInForce()
      .flatMap((action) => (action.type === 'act' && action.nation === nationId ? [{ clock: readClock(action.atHours, session.scenario.clock), text: action.text, lever: action.lever ?? '' }] : [])),
  };
}

export interface ProjectorView extends CommonView {
  role: 'projector';
  latestInjects: InjectCard[];
  /** Charts are fetched as images at `chart/<name>.svg?v=<version>`; empty before the clock moves. */
  charts: { name: string; alt: string }[];
}

/** How many delivered injects the projector lists, newest first. */
export const PROJECTOR_INJECTS = 5;

/** The room's common picture: the session's projector view, the latest injects, the charts so far. */
export function projectorView(exercise: WebExercise): ProjectorView {
  return {
    role: 'projector',
    ...commonOf(exercise, sessionView(exercise, 'projector')),
    latestInjects: deliveredInjects(exercise, false).map(({ card }) => card).reverse().slice(0, PROJECTOR_INJECTS),
    charts:
      exercise.session.now > 0
        ? [
            { name: 'timeline', alt: 'Timeline: phases of each nation so far, stalls hatched by cause, injects marked' },
            { name: 'needs', alt: 'Needs met and unmet so far, one panel per capability' },
          ]
        : [],
  };
}
