import { z } from 'zod';
import { EFFECT_SYNTAX } from '../drill/live-inject.js';
import { OBSERVATION_STATUSES, TASK_RATINGS, type ObservationStatus, type TaskRating } from '../drill/evaluation.js';
import type { Role } from './roles.js';

/**
 * What a page may ask the server to do: one JSON object per request, checked here before
 * anything reaches the session. Text is bounded, ids are plain tokens and a field the
 * command does not have is refused (a team's `act` naming another nation, say), so
 * nothing a browser sends can smuggle a second command, speak for another team or carry
 * an unbounded payload. The clock, MSEL and evaluation commands are the drill session's
 * own (`SessionCommand`); messages, general observations, the paced clock and the end are
 * the console's.
 */

const text = (max: number) => z.string().max(max).transform((value) => value.trim());
const someText = (max: number, hint: string) => text(max).pipe(z.string().min(1, hint));
const injectId = z.string().min(1).max(64);
/** One argument of a live inject's effect: an id or a number, never spaces or `|`. */
const argument = z.string().regex(/^[A-Za-z0-9_.:+-]{1,64}$/, 'an id or a number');
const effectTypes = Object.keys(EFFECT_SYNTAX) as [keyof typeof EFFECT_SYNTAX, ...(keyof typeof EFFECT_SYNTAX)[]];
const hours = z.number().positive().max(100_000);
const confirmed = z.boolean().optional();
const noBars = (what: string) => z.string().regex(/^[^|]*$/, `${what} cannot contain |`);

export const commandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('decide'), decision: z.number().int().positive(), choice: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal('message'), text: someText(2000, 'write a message') }),
  z.strictObject({ type: z.literal('note'), text: someText(2000, 'write a note'), kind: z.enum(['note', 'hotwash']).optional() }),
  z.strictObject({ type: z.literal('observation'), text: someText(2000, 'write an observation') }),
  z.strictObject({ type: z.literal('observe'), inject: injectId, status: z.enum(Object.keys(OBSERVATION_STATUSES) as [ObservationStatus, ...ObservationStatus[]]), what: text(2000).default('') }),
  z.strictObject({ type: z.literal('rate'), task: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'a critical task id'), rating: z.enum(Object.keys(TASK_RATINGS) as [TaskRating, ...TaskRating[]]), observation: text(2000).default('') }),
  z.strictObject({ type: z.literal('act'), text: someText(2000, 'say what your team does') }),
  z.strictObject({ type: z.literal('continue'), confirmed }),
  z.strictObject({ type: z.literal('next'), confirmed }),
  z.strictObject({ type: z.literal('advance'), byHours: hours, confirmed }),
  z.strictObject({ type: z.literal('advance-to'), atHours: hours, confirmed }),
  z.strictObject({ type: z.literal('deliver'), inject: injectId.optional() }),
  z.strictObject({ type: z.literal('skip'), inject: injectId.optional(), reason: text(500).optional() }),
  z.strictObject({ type: z.literal('retime'), inject: injectId.optional(), toHours: hours }),
  z.strictObject({
    type: z.literal('inject'),
    effect: z.enum(effectTypes),
    args: z.array(argument).max(4),
    title: text(200).pipe(noBars('a title')),
    to: text(200).default(''),
    from: text(200).default(''),
    mode: text(100).default(''),
    message: text(2000).default(''),
    expectedAction: text(500).pipe(noBars('an expected action')).default(''),
  }),
  z.strictObject({ type: z.literal('pace'), running: z.boolean(), simHoursPerWallMinute: z.number().positive().max(60).optional() }),
  z.strictObject({ type: z.literal('undo') }),
  z.strictObject({ type: z.literal('end') }),
]);
export type WebCommand = z.infer<typeof commandSchema>;
export type WebCommandType = WebCommand['type'];

const STAFF = ['controller'] as const;

/** Which roles may send each command. Teams decide only their own nation's decisions (checked with the decision). */
export const COMMAND_ROLES: Record<WebCommandType, readonly Role['kind'][]> = {
  decide: ['team', 'controller'],
  message: ['team'],
  note: STAFF,
  observation: ['evaluator'],
  observe: ['evaluator'],
  rate: ['evaluator'],
  act: ['team'],
  continue: STAFF,
  next: STAFF,
  advance: STAFF,
  'advance-to': STAFF,
  deliver: STAFF,
  skip: STAFF,
  retime: STAFF,
  inject: STAFF,
  pace: STAFF,
  undo: STAFF,
  end: STAFF,
};
