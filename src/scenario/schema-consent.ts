import { z } from 'zod';
import { idSchema as id } from './schema-id.js';

/**
 * Scenario fields of consent per asset, mission and area (issue 12): a host's rules for
 * which capabilities and assets of which nations it admits, through which ports, on what
 * conditions. Kept apart from schema.ts; schema.ts spreads them into `sovereignty`.
 */


/** Conditions a host can attach to the assets a rule admits (docs/model.md, "Consent per asset"). */
export const CONSENT_CONDITIONS = ['unarmed', 'host-liaison', 'time-limited'] as const;
export type ConsentCondition = (typeof CONSENT_CONDITIONS)[number];

export const consentRuleSchema = z
  .object({
    capabilities: z.array(id).default([]).describe('missions (capabilities) the rule covers, e.g. [medical, airlift]; empty = every capability'),
    assets: z.enum(['any', 'civilian', 'military']).default('any').describe('which assets the rule covers: civilian, military (armed-forces assets) or any'),
    nations: z.array(id).default([]).describe('contributors the rule covers; empty = every foreign contributor'),
    answer: z.enum(['grant', 'refuse']).default('grant').describe('grant = admitted (still under the armed-forces rule and the personnel cap), refuse = kept out whatever the consent mode'),
    conditions: z
      .array(z.enum(CONSENT_CONDITIONS))
      .default([])
      .describe('conditions of a grant: unarmed (armed tasks such as security are then refused), host-liaison (each pool waits for one of the host\'s liaisonOfficers), time-limited (the pool leaves forHours after its first unit lands)'),
    forHours: z.number().positive().finite().nullable().default(null).describe('with time-limited: hours a pool may stay from its first arrival'),
    via: z.array(id).default([]).describe('the areas the assets may enter by: ids of ports of entry (logistics.ports); empty = any port'),
  })
  .strict()
  .refine((rule) => !rule.conditions.includes('time-limited') || rule.forHours !== null, { message: 'time-limited needs forHours', path: ['forHours'] });

export type ConsentRule = z.infer<typeof consentRuleSchema>;

/** The consent fields of a host's `sovereignty`. */
export const consentFields = {
  consentRules: z
    .array(consentRuleSchema)
    .default([])
    .describe('consent per asset, mission and area: the first rule that covers a pool (capability, civilian or military, nation) decides whether it is admitted, on which conditions and through which ports; a pool no rule covers follows the general rules. Applies whatever the consent mode'),
  liaisonOfficers: z.number().int().nonnegative().nullable().default(null).describe('host liaison officers for pools admitted on the host-liaison condition; each pool holds one while deployed; null = as many as needed'),
};
