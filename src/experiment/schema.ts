import { EXPERIMENT_LIMITS } from './limits.js';
import { z } from 'zod';

/**
 * The experiment file format: which scenario(s), which factors to vary and how, how many
 * replications, which metrics to keep, and when to stop. The single source of truth for
 * the experiment types; docs/experiments.md describes every field.
 */

const name = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a name of letters, digits, _ and -, starting with a letter');

/** A factor value: what a scenario field can be set to. */
const factorValueSchema = z.union([z.number().finite(), z.boolean(), z.string(), z.record(z.string(), z.unknown())]);
export type FactorValue = z.infer<typeof factorValueSchema>;

export const rangeSchema = z
  .object({
    from: z.number().finite().describe('lowest value'),
    to: z.number().finite().describe('highest value'),
    steps: z.number().int().min(2).max(EXPERIMENT_LIMITS.maxRangeSteps).default(5).describe('evenly spaced values from..to inclusive (full-factorial and one-at-a-time designs)'),
  })
  .strict()
  .refine((range) => range.from < range.to, { message: 'a range needs from < to', path: ['to'] });

export const factorSchema = z
  .object({
    name: name.describe('column name of the factor in runs.csv and summary.csv'),
    path: z.string().min(1).describe('field of the scenario to set, e.g. relations[usa-hti].hotline or nations.hti.sovereignty.consentDelay'),
    values: z.array(factorValueSchema).min(1).optional().describe('the values to try'),
    range: rangeSchema.optional().describe('a numeric range instead of a list of values'),
  })
  .strict()
  .refine((factor) => (factor.values === undefined) !== (factor.range === undefined), {
    message: 'give either values or range',
    path: ['values'],
  });
export type Factor = z.infer<typeof factorSchema>;

export const stoppingSchema = z
  .object({
    metric: z.string().min(1).describe('metric whose 95% confidence interval decides when to stop'),
    halfWidth: z.number().positive().describe('stop a design point once the 95% CI half-width of the metric (of its restricted mean up to the horizon for a milestone) is below this, in the metric\'s unit'),
    minReplications: z.number().int().min(2).default(10).describe('replications run before the rule is first checked'),
    step: z.number().int().positive().default(10).describe('replications added between checks'),
  })
  .strict();
export type StoppingRule = z.infer<typeof stoppingSchema>;

export const DESIGNS = ['full-factorial', 'one-at-a-time', 'latin-hypercube', 'morris', 'sobol'] as const;
/** Designs that sample the factor space and need `samples`. */
export const SAMPLED_DESIGNS: readonly DesignKind[] = ['latin-hypercube', 'morris', 'sobol'];
export type DesignKind = (typeof DESIGNS)[number];

export const experimentSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'an id of lowercase letters, digits and dashes, starting with a letter'),
    name: z.string().min(1),
    question: z.string().default('').describe('the research question the experiment answers'),
    scenarios: z.array(z.string().min(1)).min(1).describe('base scenario files, relative to the experiment file; several = an extra factor "scenario"'),
    factors: z.array(factorSchema).default([]),
    design: z.enum(DESIGNS).default('full-factorial'),
    samples: z.number().int().min(2).max(EXPERIMENT_LIMITS.maxDesignPoints).optional().describe('latin-hypercube: design points; morris: trajectories (k + 1 points each); sobol: base samples N (N(k + 2) points)'),
    baseline: z.record(z.string(), factorValueSchema).default({}).describe('factor values of the baseline arm for paired differences (and the centre of one-at-a-time); default: first value of each factor'),
    replications: z.number().int().positive().max(EXPERIMENT_LIMITS.maxReplications).describe('replications per design point (the maximum when a stopping rule is given)'),
    seed: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(1).describe('master seed: replication r uses the same derived seed in every design point'),
    horizonHours: z.number().positive().finite().optional().describe('simulated hours per run; default: each scenario\'s horizonHours'),
    metrics: z.array(z.string().min(1)).optional().describe('metrics to keep, e.g. firstResponseHours, usa.firstDeployHours, *.consentHours; default: all'),
    stopping: stoppingSchema.optional(),
    series: z
      .object({ everyHours: z.number().positive().finite().describe('sampling step in simulated hours (a duration: 24, "12h", "1d")') })
      .strict()
      .optional()
      .describe("each run's time series (coverage, unmet need, units deployed per nation, trust per relation) sampled every everyHours, kept in runs.jsonl and written to series.csv"),
    timeLimitSeconds: z.number().positive().default(60).describe('wall-clock limit per run; a run over it is reported as a timeout and the batch goes on'),
  })
  .strict()
  .refine((experiment) => !SAMPLED_DESIGNS.includes(experiment.design) || experiment.samples !== undefined, {
    message: 'a latin-hypercube, morris or sobol design needs samples',
    path: ['samples'],
  })
  .refine((experiment) => SAMPLED_DESIGNS.includes(experiment.design) || experiment.samples === undefined, {
    message: 'samples only applies to a latin-hypercube, morris or sobol design',
    path: ['samples'],
  });

export type ExperimentDefinition = z.infer<typeof experimentSchema>;
