import { DrillError } from './errors.js';

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
  | { type: 'fire'; inject: string }
  | { type: 'inject'; spec: string }
  | { type: 'status'; nation?: string }
  | { type: 'show' }
  | { type: 'injects' }
  | { type: 'undo' }
  | { type: 'note'; text: string }
  | { type: 'save'; file?: string }
  | { type: 'fingerprint' }
  | { type: 'help'; topic?: 'inject' }
  | { type: 'quit' }
  | { type: 'end' };

/** The commands as `help` lists them: usage and what each does. */
export const COMMAND_HELP: readonly (readonly [string, string])[] = [
  ['<option> | <number>', 'answer the decision shown (e.g. "open" or "1")'],
  ['decide <id> <option|number>', 'answer a given decision when several wait'],
  ['continue   (or an empty line)', 'run until a team must decide (or the horizon)'],
  ['advance <duration>', 'run for a while, e.g. advance 6h, advance 90m, advance 2d (stops early for a decision)'],
  ['advance to <hours>', 'run until T+<hours>, e.g. advance to 48'],
  ['next', 'run to the next scheduled MSEL inject (stops early for a decision)'],
  ['injects', 'list the MSEL: scheduled injects with their ids, and those that happened'],
  ['fire <inject-id>', 'fire a scheduled MSEL inject now instead of at its time'],
  ['inject <effect> [args] | <title> [| <expected action>]', 'write a new inject and fire it now; "help inject" lists the effects'],
  ['status [nation]', 'every nation on one line, or one nation in detail'],
  ['show', 'show the situation and the decision waiting again'],
  ['undo', 'take back the last decision (and what followed it); the state is rebuilt exactly'],
  ['note <text>', 'add a note to the decision log and the after-action report'],
  ['save [file]', 'the log is saved after every action; with a file, also write a compact copy to resume from'],
  ['fingerprint', 'print the digest of the run state (equal digests = identical runs)'],
  ['end', 'close the run now and write the after-action report'],
  ['quit', 'leave without a report; resume later with crisis-sim drill --resume <log>'],
  ['help', 'this list'],
];

const UNITS_IN_HOURS: Record<string, number> = { m: 1 / 60, min: 1 / 60, h: 1, d: 24 };

/**
 * Parses a duration: `6h`, `90m`, `2d`, `1d12h`, `1.5h`, or a bare number of hours.
 * Returns hours; throws a {@link DrillError} that shows the accepted forms.
 */
export function parseDuration(text: string): number {
  const trimmed = text.trim().toLowerCase();
  const bad = () => new DrillError(`"${text}" is not a duration; write e.g. 6h, 90m, 2d, 1d12h or a number of hours`);
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)\s*(min|m|h|d)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== trimmed.replace(/\s+/g, '')) throw bad();
  const hours = parts.reduce((sum, part) => sum + Number(part[1]) * UNITS_IN_HOURS[part[2]!]!, 0);
  if (!(hours > 0)) throw bad();
  return hours;
}

/** Parses one line typed at the prompt (or read from a script). */
export function parseCommand(line: string): DrillCommand {
  const trimmed = line.trim();
  if (trimmed === '') return { type: 'continue' };
  const [word = '', ...rest] = trimmed.split(/\s+/);
  const argument = trimmed.slice(word.length).trim();
  switch (word.toLowerCase()) {
    case 'continue':
    case 'c':
      return noArguments('continue', rest, { type: 'continue' });
    case 'advance':
      return parseAdvance(rest);
    case 'next':
      return noArguments('next', rest, { type: 'next' });
    case 'fire':
      if (rest.length !== 1) throw new DrillError('fire needs one inject id, e.g.: fire aftershock (injects lists them)');
      return { type: 'fire', inject: rest[0]! };
    case 'inject':
      if (argument === '') throw new DrillError('inject needs an effect and a title, e.g.: inject pressure 0.2 | Viral video of a collapsed school ("help inject" lists the effects)');
      return { type: 'inject', spec: argument };
    case 'status':
      if (rest.length > 1) throw new DrillError('status takes at most one nation id, e.g.: status usa');
      return rest[0] !== undefined ? { type: 'status', nation: rest[0] } : { type: 'status' };
    case 'show':
      return noArguments('show', rest, { type: 'show' });
    case 'injects':
    case 'msel':
      return noArguments(word, rest, { type: 'injects' });
    case 'undo':
      return noArguments('undo', rest, { type: 'undo' });
    case 'note':
      if (argument === '') throw new DrillError('note needs some text, e.g.: note Team A asks for a SOFA briefing');
      return { type: 'note', text: argument };
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

function parseAdvance(rest: readonly string[]): DrillCommand {
  if (rest[0]?.toLowerCase() === 'to') {
    const target = rest.slice(1).join('').replace(/^t\+/i, '').replace(/h$/i, '');
    const atHours = Number(target);
    if (rest.length < 2 || target === '' || !Number.isFinite(atHours) || atHours < 0) throw new DrillError('advance to needs a time in hours from onset, e.g.: advance to 48');
    return { type: 'advance-to', atHours };
  }
  if (rest.length === 0) throw new DrillError('advance needs a duration, e.g.: advance 6h (or "continue" to run to the next decision)');
  return { type: 'advance', byHours: parseDuration(rest.join('')) };
}

function noArguments(word: string, rest: readonly string[], command: DrillCommand): DrillCommand {
  if (rest.length > 0) throw new DrillError(`${word} takes no arguments`);
  return command;
}
