import type { DrillAction } from '../drill/log.js';

/**
 * Team messages, evaluator observations and critical-task ratings travel in the decision
 * log as `note` lines with a fixed prefix, so the terminal drill, resume and the debrief
 * keep them without a new log format, and the web views can tell them apart from the
 * controller's notes. The prefixes are written and read only here.
 */

export type NoteKind = 'note' | 'message' | 'observation' | 'rating';

/** How far an inject's expected action was seen done. */
export const OBSERVED = ['observed', 'partly observed', 'not observed'] as const;
export type Observed = (typeof OBSERVED)[number];

/** The Exercise Evaluation Guide's ratings of a critical task (HSEEP). */
export const RATINGS = {
  P: 'performed without challenges',
  S: 'performed with some challenges',
  M: 'performed with major challenges',
  U: 'unable to be performed',
} as const;
export type Rating = keyof typeof RATINGS;

export interface LoggedNote {
  kind: NoteKind;
  atHours: number;
  text: string;
  /** The team that sent a message. */
  nation?: string;
  /** The inject an observation is about. */
  inject?: string;
  /** How far the inject's expected action was observed. */
  observed?: Observed;
  /** The critical task a rating is about, and the rating. */
  task?: string;
  rating?: Rating;
}

export function messageNote(nation: string, text: string): string {
  return `message from ${nation}: ${text}`;
}

export function observationNote(inject: string | undefined, observed: Observed | undefined, text: string): string {
  const about = inject ? ` on ${inject}${observed ? ` (${observed})` : ''}` : '';
  return `observation${about}: ${text}`;
}

export function ratingNote(task: string, rating: Rating, text: string): string {
  return `rating ${task} ${rating}: ${text}`;
}

const MESSAGE = /^message from ([A-Za-z0-9_-]+): ([\s\S]*)$/;
const OBSERVATION = /^observation(?: on ([A-Za-z0-9_.-]+)(?: \((observed|partly observed|not observed)\))?)?: ([\s\S]*)$/;
const RATING = /^rating ([a-z][a-z0-9-]*) ([PSMU]): ([\s\S]*)$/;

/** Every note in force, told apart by kind, in log order. */
export function notesOf(actions: readonly DrillAction[]): LoggedNote[] {
  return actions.flatMap((action): LoggedNote[] => {
    if (action.type !== 'note') return [];
    const { atHours } = action;
    const message = MESSAGE.exec(action.text);
    if (message) return [{ kind: 'message', atHours, nation: message[1]!, text: message[2]! }];
    const observation = OBSERVATION.exec(action.text);
    if (observation) {
      const [, inject, observed, text] = observation;
      return [{ kind: 'observation', atHours, text: text!, ...(inject ? { inject } : {}), ...(observed ? { observed: observed as Observed } : {}) }];
    }
    const rating = RATING.exec(action.text);
    if (rating) return [{ kind: 'rating', atHours, task: rating[1]!, rating: rating[2] as Rating, text: rating[3]! }];
    return [{ kind: 'note', atHours, text: action.text }];
  });
}
