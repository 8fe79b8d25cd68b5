import { actionText } from '../drill/debrief.js';
import { EFFECT_SYNTAX } from '../drill/live-inject.js';
import { lastUndoableIndex } from '../drill/log.js';
import { readClock, type ClockReading } from '../drill/scenario-clock.js';
import type { DrillView, InjectCard } from '../drill/session-view.js';
import { currentPhase, words } from '../drill/view.js';
import type { PaceState } from './pacer.js';
import type { WebExercise } from './exercise.js';
import { notesOf, type LoggedNote } from './notes.js';
import { OBSERVATION_STATUSES, TASK_RATINGS, type TaskRating } from '../drill/evaluation.js';
import { commonOf, deliveredInjects, sessionView, type CommonView } from './views.js';

/**
 * The staff's pages: the controller's (the MSEL with statuses, injects due, the clock,
 * who owes an answer, the live inject form, notes, undo, end) and the evaluator's (the
 * critical tasks, the expected-action checklist per delivered inject, the teams'
 * decisions, observations). These see what players must not: the engine's choice and
 * reasoning (controller), the MSEL's expectations (both).
 */

/** `not fired`: a contingency inject whose condition was false at its time (it never fires). */
export type InjectStatus = 'pending' | 'due now' | 're-timed' | 'delivered' | 'delivered early' | 'skipped' | 'not fired' | 'written live';

export interface MselRow {
  id: string;
  scheduled: string;
  title: string;
  to: string;
  expectedAction: string;
  status: InjectStatus;
  /** When it was delivered, or is now due (re-timed), as a clock text; empty otherwise. */
  at: string;
  /** Why it was skipped, or not fired. */
  reason: string;
}

export interface ControllerView extends CommonView {
  role: 'controller';
  pace: PaceState;
  due: InjectCard[];
  decisions: DrillView['decisions'];
  teams: { nation: string; name: string; state: string; owes: number[] }[];
  msel: MselRow[];
  notes: (LoggedNote & { clock: ClockReading })[];
  log: { clock: ClockReading; text: string }[];
  canUndo: boolean;
  fingerprint: string;
  form: {
    effects: { type: string; args: string[]; example: string }[];
    nations: string[];
    hosts: string[];
    organizations: string[];
    capabilities: string[];
  };
  handOuts: { report: string; debrief: string } | null;
}

/** Log lines the controller page lists, newest first. */
export const CONTROLLER_LOG_LINES = 15;

export function controllerView(exercise: WebExercise): ControllerView {
  const { session } = exercise;
  const { sim } = session;
  const view = sessionView(exercise, 'controller');
  const pending = session.pending();
  const inForce = session.actionsInForce();
  const clockOf = (hours: number) => readClock(hours, session.scenario.clock);
  return {
    role: 'controller',
    ...commonOf(exercise, view),
    pace: exercise.pace,
    due: view.due,
    decisions: view.decisions,
    teams: session.header.players.map((nation) => {
      const phase = currentPhase(sim, nation);
      return {
        nation,
        name: sim.nation(nation).name,
        state: phase ? words(phase.state) : '-',
        owes: pending.filter((request) => request.nation === nation).map((request) => request.id),
      };
    }),
    msel: mselRows(exercise),
    notes: notesOf(inForce).map((note) => ({ ...note, clock: clockOf(note.atHours) })),
    log: inForce
      .slice(-CONTROLLER_LOG_LINES)
      .reverse()
      .map((action) => ({ clock: clockOf(action.atHours), text: actionText(action) })),
    canUndo: lastUndoableIndex(inForce) >= 0,
    fingerprint: view.controller?.fingerprint ?? '',
    form: {
      effects: Object.entries(EFFECT_SYNTAX).map(([type, syntax]) => ({ type, args: [...syntax.args], example: syntax.example })),
      nations: sim.scenario.nations.map((nation) => nation.id),
      hosts: [...sim.scenario.crisis.hosts],
      organizations: sim.scenario.organizations.map((organization) => organization.id),
      capabilities: [...sim.capabilities],
    },
    handOuts: exercise.ended ? { report: 'report', debrief: 'debrief' } : null,
  };
}

/** The MSEL as a timeline: every scenario inject with its status, then the injects written live. */
function mselRows(exercise: WebExercise): MselRow[] {
  const { session } = exercise;
  const text = (hours: number) => readClock(hours, session.scenario.clock).text;
  const happened = new Map(session.injectsSoFar().map((occurrence) => [occurrence.id, occurrence.atHours]));
  const held = new Map(session.held().map((entry) => [entry.inject.id, entry.dueHours]));
  const skipped = new Map(session.actionsInForce().flatMap((action) => (action.type === 'skip' ? [[action.inject, action.reason] as const] : [])));
  const lapsed = new Map(session.lapsed().map((lapse) => [lapse.id, lapse.atHours]));
  const rows: MselRow[] = [...session.scenario.injects]
    .sort((a, b) => a.atHours - b.atHours)
    .map((inject) => {
      const deliveredAt = happened.get(inject.id);
      const dueHours = held.get(inject.id);
      let status: InjectStatus = 'pending';
      let at = '';
      if (deliveredAt !== undefined) {
        status = deliveredAt < inject.atHours ? 'delivered early' : 'delivered';
        at = text(deliveredAt);
      } else if (skipped.has(inject.id)) status = 'skipped';
      else if (lapsed.has(inject.id)) {
        status = 'not fired';
        at = text(lapsed.get(inject.id)!);
      }
      else if (dueHours !== undefined && dueHours <= session.now) status = 'due now';
      else if (dueHours !== undefined && dueHours !== inject.atHours) {
        status = 're-timed';
        at = text(dueHours);
      }
      return { id: inject.id, scheduled: text(inject.atHours), title: inject.title, to: inject.to, expectedAction: inject.expectedAction, status, at, reason: skipped.get(inject.id) ?? (lapsed.has(inject.id) ? 'condition false' : '') };
    });
  for (const inject of session.liveInjects()) {
    rows.push({ id: inject.id, scheduled: '', title: inject.title, to: inject.to, expectedAction: inject.expectedAction, status: 'written live', at: text(inject.atHours), reason: '' });
  }
  return rows;
}

export interface EvaluatorView extends CommonView {
  role: 'evaluator';
  /** The Exercise Evaluation Guide: objectives -> core capabilities -> critical tasks, with the injects that test each task. */
  objectives: { id: string; objective: string; capabilities: { capability: string; tasks: { id: string; task: string; injects: string[]; rating: RatedTask | null }[] }[] }[];
  ratings: { P: string; S: string; M: string; U: string };
  statuses: Record<string, string>;
  checklist: (InjectCard & { observations: { observed: string; text: string }[] })[];
  decisions: DrillView['decisions'];
  taken: { clock: ClockReading; nation: string; kind: string; choice: string }[];
  observations: { clock: ClockReading; text: string }[];
}

/** A critical task's latest rating (ratings can be revised: the last one counts). */
export interface RatedTask {
  rating: TaskRating;
  meaning: string;
  text: string;
  clock: ClockReading;
}

/** The evaluator's guide: critical tasks and their ratings, each delivered inject's expected action and what was observed, the teams' decisions and own-words actions. */
export function evaluatorView(exercise: WebExercise): EvaluatorView {
  const { session } = exercise;
  const view = sessionView(exercise, 'evaluator');
  const inForce = session.actionsInForce();
  const clockOf = (hours: number) => readClock(hours, session.scenario.clock);
  const latest = new Map<string, RatedTask>();
  for (const action of inForce) {
    if (action.type === 'rate') latest.set(action.task, { rating: action.rating, meaning: TASK_RATINGS[action.rating], text: action.observation, clock: clockOf(action.atHours) });
  }
  const observed = inForce.flatMap((action) => (action.type === 'observe' ? [action] : []));
  const injects = [...session.scenario.injects, ...session.liveInjects()];
  return {
    role: 'evaluator',
    ...commonOf(exercise, view),
    objectives: (session.scenario.evaluation?.objectives ?? []).map((objective) => ({
      id: objective.id,
      objective: objective.objective,
      capabilities: objective.capabilities.map((capability) => ({
        capability: capability.capability,
        tasks: capability.tasks.map((task) => ({
          id: task.id,
          task: task.task,
          injects: injects.filter((inject) => inject.tasks?.includes(task.id)).map((inject) => inject.id),
          rating: latest.get(task.id) ?? null,
        })),
      })),
    })),
    ratings: { ...TASK_RATINGS },
    statuses: { ...OBSERVATION_STATUSES },
    checklist: deliveredInjects(exercise, true).map(({ card }) => ({
      ...card,
      observations: observed.filter((action) => action.inject === card.id).map((action) => ({ observed: OBSERVATION_STATUSES[action.status], text: action.what })),
    })),
    decisions: view.decisions,
    taken: inForce.flatMap((action) => {
      if (action.type === 'decide') return [{ clock: clockOf(action.atHours), nation: action.nation, kind: words(action.kind), choice: action.choice }];
      if (action.type === 'act') return [{ clock: clockOf(action.atHours), nation: action.nation, kind: 'own words', choice: `${action.text}${action.lever ? ` (took effect: ${action.lever})` : ''}` }];
      return [];
    }),
    observations: notesOf(inForce)
      .filter((note) => note.kind === 'observation')
      .map((note) => ({ clock: clockOf(note.atHours), text: note.text })),
  };
}
