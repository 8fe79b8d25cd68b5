/**
 * Every metric a run records, defined once with its unit. docs/metrics.md documents each
 * name here (a test checks it), and the CSV writers take their columns from these lists.
 */

export const STALL_CAUSES = ['bureaucracy', 'mandate', 'consent', 'talks', 'mediation', 'resources', 'interoperability', 'intelligence', 'logistics', 'clearance'] as const;
export type StallCause = (typeof STALL_CAUSES)[number];

/** Contributor states that are stalls, and why. Other states are work or waiting by choice. */
export const STALL_CAUSE_BY_STATE: Readonly<Record<string, StallCause>> = {
  authorizing: 'bureaucracy',
  choosingMandate: 'mandate',
  awaitingMandate: 'mandate',
  awaitingConsent: 'consent',
  awaitingClearance: 'consent',
  inTalks: 'talks',
  awaitingMediation: 'mediation',
  awaitingResources: 'resources',
  integrating: 'interoperability',
  awaitingIntelligence: 'intelligence',
  awaitingSlot: 'logistics',
  awaitingEntry: 'clearance',
};

export const RUN_METRICS = [
  { name: 'firstResponseHours', unit: 'hours', censorable: true, description: 'first arrival of foreign (non-host) units in theatre' },
  { name: 'needsMet50Hours', unit: 'hours', censorable: true, description: 'first time coverage (mean met share over capabilities, see *coverage*) reaches 50%' },
  { name: 'needsMet90Hours', unit: 'hours', censorable: true, description: 'first time coverage reaches 90%' },
  { name: 'unmetNeedHours', unit: 'unit-hours', censorable: false, description: 'area under the unmet-need curve from onset to resolution or horizon' },
  { name: 'peakUnmetNeed', unit: 'units', censorable: false, description: 'largest total unmet need at any time' },
  { name: 'escalations', unit: 'count', censorable: false, description: 'conflict escalation events' },
  { name: 'attacks', unit: 'count', censorable: false, description: 'terrorist attacks' },
  { name: 'accessHours', unit: 'hours', censorable: true, description: 'first time a host that started closed admits any foreign help' },
  { name: 'mediationHours', unit: 'hours', censorable: true, description: 'hours from the start of the first mediation to the host accepting its proposal' },
  { name: 'incidents', unit: 'count', censorable: false, description: 'incidents between the forces of rival intervening powers' },
  { name: 'operationHours', unit: 'hours', censorable: true, description: 'operation length: from the first foreign units in theatre until the last foreign units left (recovery and transition included)' },
  { name: 'peakForeignPersonnel', unit: 'people', censorable: false, description: 'most foreign personnel in theatre at once (units x personnelPerUnit)' },
  { name: 'foreignPersonnelDays', unit: 'person-days', censorable: false, description: 'foreign personnel in theatre integrated over time, to the horizon' },
  { name: 'operationCostMusd', unit: 'MUSD', censorable: false, description: 'running cost of every foreign contributor\'s deployed units, to the horizon' },
  { name: 'preparednessCostMusd', unit: 'MUSD/year', censorable: false, description: 'peacetime cost of the levers built before the crisis (agreements, hotlines, joint training, liaison officers)' },
] as const;

export const NATION_MILESTONES = [
  { name: 'detectHours', description: 'government learns of the crisis' },
  { name: 'decideHours', description: 'decision to act taken' },
  { name: 'authorizeHours', description: 'domestic authorization complete' },
  { name: 'mandateHours', description: 'mandate obtained (null when none was needed or it never came; listed in notApplicable when none was needed)' },
  { name: 'consentHours', description: 'consent of every host obtained (null when none was needed or it never came; listed in notApplicable when none was needed)' },
  { name: 'firstDeployHours', description: 'first units arrive in theatre' },
  { name: 'fullDeployHours', description: 'all committed units are in theatre' },
] as const;

export type RunMetricName = (typeof RUN_METRICS)[number]['name'];
export type NationMilestone = (typeof NATION_MILESTONES)[number]['name'];

/** Milestones a nation's process may skip: a host asks no one, a nation may need no mandate or consent. */
export const SKIPPABLE_MILESTONES = ['mandateHours', 'consentHours'] as const satisfies readonly NationMilestone[];

export type NationMetrics = { [K in NationMilestone]: number | null } & {
  /**
   * Milestones that do not apply to this nation in this run (it needed no mandate, asked
   * no host for consent, or is a host): null there means "not needed", not "not yet".
   */
  notApplicable: NationMilestone[];
  stallHours: Record<StallCause, number>;
  unitsDelivered: number;
  /** MUSD. */
  cost: number;
  /** True when the nation was asked to act and never committed. */
  declined: boolean;
  /** Conditions the nation attached to its requests for consent. */
  conditions: string[];
  /** Bilateral talks it requested. */
  talksHeld: number;
};

/** How trust between one pair moved during a run. */
export interface RelationMetrics {
  between: [string, string];
  trustStart: number;
  trustEnd: number;
  trustMin: number;
  talks: number;
}

/** One mediation of a run. */
export interface MediationMetrics {
  host: string;
  mediator: string;
  outcome: 'accepted' | 'failed' | 'under-way';
  startHours: number;
  /** Hours to acceptance; null when not accepted by the horizon. */
  hours: number | null;
  rounds: number;
}

export type RunMetrics = {
  firstResponseHours: number | null;
  operationHours: number | null;
  peakForeignPersonnel: number;
  foreignPersonnelDays: number;
  operationCostMusd: number;
  needsMet50Hours: number | null;
  needsMet90Hours: number | null;
  unmetNeedHours: number;
  peakUnmetNeed: number;
  escalations: number;
  attacks: number;
  accessHours: number | null;
  mediationHours: number | null;
  incidents: number;
  preparednessCostMusd: number;
  nations: Record<string, NationMetrics>;
  /** Per port of entry (`logistics.ports`); empty when the scenario declares none. */
  ports: Record<string, PortMetrics>;
  /** Per strategic lift pool (`logistics.lift`); empty when the scenario declares none. */
  lift: Record<string, LiftMetrics>;
  relations: RelationMetrics[];
  mediations: MediationMetrics[];
  /**
   * Run milestones that do not apply to this run, so their `null` means "not applicable",
   * not "not reached" (batch statistics leave them out instead of counting them as censored):
   * `accessHours` when no host started closed, `mediationHours` when no mediation began.
   * The engine fills it; every reader (batch columns, summaries) takes it from here. Absent: none.
   */
  notApplicable?: RunMilestoneSkippable[];
};

/** Run milestones that may not apply to a run: access when no host started closed, mediation when none began. */
export const SKIPPABLE_RUN_MILESTONES = ['accessHours', 'mediationHours'] as const satisfies readonly RunMetricName[];
export type RunMilestoneSkippable = (typeof SKIPPABLE_RUN_MILESTONES)[number];

/** What `metrics.ports.<id>` holds for each port of entry. */
export interface PortMetrics {
  /** Movements handled (units landed or berthed) by the horizon. */
  movements: number;
  /** Most movements waiting for a slot at once. */
  peakQueue: number;
  /** Mean hours a handled movement waited for a slot; null when none was handled. */
  meanWaitHours: number | null;
  /** Longest wait of a handled movement, hours; null when none was handled. */
  maxWaitHours: number | null;
  /** Movements that went to the port's `divertTo` port because the queue was long. */
  diverted: number;
}

/** What `metrics.lift.<id>` holds for each strategic lift pool: its aircraft as a queue. */
export type LiftMetrics = Omit<PortMetrics, 'diverted'>;

/** Every field of {@link PortMetrics}, with its unit, for docs/metrics.md. */
export const PORT_METRICS = [
  { name: 'movements', unit: 'count', description: 'movements handled (units landed or berthed) by the horizon' },
  { name: 'peakQueue', unit: 'count', description: 'most movements waiting for a slot at once' },
  { name: 'meanWaitHours', unit: 'hours', description: 'mean wait of a handled movement for a slot; null when none was handled' },
  { name: 'maxWaitHours', unit: 'hours', description: 'longest wait of a handled movement; null when none was handled' },
  { name: 'diverted', unit: 'count', description: "movements sent on to the port's divertTo port because its queue was long" },
] as const satisfies readonly { name: keyof PortMetrics; unit: string; description: string }[];

/** Every field of {@link LiftMetrics}, with its unit, for docs/metrics.md. */
export const LIFT_METRICS = [
  { name: 'movements', unit: 'count', description: 'units flown (aircraft departures) by the horizon' },
  { name: 'peakQueue', unit: 'count', description: 'most units waiting for an aircraft at once' },
  { name: 'meanWaitHours', unit: 'hours', description: 'mean wait of a flown unit for an aircraft; null when none flew' },
  { name: 'maxWaitHours', unit: 'hours', description: 'longest wait of a flown unit; null when none flew' },
] as const satisfies readonly { name: keyof LiftMetrics; unit: string; description: string }[];

/** Stall hours of zero for every cause. */
export function emptyStalls(): Record<StallCause, number> {
  return { bureaucracy: 0, mandate: 0, consent: 0, talks: 0, mediation: 0, resources: 0, interoperability: 0, intelligence: 0, logistics: 0, clearance: 0 };
}
