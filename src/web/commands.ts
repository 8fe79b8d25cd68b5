import { z } from 'zod';
import { EFFECT_SYNTAX } from '../drill/live-inject.js';
import type { Role } from './roles.js';

/**
 * What a page may ask the server to do: one JSON object per request, checked here before
 * anything reaches the session. Text is bounded, ids are plain tokens, so nothing a
 * browser sends can smuggle a second command or an unbounded payload.
 */

const text = (max: number) => z.string().max(max).transform((value) => value.trim());
/** One argument of a live inject's effect: an id or a number, never spaces or `|`. */
const argument = z.string().regex(/^[A-Za-z0-9_.:+-]{1,64}$/, 'an id or a number');
const effectTypes = Object.keys(EFFECT_SYNTAX) as [keyof typeof EFFECT_SYNTAX, ...(keyof typeof EFFECT_SYNTAX)[]];

export const commandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('decide'), decision: z.number().int().positive(), choice: z.string().min(1).max(64) }),
  z.object({ type: z.literal('message'), text: text(2000).pipe(z.string().min(1, 'write a message')) }),
  z.object({ type: z.literal('note'), text: text(2000).pipe(z.string().min(1, 'write a note')) }),
  z.object({ type: z.literal('observation'), inject: z.string().max(64).optional(), text: text(2000).pipe(z.string().min(1, 'write an observation')) }),
  z.object({ type: z.literal('advance'), to: z.enum(['decision', 'inject', 'hours']), hours: z.number().positive().max(100_000).optional() }),
  z.object({ type: z.literal('fire'), inject: z.string().min(1).max(64) }),
  z.object({
    type: z.literal('inject'),
    effect: z.enum(effectTypes),
    args: z.array(argument).max(4),
    title: text(200).pipe(z.string().regex(/^[^|]*$/, 'a title cannot contain |')),
    to: text(200).default(''),
    expectedAction: text(500).pipe(z.string().regex(/^[^|]*$/, 'an expected action cannot contain |')).default(''),
  }),
  z.object({ type: z.literal('pace'), running: z.boolean(), simHoursPerWallMinute: z.number().positive().max(60).optional() }),
  z.object({ type: z.literal('undo') }),
  z.object({ type: z.literal('end') }),
]);
export type WebCommand = z.infer<typeof commandSchema>;
export type WebCommandType = WebCommand['type'];

/** Which roles may send each command. Teams decide only their own nation's decisions (checked with the decision). */
export const COMMAND_ROLES: Record<WebCommandType, readonly Role['kind'][]> = {
  decide: ['team', 'controller'],
  message: ['team'],
  note: ['controller'],
  observation: ['evaluator'],
  advance: ['controller'],
  fire: ['controller'],
  inject: ['controller'],
  pace: ['controller'],
  undo: ['controller'],
  end: ['controller'],
};
