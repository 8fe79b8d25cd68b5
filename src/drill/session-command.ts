import type { Inject } from '../scenario/schema.js';
import { roomText } from './debrief.js';
import { DrillError } from './errors.js';
import { OBSERVATION_STATUSES, TASK_RATINGS, type ObservationStatus, type TaskRating } from './evaluation.js';
import { teamActionSchema } from '../engine/teams/team-actions.js';
import { OWN_WORDS_LEVERS, teamActionText, type OwnWordsLever } from './own-words.js';
import { hoursFigure, readClock } from './scenario-clock.js';
import type { DrillSession } from './session.js';

/**
 * What any console (terminal or web) asks of a drill session, as data. Each command is
 * checked first (a bad one changes nothing and throws a {@link DrillError} with one clear
 * line), then applied and logged. Read what changed with `drillView`.
 */
export type SessionCommand =
  | { type: 'decide'; decision: number; choice: string }
  | TimeCommand
  /** Without `inject`: the first inject due now. */
  | { type: 'deliver'; inject?: string }
  | { type: 'skip'; inject?: string; reason?: string }
  | { type: 'retime'; inject?: string; toHours: number }
  | { type: 'inject'; inject: Inject }
  | { type: 'note'; text: string; kind?: 'note' | 'hotwash' }
  | { type: 'rate'; task: string; rating: TaskRating; observation?: string }
  | { type: 'observe'; inject: string; status: ObservationStatus; what?: string }
  /** A team's action in its own words (it takes effect where it matches an engine lever). */
  | { type: 'act'; nation: string; text: string }
  | { type: 'undo' };

/** Commands that move the clock; a long jump needs `confirmed`. */
export type TimeCommand =
  | { type: 'continue'; confirmed?: boolean }
  | { type: 'advance'; byHours: number; confirmed?: boolean }
  | { type: 'advance-to'; atHours: number; confirmed?: boolean }
  | { type: 'next'; confirmed?: boolean };

/** A command done (with a sentence for the log pane), or a time jump waiting for a yes. */
export type SessionReply = { type: 'done'; message: string } | { type: 'confirm'; question: string; command: TimeCommand };

export interface CommandSettings {
  /** A jump longer than this asks for confirmation (a stray Enter must not run the clock for days). */
  confirmOverHours: number;
}

export const DEFAULT_COMMAND_SETTINGS: CommandSettings = { confirmOverHours: 24 };

/** Carries out one command on the session. */
export function runSessionCommand(session: DrillSession, command: SessionCommand, settings: CommandSettings = DEFAULT_COMMAND_SETTINGS): SessionReply {
  const clock = (hours: number) => readClock(hours, session.scenario.clock).text;
  switch (command.type) {
    case 'decide': {
      const request = session.decide(command.decision, command.choice);
      return done(`Recorded: ${session.sim.nation(request.nation).name} (${request.nation}) ${request.kind} = ${command.choice} at ${clock(session.now)}.`);
    }
    case 'continue':
    case 'advance':
    case 'advance-to':
    case 'next':
      return moveClock(session, command, settings);
    case 'deliver': {
      const inject = session.deliver(injectOrDue(session, command.inject, 'deliver'));
      return done(`Delivered ${inject.id} at ${clock(session.now)}: ${inject.title}`);
    }
    case 'skip': {
      const inject = session.skip(injectOrDue(session, command.inject, 'skip'), command.reason ?? '');
      return done(`Skipped ${inject.id} (${inject.title}); it will not happen in this drill.`);
    }
    case 'retime': {
      const inject = session.retime(injectOrDue(session, command.inject, 'retime'), command.toHours);
      return done(`Re-timed ${inject.id} (${inject.title}) to ${clock(command.toHours)}.`);
    }
    case 'inject':
      session.injectNow(command.inject);
      return done(`Inject ${command.inject.id} (${command.inject.effect.type}) delivered at ${clock(session.now)}: ${command.inject.title}`);
    case 'note':
      session.note(command.text, command.kind);
      return done(`${command.kind === 'hotwash' ? 'Hot-wash note' : 'Noted'} at ${clock(session.now)}.`);
    case 'rate': {
      const task = session.rate(command.task, command.rating, command.observation ?? '');
      return done(`Rated ${task.id} (${task.task}) ${command.rating}: ${TASK_RATINGS[command.rating]}.`);
    }
    case 'observe': {
      const inject = session.observe(command.inject, command.status, command.what ?? '');
      return done(`Expected action of ${inject.id} marked ${OBSERVATION_STATUSES[command.status]}.`);
    }
    case 'act': {
      const { action, why } = session.act(command.nation, command.text);
      const what = action.engineAction ? teamActionText(teamActionSchema.parse(action.engineAction), action.atHours, clock) : OWN_WORDS_LEVERS[action.lever as OwnWordsLever]?.means;
      const effect = action.lever ? `it takes effect in the engine (${action.lever}: ${what})` : `no engine lever taken (${why ?? 'the words match none'}): logged as what the team did`;
      return done(`Action of ${command.nation} recorded at ${clock(session.now)}; ${effect}.`);
    }
    case 'undo': {
      const undone = session.undo();
      return done(`Undone: ${roomText(undone)}. The run is rebuilt from the seed and stands at ${clock(session.now)}.`);
    }
    default: {
      const exhaustive: never = command;
      throw new Error(`unknown session command ${JSON.stringify(exhaustive)}`);
    }
  }
}

function done(message: string): SessionReply {
  return { type: 'done', message };
}

/** The inject a command names, or the one due now. */
function injectOrDue(session: DrillSession, inject: string | undefined, verb: string): string {
  if (inject !== undefined) return inject;
  const [due] = session.due();
  if (!due) throw new DrillError(`no inject is due now; name one: ${verb} <inject-id> (injects lists them)`);
  return due.inject.id;
}

/** Where a time command aims before stops: a duration, a time, the next inject, or the horizon. */
function targetOf(session: DrillSession, command: TimeCommand): number {
  switch (command.type) {
    case 'continue':
      return session.sim.horizonHours;
    case 'advance':
      return session.now + command.byHours;
    case 'advance-to':
      return command.atHours;
    case 'next':
      return session.nextInject()?.dueHours ?? session.sim.horizonHours;
    default: {
      const exhaustive: never = command;
      throw new Error(`unknown time command ${JSON.stringify(exhaustive)}`);
    }
  }
}

function moveClock(session: DrillSession, command: TimeCommand, settings: CommandSettings): SessionReply {
  const from = session.now;
  const target = targetOf(session, command);
  const quiet = session.pending().length === 0 && session.due().length === 0 && target > from;
  if (quiet && command.confirmed !== true && session.stopBefore(target) - from > settings.confirmOverHours) {
    const stop = session.probeAdvance(target);
    if (stop.atHours - from > settings.confirmOverHours) {
      return {
        type: 'confirm',
        question: `This runs the clock ${hoursFigure(stop.atHours - from)} h, to ${readClock(stop.atHours, session.scenario.clock).text}, where ${stop.why}; nothing happens for the teams before. Run it? (yes/no)`,
        command: { ...command, confirmed: true },
      };
    }
  }
  session.advanceTo(target);
  return done(`The clock ran from ${readClock(from, session.scenario.clock).text} to ${readClock(session.now, session.scenario.clock).text}.`);
}
