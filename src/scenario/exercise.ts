import { z } from 'zod';
import { idSchema as taskId } from './schema-id.js';

/**
 * The exercise-conduct parts of a scenario (HSEEP): the scenario clock, the situation
 * manual's briefing texts, the modules a drill is split into, and the Exercise Evaluation
 * Guide (objectives -> core capabilities -> critical tasks). All optional: a scenario
 * without them runs and drills as before.
 */


/** An IANA time zone name the runtime knows (e.g. America/Port-au-Prince, UTC). */
const timeZone = z.string().refine(
  (name) => {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: name });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'an IANA time zone, e.g. UTC or America/Port-au-Prince' },
);

export const scenarioClockSchema = z
  .object({
    onset: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'a local date and time YYYY-MM-DDTHH:MM, e.g. 2010-01-12T16:53')
      .describe('local date and time of the onset (T+0), YYYY-MM-DDTHH:MM'),
    timeZone: timeZone.default('UTC').describe('IANA time zone of the onset and of every time shown, e.g. America/Port-au-Prince'),
  })
  .strict()
  .describe('when the crisis begins in calendar time: screens and reports then read "Day 2, 14:00 (T+21 h)"');

export const briefingSchema = z
  .object({
    purpose: z.string().default('').describe('why the exercise is held'),
    scope: z.string().default('').describe('what the exercise covers and what it leaves out'),
    groundRules: z.array(z.string()).default([]).describe('rules of play read out at the start'),
  })
  .strict()
  .describe('texts of the situation manual (crisis-sim brief)');

export const moduleSchema = z
  .object({
    id: taskId.describe('short id of the module'),
    title: z.string().min(1).describe('e.g. "Response, 0-72 h"'),
    endHours: z.number().positive().finite().describe('hours from onset at which the module ends and the drill pauses for discussion'),
    questions: z.array(z.string()).default([]).describe('discussion questions for the end of the module'),
  })
  .strict();

/**
 * What teams choose in a drill: the engine's decision kinds (src/engine/decisions.ts) and
 * the engine levers of own-words actions (src/drill/own-words.ts). A critical task lists
 * those it is about, so the after-action report files the teams' choices under its core
 * capability (test/drill/team-choices.test.ts checks both lists are covered).
 */
export const TEAM_CHOICES = [
  'act',
  'mandate',
  'offer',
  'consent',
  'intelligence',
  'vote',
  'hotline',
  'conditions',
  'talks',
  'mediate',
  'proposal',
  'pooling',
  'notify',
  'transparency',
  'joint-mission',
  'cell',
  'retask',
  'funding',
] as const;
export type TeamChoice = (typeof TEAM_CHOICES)[number];

export const criticalTaskSchema = z
  .object({
    id: taskId.describe('short id injects point at in their `tasks`'),
    task: z.string().min(1).describe('the critical task, e.g. "Stand up an air-traffic coordination cell"'),
    decisions: z
      .array(z.enum(TEAM_CHOICES))
      .optional()
      .describe(
        "the teams' decisions (by kind: act, offer, consent, mandate, vote, talks...) and own-words levers (hotline, talks, cell, retask, funding) this task is about: the after-action report files the teams' choices of these kinds, with their consequences, under this task's core capability",
      ),
  })
  .strict();

export const coreCapabilitySchema = z
  .object({
    capability: z.string().min(1).describe('the core capability, e.g. Operational Coordination'),
    tasks: z.array(criticalTaskSchema).min(1).describe('its critical tasks'),
  })
  .strict();

export const objectiveSchema = z
  .object({
    id: taskId.describe('short id of the objective'),
    objective: z.string().min(1).describe('the exercise objective'),
    capabilities: z.array(coreCapabilitySchema).min(1).describe('core capabilities it exercises'),
  })
  .strict();

export const evaluationSchema = z
  .object({ objectives: z.array(objectiveSchema).min(1).describe('objectives -> core capabilities -> critical tasks') })
  .strict()
  .describe('the Exercise Evaluation Guide: what evaluators rate P/S/M/U');

/** The optional exercise-conduct fields spread into the scenario schema. */
export const exerciseFields = {
  clock: scenarioClockSchema.optional(),
  briefing: briefingSchema.optional(),
  modules: z.array(moduleSchema).optional().describe('parts of the drill, in order; the drill pauses at each end for the discussion questions'),
  evaluation: evaluationSchema.optional(),
};

/** The Exercise Evaluation Guide's ratings of a critical task. */
export const TASK_RATINGS = {
  P: 'performed without challenges',
  S: 'performed with some challenges',
  M: 'performed with major challenges',
  U: 'unable to be performed',
} as const;
export type TaskRating = keyof typeof TASK_RATINGS;

/** How far an inject's expected action was seen in the room. */
export const OBSERVATION_STATUSES = {
  observed: 'observed',
  partly: 'partly observed',
  'not-observed': 'not observed',
} as const;
export type ObservationStatus = keyof typeof OBSERVATION_STATUSES;

export type ScenarioClock = z.infer<typeof scenarioClockSchema>;
export type ExerciseModule = z.infer<typeof moduleSchema>;
export type Evaluation = z.infer<typeof evaluationSchema>;
export type CriticalTask = z.infer<typeof criticalTaskSchema>;
