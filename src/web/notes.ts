import type { DrillAction } from '../drill/log.js';

/**
 * Team messages and evaluator observations travel in the decision log as `note` lines
 * with a fixed prefix, so the terminal drill, resume and the debrief keep them without a
 * new log format, and the web views can tell them apart from the controller's notes.
 */

export type NoteKind = 'note' | 'message' | 'observation';

export interface LoggedNote {
  kind: NoteKind;
  atHours: number;
  text: string;
  /** The team that sent a message. */
  nation?: string;
  /** The inject an observation is about. */
  inject?: string;
}

export function messageNote(nation: string, text: string): string {
  return `message from ${nation}: ${text}`;
}

export function observationNote(inject: string | undefined, text: string): string {
  return inject ? `observation on ${inject}: ${text}` : `observation: ${text}`;
}

const MESSAGE = /^message from ([A-Za-z0-9_-]+): ([\s\S]*)$/;
const OBSERVATION = /^observation(?: on ([A-Za-z0-9_.-]+))?: ([\s\S]*)$/;

/** Every note in force, told apart by kind, in log order. */
export function notesOf(actions: readonly DrillAction[]): LoggedNote[] {
  return actions.flatMap((action): LoggedNote[] => {
    if (action.type !== 'note') return [];
    const message = MESSAGE.exec(action.text);
    if (message) return [{ kind: 'message', atHours: action.atHours, nation: message[1]!, text: message[2]! }];
    const observation = OBSERVATION.exec(action.text);
    if (observation) return [{ kind: 'observation', atHours: action.atHours, text: observation[2]!, ...(observation[1] ? { inject: observation[1] } : {}) }];
    return [{ kind: 'note', atHours: action.atHours, text: action.text }];
  });
}
