import type { DrillAction } from '../drill/log.js';

/**
 * Team messages to the controller and an evaluator's general observations (about no
 * inject in particular) travel in the decision log as `note` lines with a fixed prefix,
 * so the terminal drill, resume and the debrief keep them as they are, and the web views
 * can tell them apart from the controller's notes. The prefixes are written and read only
 * here. Ratings, observations of an inject's expected action and a team's own-words
 * actions are the drill session's own log entries (`rate`, `observe`, `act`).
 */

export type NoteKind = 'note' | 'hotwash' | 'message' | 'observation';

export interface LoggedNote {
  kind: NoteKind;
  atHours: number;
  text: string;
  /** The team that sent a message. */
  nation?: string;
}

export function messageNote(nation: string, text: string): string {
  return `message from ${nation}: ${text}`;
}

export function observationNote(text: string): string {
  return `observation: ${text}`;
}

const MESSAGE = /^message from ([A-Za-z0-9_-]+): ([\s\S]*)$/;
const OBSERVATION = /^observation: ([\s\S]*)$/;

/** Every note in force, told apart by kind, in log order. */
export function notesOf(actions: readonly DrillAction[]): LoggedNote[] {
  return actions.flatMap((action): LoggedNote[] => {
    if (action.type !== 'note') return [];
    const { atHours } = action;
    const message = MESSAGE.exec(action.text);
    if (message) return [{ kind: 'message', atHours, nation: message[1]!, text: message[2]! }];
    const observation = OBSERVATION.exec(action.text);
    if (observation) return [{ kind: 'observation', atHours, text: observation[1]! }];
    return [{ kind: action.kind ?? 'note', atHours, text: action.text }];
  });
}
