import { actionText } from '../drill/debrief.js';
import { EFFECT_SYNTAX } from '../drill/live-inject.js';
import { lastUndoableIndex } from '../drill/log.js';
import { clock, currentPhase, words } from '../drill/view.js';
import type { PaceState } from './pacer.js';
import type { WebExercise } from './exercise.js';
import { notesOf, type LoggedNote } from './notes.js';
import { decisionCard, deliveredInjects, situationOf, type DecisionCard, type SituationView } from './views.js';

/**
 * The staff's pages: the controller's (the MSEL with statuses, the clock, who owes an
 * answer, the live inject form, notes, undo, end) and the evaluator's (the expected-action
 * checklist per delivered inject, the teams' decisions, observations). These see what
 * players must not: the engine's choice and the MSEL's expectations.
 */

export type InjectStatus = 'pending' | 'delivered' | 'delivered early' | 'written live';

export interface MselRow {
  id: string;
  scheduled: string;
  title: string;
  to: string;
  expectedAction: string;
  status: InjectStatus;
  deliveredAt: string;
}

export interface ControllerView {
  role: 'controller';
  version: number;
  situation: SituationView;
  pace: PaceState;
  teams: { nation: string; name: string; state: string; owes: number[] }[];
  decisions: (DecisionCard & { recommended: string })[];
  msel: MselRow[];
  notes: (LoggedNote & { time: string })[];
  log: { time: string; text: string }[];
  canUndo: boolean;
  nextInject: string;
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
  const pending = session.pending();
  const inForce = session.actionsInForce();
  const next = session.held()[0]?.inject;
  return {
    role: 'controller',
    version: exercise.version,
    situation: situationOf(exercise),
    pace: exercise.pace,
    teams: session.header.players.map((nation) => {
      const phase = currentPhase(sim, nation);
      return {
        nation,
        name: sim.nation(nation).name,
        state: phase ? words(phase.state) : '-',
        owes: pending.filter((request) => request.nation === nation).map((request) => request.id),
      };
    }),
    decisions: pending.map((request) => ({ ...decisionCard(request), recommended: request.recommended })),
    msel: mselRows(exercise),
    notes: notesOf(inForce).map((note) => ({ ...note, time: clock(note.atHours) })),
    log: inForce
      .slice(-CONTROLLER_LOG_LINES)
      .reverse()
      .map((action) => ({ time: clock(action.atHours), text: actionText(action) })),
    canUndo: lastUndoableIndex(inForce) >= 0,
    nextInject: next ? `${next.id} at ${clock(next.atHours)}: ${next.title}` : '',
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
  const happened = new Map(session.injectsSoFar().map((occurrence) => [occurrence.id, occurrence.atHours]));
  const rows: MselRow[] = [...session.scenario.injects]
    .sort((a, b) => a.atHours - b.atHours)
    .map((inject) => {
      const deliveredAtHours = happened.get(inject.id);
      const status: InjectStatus = deliveredAtHours === undefined ? 'pending' : deliveredAtHours < inject.atHours ? 'delivered early' : 'delivered';
      return {
        id: inject.id,
        scheduled: clock(inject.atHours),
        title: inject.title,
        to: inject.to,
        expectedAction: inject.expectedAction,
        status,
        deliveredAt: deliveredAtHours === undefined ? '' : clock(deliveredAtHours),
      };
    });
  for (const inject of session.liveInjects()) {
    rows.push({ id: inject.id, scheduled: '', title: inject.title, to: inject.to, expectedAction: inject.expectedAction, status: 'written live', deliveredAt: clock(inject.atHours) });
  }
  return rows;
}

export interface EvaluatorView {
  role: 'evaluator';
  version: number;
  situation: SituationView;
  checklist: { id: string; time: string; title: string; to: string; expectedAction: string; objective: string; notes: string; observations: string[] }[];
  decisions: { time: string; nation: string; kind: string; choice: string }[];
  observations: { time: string; inject: string; text: string }[];
}

/** The evaluator's guide: each delivered inject's expected action to check off, what the teams decided, observations so far. */
export function evaluatorView(exercise: WebExercise): EvaluatorView {
  const { session } = exercise;
  const observations = notesOf(session.actionsInForce()).filter((note) => note.kind === 'observation');
  return {
    role: 'evaluator',
    version: exercise.version,
    situation: situationOf(exercise),
    checklist: deliveredInjects(exercise).map(({ occurrence, inject }) => ({
      id: occurrence.id,
      time: occurrence.time,
      title: occurrence.title,
      to: inject?.to ?? '',
      expectedAction: inject?.expectedAction ?? '',
      objective: inject?.objective ?? '',
      notes: inject?.notes ?? '',
      observations: observations.filter((note) => note.inject === occurrence.id).map((note) => note.text),
    })),
    decisions: session.actionsInForce().flatMap((action) =>
      action.type === 'decide' ? [{ time: clock(action.atHours), nation: action.nation, kind: words(action.kind), choice: action.choice }] : [],
    ),
    observations: observations.map((note) => ({ time: clock(note.atHours), inject: note.inject ?? '', text: note.text })),
  };
}
