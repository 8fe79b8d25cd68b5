import { SCENARIO_LIMITS } from './limits.js';
import { z } from 'zod';
import { idSchema as id } from './schema-id.js';
import { exerciseFields } from './exercise.js';
import { envoySchema, incidentHazardSchema, nationDiplomacySchema, peacetimeCostsSchema } from './schema-diplomacy.js';
import { consentFields } from './schema-consent.js';

/**
 * The scenario file format: the single source of truth for types, validation, defaults
 * and documentation (`describe` texts feed the JSON Schema and docs/scenario-format.md).
 * All durations are simulated hours; money is millions of US dollars (MUSD).
 */

const fraction = z.number().min(0).max(1);
const hours = z.number().nonnegative().finite();

/** A duration in hours: a fixed number or a distribution to draw from. */
export const delaySchema = z
  .union([
    hours.describe('a fixed number of hours'),
    z
      .object({ triangular: z.tuple([hours, hours, hours]).describe('[min, mode, max] hours') })
      .strict()
      .refine((d) => d.triangular[0] <= d.triangular[1] && d.triangular[1] <= d.triangular[2], {
        message: 'triangular needs min <= mode <= max',
        path: ['triangular'],
      }),
    z
      .object({
        lognormal: z
          .object({
            median: hours.describe('median hours'),
            sigma: z.number().nonnegative().max(5).describe('standard deviation of log(hours)'),
          })
          .strict()
          .describe('log-normal: long right tail, for bureaucratic and political delays'),
      })
      .strict(),
    z.object({ exponential: z.object({ mean: hours.describe('mean hours') }).strict().describe('exponential: memoryless waiting time') }).strict(),
    z
      .object({ uniform: z.tuple([hours, hours]).describe('[min, max] hours') })
      .strict()
      .refine((d) => d.uniform[0] <= d.uniform[1], { message: 'uniform needs min <= max', path: ['uniform'] }),
  ])
  .describe('Hours: a number, or {triangular: [min, mode, max]}, {lognormal: {median, sigma}}, {exponential: {mean}}, {uniform: [min, max]}');
export type Delay = z.infer<typeof delaySchema>;

export const interestsSchema = z
  .object({
    humanitarian: fraction.default(0).describe('weight given to saving lives and relieving suffering'),
    security: fraction.default(0).describe('weight given to regional stability and own security'),
    influence: fraction.default(0).describe('weight given to regional influence and standing'),
    economic: fraction.default(0).describe('weight given to trade and economic ties with the host'),
  })
  .strict()
  .describe('What moves the nation to act, each weight 0..1');

export const resourceSchema = z
  .object({
    capability: id.describe('capability id, e.g. search-rescue, medical, airlift, engineering, troops, monitors, intelligence'),
    units: z.number().int().nonnegative().describe('deployable units (teams, aircraft, companies)'),
    readiness: delaySchema.default(24).describe('hours from mobilization order until the units arrive in theatre'),
    costMusdPerUnitDay: z.number().nonnegative().default(0.05).describe('running cost per unit per day deployed, MUSD'),
    personnelPerUnit: z.number().int().nonnegative().default(10).describe('people per unit, counted against host caps'),
    military: z.boolean().default(false).describe('true for armed-forces assets, which host armed-forces rules restrict'),
    seaBased: z
      .boolean()
      .optional()
      .describe('true for units that sail in within their readiness and work from offshore (amphibious groups, hospital ships): they arrive whole once ready and cleared, without strategic lift or a port of entry; absent = false'),
  })
  .strict();

export const decisionSchema = z
  .object({
    detect: delaySchema.default(2).describe('hours from onset until the government learns of the crisis'),
    decide: delaySchema.default(12).describe('hours of assessment before the decision to act or stand by'),
    authorize: delaySchema.default(24).describe('hours of domestic authorization (cabinet, parliament, legal review)'),
    actThreshold: fraction.default(0.3).describe('motive (interest-weighted relevance, 0..1) needed to act'),
    mandateFrom: z.array(id).default([]).describe('organizations one of which must mandate deployment abroad; empty = no mandate needed'),
    reassessHours: z.number().positive().default(48).describe('hours between re-evaluations while standing by'),
  })
  .strict();

/**
 * Legal clearance of a foreign pool before its units leave for a host (docs/model.md,
 * "Legal clearance"): each named clearance is drawn per pool by the host's legal regime; a SOFA or protocol
 * shortens them (CLEARANCE_FACTORS in src/engine/logistics/clearance.ts).
 */
export const clearanceSchema = z
  .object({
    customs: delaySchema.default({ triangular: [4, 12, 48] }).describe('customs clearance of the pool\'s equipment and relief goods'),
    visas: delaySchema.default({ triangular: [2, 8, 24] }).describe('entry of its personnel: visas, work permits, recognition of professional qualifications'),
    diplomatic: delaySchema.default({ triangular: [12, 36, 96] }).describe('diplomatic clearance of state (military) aircraft and ships: overflight and landing'),
    status: delaySchema.default({ triangular: [24, 72, 168] }).describe('status of armed forces personnel (jurisdiction, immunities): an exchange of notes where no SOFA covers them'),
  })
  .strict()
  .describe('hours of legal clearance each deployment needs, run side by side and alongside readiness');

export const sovereigntySchema = z
  .object({
    consent: z.enum(['required', 'automatic', 'refused']).default('required').describe('whether foreign deployments on its soil need consent'),
    consentDelay: delaySchema.default(24).describe('hours the government deliberates before setting a consent policy'),
    reconsiderHours: z.number().positive().default(48).describe('hours before a closed or restrictive policy is reconsidered'),
    pressureToOpen: fraction.default(0.6).describe('pressure of unmet needs (0..1) at which a reluctant host opens'),
    foreignPersonnelCap: z.number().int().nonnegative().nullable().default(null).describe('maximum foreign personnel on its soil; null = no cap'),
    armedForces: z.enum(['allowed', 'restricted', 'forbidden']).default('allowed').describe('whether foreign military assets may deploy; restricted = only with a SOFA, protocol or high trust'),
    intelligenceSharing: z.enum(['full', 'partners', 'none']).default('partners').describe('with whom it shares intelligence; partners = nations with an MOU or protocol'),
    ...consentFields,
    clearance: clearanceSchema.default(() => clearanceSchema.parse({})),
  })
  .strict();

export const nationSchema = z
  .object({
    id: id.describe('short unique id, e.g. an ISO 3166 alpha-3 code in lowercase'),
    name: z.string().min(1).describe('name shown in reports'),
    interests: interestsSchema.default({ humanitarian: 0, security: 0, influence: 0, economic: 0 }),
    budgetMusd: z.number().nonnegative().default(1000).describe('money available for this response, MUSD'),
    resources: z.array(resourceSchema).default([]).describe('capability pools the nation can deploy (a host deploys its own at home)'),
    decision: decisionSchema.default(() => decisionSchema.parse({})).describe('how fast and under what conditions its government decides to respond'),
    sovereignty: sovereigntySchema.default(() => sovereigntySchema.parse({})).describe('what it allows foreign responders to do on its soil when it is a host'),
    frameworks: z.array(id).default([]).describe('procedural and legal frameworks followed (e.g. nato-stanag, insarag, oslo-guidelines); shared frameworks mean interoperability'),
    // ---- diplomacy (schema-diplomacy.ts) ----
    diplomacy: nationDiplomacySchema.default(() => nationDiplomacySchema.parse({})),
  })
  .strict();

/**
 * Trust between two nations the scenario does not relate: no ties, so below the 0.5 of a
 * listed relation that leaves trust out. The engine, the schema text and the docs use this one value.
 */
export const UNDECLARED_PAIR_TRUST = 0.3;

/** Default one-way latency of a message between two governments, hours (parameters): the relations' docs state them too. */
export const DEFAULT_LATENCY_HOURS = { diplomatic: 12, hotline: 0.5 } as const;

export const relationSchema = z
  .object({
    between: z.tuple([id, id]).describe('the two nation ids; relations are symmetric'),
    trust: fraction.default(0.5).describe('mutual trust 0..1: speeds consent and intelligence sharing'),
    mou: z.boolean().default(false).describe('a memorandum of understanding on crisis cooperation'),
    sofa: z.boolean().default(false).describe('a status-of-forces agreement covering deployed personnel'),
    protocol: z.boolean().default(false).describe('pre-established response protocols: shorten authorization and consent'),
    hotline: z
      .boolean()
      .default(false)
      .describe(`a secure direct channel: every message between the two governments (consent requests and answers, talks) takes ${DEFAULT_LATENCY_HOURS.hotline} h each way instead of ${DEFAULT_LATENCY_HOURS.diplomatic} h (parameters.hotlineLatencyHours, diplomaticLatencyHours); it also lowers conflict escalation`),
    jointTraining: fraction.default(0).describe('level of joint exercises 0..1: shortens integration and readiness'),
    // ---- diplomacy ----
    liaisonOfficers: z.boolean().default(false).describe('liaison officers posted with each other: a confidence-building measure that lets a host admit the other with liaison officers attached'),
    intelligencePooling: z
      .boolean()
      .default(false)
      .describe('allies pool intelligence: while both have forces in theatre, each decides every week whether to share what it learned with the other; sharing builds trust, withholding costs it'),
  })
  .strict();

/** Civil-military coordination by a humanitarian body (docs/model.md, "Civil-military coordination"). */
export const civilMilitarySchema = z
  .object({
    lastResort: z.boolean().default(true).describe('foreign military assets are tasked only to the gap civilian and host capacity cannot fill (Oslo Guidelines: last resort)'),
    uniqueCapability: z.boolean().default(true).describe('foreign military assets are tasked in full for capabilities no civilian actor offers (unique capability); without lastResort, only for those'),
    civilianLead: z.boolean().default(true).describe('the coordination centre sets slot priorities at the ports: civilian movements land before military ones (civilian lead)'),
  })
  .strict()
  .nullable()
  .default(null)
  .describe('request and tasking of foreign military assets through this body\'s coordination cell while it works (Oslo Guidelines); null = military assets deploy bilaterally');

export const organizationSchema = z
  .object({
    id: id.describe('short unique id (distinct from every nation id), e.g. un, nato, ecowas'),
    name: z.string().min(1).describe('name shown in reports'),
    kind: z.enum(['un', 'regional', 'coalition', 'humanitarian']).default('regional').describe('the kind of body: the UN, a regional organization, an ad-hoc coalition, or a humanitarian coordination structure (OCHA, an OSOCC or HuMOCC) that needs no mandate'),
    members: z.array(id).min(1).describe('ids of the member nations, who vote on mandates'),
    rule: z.enum(['consensus', 'majority', 'veto']).default('consensus').describe('how a mandate is decided; veto = majority with no veto holder against'),
    vetoHolders: z.array(id).default([]).describe('members whose no blocks a mandate (rule veto only)'),
    convene: delaySchema.default(24).describe('hours from the first mandate request until members meet'),
    deliberation: delaySchema.default(48).describe('hours of deliberation before each vote'),
    reconveneHours: z.number().positive().default(72).describe('hours after a deadlock before the next vote'),
    maxRounds: z.number().int().positive().default(4).describe('votes held before the deadlock is final'),
    coordinationCell: z
      .object({
        setup: delaySchema.default(48).describe('hours from engagement (see engagedBy) until the cell works'),
        engagedBy: z
          .enum(['members', 'mandate', 'onset'])
          .default('members')
          .describe('members = set up once a non-host member decides to respond or a mandate passes, whichever comes first; mandate = only once a mandate passes (the cell belongs to a mandated mission); onset = at the crisis onset, whether or not anyone seeks a mandate (a humanitarian coordination centre)'),
      })
      .strict()
      .nullable()
      .default(null)
      .describe('a coordination cell that cuts duplicated effort among members once set up'),
    civilMilitary: civilMilitarySchema,
    // ---- diplomacy ----
    envoy: envoySchema,
  })
  .strict();

export const needSchema = z
  .object({
    capability: id.describe('capability id the need is for; nations meet it with resources of the same capability'),
    initial: z.number().positive().max(SCENARIO_LIMITS.maxNeedUnits).describe('units of this capability needed at onset'),
    halfLifeHours: z.number().positive().nullable().default(null).describe('need halves every so many hours (local recovery); null = steady'),
    doublingHours: z.number().min(SCENARIO_LIMITS.minDoublingHours).nullable().default(null).describe('need doubles every so many hours (e.g. outbreak); null = steady'),
    recoveryHalfLifeHours: z
      .number()
      .positive()
      .nullable()
      .default(null)
      .describe('once relief is over (coverage first reaches crisis.resolveAtCoverage), the need halves every so many hours instead: the long tail of the recovery, as the host\'s and civilian capacity return; null = it keeps its course'),
  })
  .strict()
  .refine((n) => n.halfLifeHours === null || n.doublingHours === null, {
    message: 'give halfLifeHours or doublingHours, not both',
    path: ['doublingHours'],
  });

export const hazardSchema = z
  .object({
    perHour: z.number().nonnegative().max(SCENARIO_LIMITS.maxHazardPerHour).describe('base events per hour before levers act'),
    addsNeed: z
      .array(z.object({ capability: id.describe('capability id of the added need'), amount: z.number().positive().describe('units of need added') }).strict()).default([]).describe('needs each event adds'),
    trustDrop: fraction.default(0.1).describe('trust lost per event: between the belligerents (escalation); between each host and every partner with forces on its soil (attack)'),
  })
  .strict();

export const crisisSchema = z
  .object({
    kind: z.enum(['disaster', 'conflict', 'terrorism']).describe('the kind of crisis: sets how interests weigh and which hazard applies'),
    name: z.string().min(1).describe('what happened, as shown in reports'),
    hosts: z.array(id).min(1).describe('nations on whose soil the crisis happens and whose consent deployments need'),
    belligerents: z.array(id).default([]).describe('conflict parties, whose relation governs escalation (conflict only)'),
    severity: fraction.describe('0..1, scales the pressure unmet needs put on every government'),
    needs: z.array(needSchema).min(1).describe('what the crisis needs, per capability'),
    escalation: hazardSchema.nullable().default(null).describe('conflict escalation hazard; lowered by hotlines, trust and peacekeeping cover'),
    attacks: hazardSchema.nullable().default(null).describe('terrorist attack hazard; lowered by counter-terrorism cover and intelligence sharing'),
    resolveAtCoverage: fraction.default(0.9).describe('share of needs met at which the acute phase ends'),
    // ---- diplomacy ----
    incidents: incidentHazardSchema,
  })
  .strict();

const between = z.tuple([id, id]).describe('the two nation ids');
export const injectEffectSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict().describe('narrative only: informs players, changes nothing'),
  z
    .object({ type: z.literal('need.add'), capability: id.describe('capability id of the need'), amount: z.number().describe('units of need added (negative: removed)') })
    .strict()
    .describe('adds (or, negative, removes) need'),
  z
    .object({
      type: z.literal('host.policy'),
      host: id.describe('the host nation id'),
      policy: z.enum(['open', 'restrictive', 'closed']).describe('open = grant every request; restrictive = trusted partners and nations on its conditions only; closed = refuse'),
    })
    .strict()
    .describe(
      'host changes its consent policy (closed = consent revoked): foreign nations the new policy would not admit are asked to leave (deployed teams draw down, teams on their way turn back); the host holds the policy until needs press harder, trust rises or a mechanism is accepted, then re-decides on its own',
    ),
  z.object({ type: z.literal('hotline.down'), between }).strict().describe('hotline outage'),
  z.object({ type: z.literal('hotline.up'), between }).strict().describe('hotline restored or opened'),
  z
    .object({ type: z.literal('trust.change'), between, delta: z.number().min(-1).max(1).describe('change of trust, -1..1 (the result stays within 0..1)') })
    .strict()
    .describe('trust between two nations rises or falls (an incident, a summit)'),
  z
    .object({ type: z.literal('budget.change'), nation: id.describe('the nation id'), deltaMusd: z.number().describe('change of its budget, MUSD') })
    .strict()
    .describe('budget cut (negative) or supplement'),
  z
    .object({ type: z.literal('pressure'), amount: z.number().min(-1).max(1).describe('change of media pressure, -1..1') })
    .strict()
    .describe('media and public pressure on every government'),
  z.object({ type: z.literal('escalation') }).strict().describe('a forced escalation event (conflict)'),
  z.object({ type: z.literal('attack') }).strict().describe('a forced attack (terrorism)'),
  z.object({ type: z.literal('mandate.grant'), organization: id.describe('the organization id') }).strict().describe('an organization mandates the response, e.g. a resolution passes'),
]);
export type InjectEffect = z.infer<typeof injectEffectSchema>;

/** When a contingency inject fires: every condition given must hold at its time. */
export const injectConditionSchema = z
  .object({
    notDeployed: id.optional().describe('this nation has no units in theatre'),
    coverageBelow: fraction.optional().describe('the share of needs met is below this'),
    notObserved: id.optional().describe('the expected action of this inject was not marked observed (in runs without evaluators it never is)'),
    decided: z
      .object({ nation: id.describe('the nation'), kind: z.string().min(1).describe('the decision kind, e.g. consent'), choice: z.string().min(1).describe('the option taken, e.g. closed') })
      .strict()
      .optional()
      .describe('this nation took this decision by then'),
  })
  .strict()
  .refine((condition) => Object.keys(condition).length > 0, { message: 'give at least one condition: notDeployed, coverageBelow, notObserved or decided' })
  .describe('contingency: the inject fires at its time only if all these hold, in runs and drills alike');
export type InjectCondition = z.infer<typeof injectConditionSchema>;

export const injectSchema = z
  .object({
    id: id.describe('short unique id of the inject (the MSEL event reference)'),
    atHours: hours.describe('scenario time of the inject, hours from onset'),
    title: z.string().min(1).describe('one-line synopsis of the event'),
    description: z.string().default('').describe('the message or description delivered to players'),
    effect: injectEffectSchema.default({ type: 'none' }).describe('what the inject changes in the simulated world, chosen by type'),
    from: z.string().default('').describe('MSEL: who sends the inject (e.g. SIMCELL, media)'),
    to: z.string().default('').describe('MSEL: intended player(s)'),
    mode: z.string().default('').describe('MSEL: inject mode (phone, email, news report, briefing)'),
    expectedAction: z.string().default('').describe('MSEL: the player action the designers expect'),
    objective: z.string().default('').describe('MSEL: the exercise objective or capability tested'),
    notes: z.string().default('').describe('MSEL: notes for controllers and evaluators'),
    tasks: z.array(id).optional().describe('ids of the critical tasks (evaluation) this inject tests'),
    when: injectConditionSchema.optional(),
  })
  .strict();

export const parametersSchema = z
  .object({
    diplomaticLatencyHours: hours.default(DEFAULT_LATENCY_HOURS.diplomatic).describe('message latency between governments without a hotline, hours each way'),
    hotlineLatencyHours: hours.default(DEFAULT_LATENCY_HOURS.hotline).describe('message latency over a hotline, hours each way'),
    integrationHours: hours.default(48).describe('integration delay for a contributor sharing no framework with the host, before joint training'),
    intelligenceArrangementHours: hours.default(96).describe('hours to arrange intelligence sharing where the host does not share freely'),
    duplication: fraction.default(0.2).describe('share of effort wasted when several contributors work without a coordination cell'),
    duplicationWithCell: fraction.default(0.05).describe('the same once a coordination cell works'),
    drawdownHours: hours.default(72).describe('hours from the end of relief until a contributor no longer needed in the recovery (or one asked to leave) has withdrawn'),
    budgetPeriodHours: z
      .number()
      .positive()
      .finite()
      .nullable()
      .default(null)
      .describe('hours a government budgets its offer for: the running cost of its units over this period is weighed against its budget and its motive; null = the horizon. Set it where the horizon is long only to see the operation end, so watching longer changes no decision'),
    // ---- diplomacy ----
    peacetimeCostsMusdPerYear: peacetimeCostsSchema.default(() => peacetimeCostsSchema.parse({})),
  })
  .strict();

// ---- logistics (issue 12): ports of entry ------------------------------------------------

export const portSchema = z
  .object({
    id: id.describe('short unique id of the port, e.g. pap-airport'),
    name: z.string().min(1).describe('name shown in reports'),
    country: id.describe("nation whose soil the port is on; a port outside the crisis hosts is a staging port in a third country, used only with that country's consent (a SOFA, MOU or protocol with it, or trust >= 0.5)"),
    kind: z.enum(['airport', 'seaport', 'land-crossing']).default('airport').describe('what the port is; reports name it'),
    slots: z.number().int().positive().describe('movements handled at once at full capacity (runway slots and apron stands, berths, lanes); a movement brings one unit'),
    handlingHours: z.number().positive().finite().describe('hours one movement holds a slot: landing or berthing, unloading, turnaround'),
    slotsAtOnset: z.number().int().nonnegative().nullable().default(null).describe('slots working at onset, the rest lost to the disaster; null = all'),
    restoredBy: z
      .object({
        capability: id.describe('capability whose units restore the port (an airfield-opening or port-engineering team)'),
        units: z.number().int().positive().default(1).describe('units of that capability in theatre that bring the port back to all its slots'),
      })
      .strict()
      .nullable()
      .default(null)
      .describe('what restores lost slots; null = they stay lost'),
    divertTo: id.nullable().default(null).describe('port that arriving movements divert to when this one has divertWhenWaiting movements waiting; null = never divert'),
    divertWhenWaiting: z.number().int().positive().default(10).describe('movements waiting here from which new arrivals divert'),
    onwardHours: hours.default(0).describe('hours from this port to the crisis area (by road from a staging port)'),
    serves: z.array(id).default([]).describe('nations whose movements come here first; empty = every foreign contributor without a port of its own (the first such port of a host)'),
  })
  .strict();

export const liftSchema = z
  .object({
    id: id.describe('short unique id of the lift pool, e.g. us-amc or salis'),
    name: z.string().min(1).describe('name shown in reports'),
    users: z.array(id).min(1).describe('contributors whose units fly or sail in this pool (a nation listed in several uses the first)'),
    aircraft: z.number().int().positive().describe('movements under way at once: aircraft or ships of the pool available for this response'),
    tripHours: z.number().positive().finite().describe('hours from the home base to the port of entry (or the crisis area); an aircraft is busy for the round trip'),
  })
  .strict();

export const logisticsSchema = z
  .object({
    ports: z.array(portSchema).default([]).describe('ports of entry: foreign units arrive one movement at a time through their queues; none = units arrive whole after readiness'),
    lift: z.array(liftSchema).default([]).describe('strategic lift shared by its users: each unit waits for an aircraft or ship of its pool and flies tripHours; none = a nation moves its own units'),
    inTheatre: z.array(id).default([]).describe('foreign contributors already in theatre (a standing mission): their units need no port of entry'),
  })
  .strict();

/** A public source the scenario's numbers rest on (shown to reviewers; changes nothing in a run). */
export const sourceSchema = z
  .object({
    title: z.string().min(1).describe('title of the report, fact sheet, article or data set'),
    publisher: z.string().default('').describe('who published it, e.g. UN OCHA, USAID, a ministry'),
    date: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date YYYY, YYYY-MM or YYYY-MM-DD')
      .optional()
      .describe('publication date, YYYY-MM-DD (or YYYY-MM, YYYY)'),
    url: z.string().regex(/^https?:\/\/\S+$/, 'a web address starting with http:// or https://').optional().describe('where to read it'),
    supports: z.string().default('').describe('which numbers of the scenario it backs, e.g. "first foreign USAR team ~6 h"'),
  })
  .strict();

export const scenarioSchema = z
  .object({
    id: id.describe('short unique id of the scenario, e.g. caribbean-earthquake'),
    name: z.string().min(1).describe('title shown in reports'),
    description: z.string().default('').describe('what happens, in a sentence or two, for the people running the exercise'),
    objectives: z.array(z.string()).default([]).describe('exercise objectives shown in reports'),
    horizonHours: z.number().positive().max(SCENARIO_LIMITS.maxHorizonHours).default(720).describe('simulated hours a run lasts; milestones not reached by then are censored'),
    nations: z.array(nationSchema).min(1).describe('every nation in the scenario: hosts, contributors and bystanders'),
    relations: z.array(relationSchema).default([]).describe(`ties between pairs of nations; a pair not listed has trust ${UNDECLARED_PAIR_TRUST} and no agreements`),
    organizations: z.array(organizationSchema).default([]).describe('international organizations that can mandate a response'),
    crisis: crisisSchema.describe('what happened, where, and what it needs'),
    injects: z.array(injectSchema).default([]).describe('timed events that change the world: the Master Scenario Events List (MSEL)'),
    parameters: parametersSchema.default(() => parametersSchema.parse({})).describe('model constants; the defaults suit most scenarios'),
    logistics: logisticsSchema.default(() => logisticsSchema.parse({})).describe('ports of entry and their queues, strategic lift (issue 12)'),
    sources: z.array(sourceSchema).default([]).describe("public sources of the scenario's numbers (reports, fact sheets, assessments); changes nothing in a run"),
    ...exerciseFields,
  })
  .strict()
  .superRefine((scenario, context) => {
    scenario.crisis.needs.forEach((need, index) => {
      const grown = needAtHorizon(need.initial, need.doublingHours, scenario.horizonHours);
      if (grown !== undefined) {
        context.addIssue({ code: 'custom', path: ['crisis', 'needs', index, 'doublingHours'], message: `the need would grow to ${grown.toExponential(1)} units by the horizon (${scenario.horizonHours} h); the limit is ${SCENARIO_LIMITS.maxGrownNeedUnits}: double more slowly or end the run sooner` });
      }
    });
  });

/** What a doubling need grows to by `horizonHours` when that is over the limit (or overflows), else undefined. */
export function needAtHorizon(initial: number, doublingHours: number | null, horizonHours: number): number | undefined {
  if (doublingHours === null) return undefined;
  const grown = initial * 2 ** (horizonHours / doublingHours);
  return grown > SCENARIO_LIMITS.maxGrownNeedUnits || !Number.isFinite(grown) ? grown : undefined;
}

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Nation = Scenario['nations'][number];
export type Resource = Nation['resources'][number];
export type Relation = Scenario['relations'][number];
export type Organization = Scenario['organizations'][number];
export type Crisis = Scenario['crisis'];
export type Need = Crisis['needs'][number];
export type Hazard = NonNullable<Crisis['escalation']>;
export type Inject = Scenario['injects'][number];
export type Parameters = Scenario['parameters'];
export type Port = Scenario['logistics']['ports'][number];
export type Lift = Scenario['logistics']['lift'][number];
export type CrisisKind = Crisis['kind'];
export type Source = Scenario['sources'][number];
