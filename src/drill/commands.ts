import { parseDuration as readDuration } from '../scenario/duration.js';
import { DrillError } from './errors.js';
import { observationStatusOf, ratingOf, type ObservationStatus, type TaskRating } from './evaluation.js';

/**
 * What the facilitator can type at the drill prompt, parsed into data. Parsing knows
 * nothing of the run; the console checks each command against it.
 */
export type DrillCommand =
  | { type: 'answer'; decision?: number; choice: string }
  | { type: 'answer-number'; decision?: number; number: number }
  | { type: 'continue' }
  | { type: 'advance'; byHours: number }
  | { type: 'advance-to'; atHours: number }
  | { type: 'next' }
  | { type: 'deliver'; inject?: string }
  | { type: 'skip'; inject?: string; reason?: string }
  | { type: 'retime'; inject?: string; to: { byHours: number } | { atHours: number } }
  | { type: 'inject'; spec: string }
  | { type: 'view'; role?: string }
  | { type: 'rate'; task: string; rating: TaskRating; observation: string }
  | { type: 'observe'; inject: string; status: ObservationStatus; what: string }
  | { type: 'action'; nation: string; text: string }
  | { type: 'tasks' }
  | { type: 'brief' }
  | { type: 'status'; nation?: string }
  | { type: 'show' }
  | { type: 'injects' }
  | { type: 'undo' }
  | { type: 'note'; text: string; kind: 'note' | 'hotwash' }
  | { type: 'save'; file?: string }
  | { type: 'fingerprint' }
  | { type: 'help'; topic?: 'inject' }
  | { type: 'quit' }
  | { type: 'end' };

/** The commands as `help` lists them: usage and what each does. */
export const COMMAND_HELP: readonly (readonly [string, string])[] = [
  ['<option> | <number>', 'answer the decision shown (e.g. "open" or "1")'],
  ['decide <id> <option|number>', 'answer a given decision when several wait'],
  ['continue   (or an empty line)', 'run until a team must decide, an inject is due, a module ends, or the horizon'],
  ['advance <duration>', 'run for a while, e.g. advance 6h, advance 90m, advance 2d (stops early the same way)'],
  ['advance to <hours>', 'run until T+<hours>, e.g. advance to 48'],
  ['next', 'run to the next MSEL inject (stops early for a decision)'],
  ['deliver [inject-id]', 'deliver the inject due now (read its card out), or an inject still to come, early'],
  ['skip [inject-id] [| reason]', 'skip the inject due now (or a named one); it never happens in this drill'],
  ['retime [inject-id] <+duration | time>', 'move the inject due now (or a named one) later, e.g. retime +6h, retime 48, retime aftershock Day 3 06:00'],
  ['injects', 'list the MSEL (controller view): injects still to come with their ids, those that happened, contingency injects not fired'],
  ['view [projector|player|evaluator|controller]', 'what the screen shows; projector (the default) is safe for the room'],
  ['inject <effect> [args] | <title> [| <expected action>] [| from: ..] [| to: ..] [| mode: ..] [| message: ..]', 'write a new inject and fire it now; "help inject" lists the effects'],
  ['action <nation> <what the team does>', 'a team\'s action in its own words; a hotline or funding (e.g. 20 MUSD) takes effect in the engine'],
  ['rate <task-id> <P|S|M|U> [| observation]', 'evaluator: rate a critical task (P/S/M/U: without, with some, with major challenges, unable)'],
  ['observe <inject-id> <observed|partly|not> [| what the team did]', 'evaluator: mark an inject\'s expected action'],
  ['brief', 'the situation manual: purpose, scope, objectives, situation, teams, assets, modules, ground rules'],
  ['tasks', 'the evaluation guide: objectives, core capabilities, critical tasks and their ratings so far'],
  ['status [nation]', 'every nation on one line, or one nation in detail'],
  ['show', 'show the situation and the decision waiting again'],
  ['undo', 'take back the last action (a decision, a time jump, an inject...); the state is rebuilt exactly'],
  ['note <text>', 'add a note to the decision log and the after-action report'],
  ['hotwash <text>', 'a hot-wash note (said right after play); it goes into the after-action report'],
  ['save [file]', 'the log is saved after every action; with a file, also write a compact copy to resume from'],
  ['fingerprint', 'print the digest of the run state (equal digests = identical runs)'],
  ['end', 'close the run now and write the after-action report'],
  ['quit', 'leave without a report; resume later with crisis-sim drill --resume <log>'],
  ['help', 'this list'],
];

/**
 * Parses a duration in the tool's one syntax (`6h`, `90m`, `2d`, `1d12h`, `T+30h`, a bare
 * number of hours...; see src/scenario/duration.ts). Returns hours; throws a
 * {@link DrillError} that shows the accepted forms.
 */
export function parseDuration(text: string): number {
  const reading = readDuration(text);
  if ('error' in reading) throw new DrillError(reading.error);
  if (!(reading.hours > 0)) throw new DrillError(`"${text}" is not a positive duration; write e.g. 6h, 90m, 2d, 1d12h or a number of hours`);
  return reading.hours;
}

/**
 * Parses one line typed at the prompt (or read from a script). `onset` is the scenario
 * clock's onset (`YYYY-MM-DDTHH:MM`): clock times such as `advance to Day 4 04:53` are then
 * read on the same clock the screen shows.
 */
export function parseCommand(line: string, onset?: string): DrillCommand {
  const trimmed = line.trim();
  if (trimmed === '') return { type: 'continue' };
  const [word = '', ...rest] = trimmed.split(/\s+/);
  const argument = trimmed.slice(word.length).trim();
  switch (word.toLowerCase()) {
    case 'continue':
    case 'c':
      return noArguments('continue', rest, { type: 'continue' });
    case 'advance':
      return parseAdvance(rest, onset);
    case 'next':
      return noArguments('next', rest, { type: 'next' });
    case 'fire':
      if (rest.length !== 1) throw new DrillError('fire needs one inject id, e.g.: fire aftershock (injects lists them)');
      return { type: 'deliver', inject: rest[0]! };
    case 'deliver':
      if (rest.length > 1) throw new DrillError('deliver takes at most one inject id, e.g.: deliver aftershock');
      return rest[0] !== undefined ? { type: 'deliver', inject: rest[0] } : { type: 'deliver' };
    case 'skip':
      return parseSkip(argument);
    case 'retime':
      return parseRetime(rest, onset);
    case 'rate': {
      const { id: task, word, text } = idWordText(argument);
      const rating = ratingOf(word);
      if (!task || !rating) throw new DrillError('rate needs a task id and P, S, M or U, then | and what was seen, e.g.: rate atc-cell S | cell set up on day 3');
      return { type: 'rate', task, rating, observation: text };
    }
    case 'observe': {
      const { id: inject, word, text } = idWordText(argument);
      const status = observationStatusOf(word);
      if (!inject || !status) throw new DrillError('observe needs an inject id and observed, partly or not, then | and what the team did, e.g.: observe airport-congestion partly | US asked for slots, no cell');
      return { type: 'observe', inject, status, what: text };
    }
    case 'action':
      if (rest.length < 2) throw new DrillError('action needs a nation and what its team does, e.g.: action usa propose a hotline with hti');
      return { type: 'action', nation: rest[0]!, text: argument.slice(rest[0]!.length).trim() };
    case 'tasks':
      return noArguments('tasks', rest, { type: 'tasks' });
    case 'view':
      if (rest.length > 1) throw new DrillError('view takes one of: projector, player, evaluator, controller');
      return rest[0] !== undefined ? { type: 'view', role: rest[0].toLowerCase() } : { type: 'view' };
    case 'inject':
      if (argument === '') throw new DrillError('inject needs an effect and a title, e.g.: inject pressure 0.2 | Viral video of a collapsed school ("help inject" lists the effects)');
      return { type: 'inject', spec: argument };
    case 'status':
      if (rest.length > 1) throw new DrillError('status takes at most one nation id, e.g.: status usa');
      return rest[0] !== undefined ? { type: 'status', nation: rest[0] } : { type: 'status' };
    case 'show':
      return noArguments('show', rest, { type: 'show' });
    case 'brief':
      return noArguments('brief', rest, { type: 'brief' });
    case 'injects':
    case 'msel':
      return noArguments(word, rest, { type: 'injects' });
    case 'undo':
      return noArguments('undo', rest, { type: 'undo' });
    case 'note':
    case 'hotwash':
      if (argument === '') throw new DrillError(`${word} needs some text, e.g.: ${word} Team A asks for a SOFA briefing`);
      return { type: 'note', text: argument, kind: word === 'hotwash' ? 'hotwash' : 'note' };
    case 'save':
      if (rest.length > 1) throw new DrillError('save takes at most one file name');
      return rest[0] !== undefined ? { type: 'save', file: rest[0] } : { type: 'save' };
    case 'fingerprint':
      return noArguments('fingerprint', rest, { type: 'fingerprint' });
    case 'help':
    case '?':
      if (rest.length === 0) return { type: 'help' };
      if (rest.length === 1 && rest[0]!.toLowerCase() === 'inject') return { type: 'help', topic: 'inject' };
      throw new DrillError('help takes no argument, or "inject" for the inject effects');
    case 'quit':
    case 'exit':
      return noArguments(word, rest, { type: 'quit' });
    case 'end':
      return noArguments('end', rest, { type: 'end' });
    case 'decide':
      if (rest.length !== 2 || !/^\d+$/.test(rest[0]!)) throw new DrillError('decide needs a decision id and an option, e.g.: decide 13 open');
      return answer(rest[1]!, Number(rest[0]));
    default:
      if (rest.length === 1 && /^\d+$/.test(word)) return answer(rest[0]!, Number(word));
      if (rest.length > 0) throw new DrillError(`unknown command "${word}"; type help for the list`);
      return answer(word, undefined);
  }
}

function answer(choice: string, decision: number | undefined): DrillCommand {
  const id = decision !== undefined ? { decision } : {};
  return /^\d+$/.test(choice) ? { type: 'answer-number', number: Number(choice), ...id } : { type: 'answer', choice, ...id };
}

function parseAdvance(rest: readonly string[], onset: string | undefined): DrillCommand {
  if (rest[0]?.toLowerCase() === 'to') {
    const reading = readDuration(rest.slice(1).join(' '), onset);
    if (rest.length < 2 || 'error' in reading || reading.hours < 0) throw new DrillError('advance to needs a time from onset, e.g.: advance to 48, advance to T+2d, advance to Day 3 06:00');
    return { type: 'advance-to', atHours: reading.hours };
  }
  if (rest.length === 0) throw new DrillError('advance needs a duration, e.g.: advance 6h (or "continue" to run to the next decision)');
  return { type: 'advance', byHours: parseDuration(rest.join('')) };
}

/** `<id> <word> [| text]`: an id, one word, and free text after `|` (empty id or word when missing or extra words). */
function idWordText(argument: string): { id: string; word: string; text: string } {
  const [head = '', ...text] = argument.split('|');
  const [id = '', word = '', ...extra] = head.trim().split(/\s+/);
  return extra.length > 0 ? { id: '', word: '', text: '' } : { id, word, text: text.join('|').trim() };
}

function parseSkip(argument: string): DrillCommand {
  const [head = '', ...reason] = argument.split('|');
  const words = head.trim().split(/\s+/).filter((word) => word !== '');
  if (words.length > 1) throw new DrillError('skip takes at most one inject id, then | and a reason, e.g.: skip aftershock | no time left');
  const text = reason.join('|').trim();
  return { type: 'skip', ...(words[0] !== undefined ? { inject: words[0] } : {}), ...(text !== '' ? { reason: text } : {}) };
}

function parseRetime(rest: readonly string[], onset: string | undefined): DrillCommand {
  const usage = 'retime needs a time: +<duration> from now or a time from onset, e.g. retime +6h, retime aftershock 200, retime Day 3 06:00';
  const timeOf = (words: readonly string[]): { byHours: number } | { atHours: number } | undefined => {
    const text = words.join(' ');
    if (text.startsWith('+')) return { byHours: parseDuration(text.slice(1)) };
    const reading = readDuration(text, onset);
    return 'error' in reading || reading.hours < 0 ? undefined : { atHours: reading.hours };
  };
  if (rest.length === 0) throw new DrillError(usage);
  // The whole argument is a time (the inject due now), or an inject id then a time.
  const whole = timeOf(rest);
  if (whole) return { type: 'retime', to: whole };
  const to = rest.length > 1 ? timeOf(rest.slice(1)) : undefined;
  if (!to) throw new DrillError(usage);
  return { type: 'retime', inject: rest[0]!, to };
}

function noArguments(word: string, rest: readonly string[], command: DrillCommand): DrillCommand {
  if (rest.length > 0) throw new DrillError(`${word} takes no arguments`);
  return command;
}
