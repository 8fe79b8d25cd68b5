import { z } from 'zod';
import { idSchema as id } from './schema-id.js';

/**
 * Scenario fields of diplomacy (issue 11): interests that bind, conditions, mediation,
 * incidents between intervening forces, peacetime costs of preparedness. Kept apart from
 * schema.ts so other subsystems' additions do not interleave; schema.ts spreads these in.
 */

const fraction = z.number().min(0).max(1);
const hours = z.number().nonnegative().finite();

/** Conditions a contributor can attach to an offer, and a host can ask for. */
export const OFFER_CONDITIONS = ['civilian-only', 'regional-umbrella', 'liaison-officers', 'time-limited', 'regional-partners', 'unarmed'] as const;
export type OfferCondition = (typeof OFFER_CONDITIONS)[number];

export const nationDiplomacySchema = z
  .object({
    rivals: z.array(id).default([]).describe('nations whose presence in the crisis pulls this one in (regional influence) and whose forces risk incidents with its own'),
    costWeight: fraction.default(0.25).describe('how much the cost of a response (its share of the budget) weighs against motive when deciding to act'),
    acceptsWith: z
      .array(z.enum(OFFER_CONDITIONS))
      .default([])
      .describe('as a host: conditions under which it admits help from nations it does not trust (every listed condition must be offered): civilian-only (civilian assets only), regional-umbrella (under a regional or UN mechanism), liaison-officers (with its liaison officers), time-limited (for timeLimitHours), regional-partners (only from members of a regional organization it belongs to, deploying as regional partners), unarmed (armed tasks stay home; non-combat military assets pass a restricted armedForces rule); empty = trust alone decides'),
    mediator: z.boolean().default(false).describe('offers its good offices: brokers between a refusing host and would-be helpers'),
    timeLimitHours: z
      .number()
      .positive()
      .default(336)
      .describe('as a host: the stay a nation admitted on the time-limited condition may have, hours from its first units in theatre; then its pools go home'),
  })
  .strict()
  .describe('how the nation conducts diplomacy in the crisis');

export const envoySchema = z
  .object({
    lead: id
      .optional()
      .describe('the member that sends the envoy (e.g. the chair); the host weighs its trust in the lead alone. Default: every member other than the host, led by the first'),
    roundHours: z.number().positive().default(48).describe('hours of one shuttle round between the host and the helpers, besides message latency'),
    maxRounds: z.number().int().positive().default(4).describe('shuttle rounds before the mediation is given up'),
    startAfterHours: hours.default(72).describe('hours a host must have kept foreign help out before the envoy is sent'),
  })
  .strict()
  .nullable()
  .default(null)
  .describe("an envoy who mediates with a member that keeps foreign help out (a host refusing help, or a party whose no blocks the organization's mandate), proposing an access mechanism under the organization's umbrella; null = none");

export const incidentHazardSchema = z
  .object({
    perHourPerPair: z.number().nonnegative().describe('base incidents per hour between two rival nations that both have forces in theatre'),
    trustDrop: fraction.default(0.1).describe('trust the two rivals lose per incident'),
  })
  .strict()
  .nullable()
  .default(null)
  .describe('incidents between the forces of rival intervening powers; a working hotline (deconfliction channel) and trust lower the rate');

export const peacetimeCostsSchema = z
  .object({
    mou: z.number().nonnegative().default(0.2).describe('MUSD per year to negotiate and keep up an MOU'),
    sofa: z.number().nonnegative().default(0.5).describe('MUSD per year for a status-of-forces agreement'),
    protocol: z.number().nonnegative().default(0.3).describe('MUSD per year to keep response protocols current'),
    hotline: z.number().nonnegative().default(0.1).describe('MUSD per year to keep a hotline staffed and tested'),
    jointTraining: z.number().nonnegative().default(4).describe('MUSD per year of joint exercises at level 1 (scaled by the level)'),
    liaisonOfficers: z.number().nonnegative().default(0.6).describe('MUSD per year for liaison officers posted with each other'),
  })
  .strict()
  .describe('peacetime cost of each lever built before a crisis, per relation and year');
