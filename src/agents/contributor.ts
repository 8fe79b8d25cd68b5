import { chartLogic, type ChartActor } from './chart.js';

/** Which delay a contributor draws, each from its own random stream. */
export type ContributorDelay = 'detect' | 'decide' | 'authorize' | 'reassess' | 'integration' | 'drawdown';

/** What a contributor agent asks of the simulation; implemented in engine/contributor-runtime.ts. */
export interface ContributorPort {
  delayHours(delay: ContributorDelay): number;
  mandateRequired(): boolean;
  consentRequired(): boolean;
  needsIntegration(): boolean;
  needsIntelligence(): boolean;
  /** Units this offer would commit, given budget, capacity and host limits. */
  unitsOffered(choice: OfferChoice): number;
  askActDecision(): void;
  askMandateDecision(): void;
  askOfferDecision(): void;
  requestMandate(): void;
  proceedWithoutMandate(): void;
  requestConsent(): void;
  /** Asks the host(s) to share intelligence; `intelligence.settled` follows. */
  requestIntelligence(): void;
  commitOffer(choice: OfferChoice): void;
  dispatchUnits(): void;
  /** `units` units of the `pool`-th committed pool arrived in theatre. */
  recordArrival(pool: number, units: number): void;
  /** Whether the host's armed-forces rules, not budget or capacity, keep every unit out. */
  blockedBySovereignty(): boolean;
  /** Relief is over: whether this nation's units stay on for the recovery (foreign units still needed). */
  staysForRecovery(): boolean;
  /**
   * Recovery begins: the units the need no longer calls for go home at each daily review,
   * and `handed.over` follows when none are left.
   */
  beginRecovery(): void;
  withdraw(): void;
}

export type OfferChoice = 'all' | 'civilian-only' | 'half';

export type ContributorEvent =
  | { type: 'decision.act' }
  | { type: 'decision.standby' }
  | { type: 'decision.seek-mandate' }
  | { type: 'decision.proceed' }
  | { type: 'decision.offer'; choice: OfferChoice }
  | { type: 'mandate.granted' }
  | { type: 'consent.granted' }
  | { type: 'consent.revoked' }
  | { type: 'talks.started' }
  | { type: 'talks.ended' }
  | { type: 'mediation.started' }
  | { type: 'mediation.ended' }
  | { type: 'intelligence.settled' }
  | { type: 'budget.changed' }
  | { type: 'units.arrived'; pool: number; units: number }
  | { type: 'movement.queued' }
  | { type: 'movement.held' }
  | { type: 'movement.cleared' }
  | { type: 'crisis.resolved' }
  | { type: 'handed.over' }
  | { type: 'reassess' };

export type ContributorState =
  | 'monitoring' | 'assessing' | 'deciding' | 'standingBy' | 'authorizing' | 'choosingMandate' | 'awaitingMandate'
  | 'awaitingConsent' | 'inTalks' | 'awaitingMediation' | 'preparing' | 'integrating' | 'awaitingIntelligence'
  | 'offering' | 'awaitingResources' | 'awaitingClearance' | 'mobilizing' | 'awaitingEntry' | 'inTransit' | 'awaitingSlot' | 'deployed'
  | 'recovering' | 'drawingDown' | 'withdrawn' | 'stoodDown';

type Port = ContributorPort;

const mandateRequired = (port: Port) => port.mandateRequired();
const consentRequired = (port: Port) => port.consentRequired();
const needsIntelligence = (port: Port) => port.needsIntelligence();
const proceedWithoutMandate = (port: Port) => port.proceedWithoutMandate();
const recordArrival = (port: Port, event: ContributorEvent) => {
  if (event.type === 'units.arrived') port.recordArrival(event.pool, event.units);
};
const delay = (which: ContributorDelay) => (port: Port) => port.delayHours(which);
/** A host that tightened its policy asked the nation to leave before its units were in: it turns back. */
const TURN_BACK = { 'consent.revoked': 'withdrawn' } as const;
const ARRIVED = { target: 'deployed', action: recordArrival } as const;

/**
 * A nation that may send help abroad (or, as host, respond at home), modelled as the
 * diplomatic and military process it goes through. States that wait on someone else are
 * stalls; their causes are listed in metrics/definitions.ts (STALL_CAUSE_BY_STATE).
 * Run as a transition actor (agents/chart.ts).
 */
export const contributorLogic = chartLogic<ContributorState, Port, ContributorEvent>({
  initial: 'monitoring',
  on: { 'crisis.resolved': 'stoodDown' },
  states: {
    monitoring: { after: { delayHours: delay('detect'), then: 'assessing' } },
    assessing: { after: { delayHours: delay('decide'), then: 'deciding' } },
    deciding: {
      entry: (port) => port.askActDecision(),
      on: { 'decision.act': 'authorizing', 'decision.standby': 'standingBy' },
    },
    standingBy: {
      after: { delayHours: delay('reassess'), then: 'deciding' },
      on: { reassess: 'deciding' },
    },
    authorizing: {
      after: {
        delayHours: delay('authorize'),
        then: [{ guard: mandateRequired, target: 'choosingMandate' }, { guard: consentRequired, target: 'awaitingConsent' }, { target: 'preparing' }],
      },
    },
    choosingMandate: {
      entry: (port) => port.askMandateDecision(),
      on: {
        'decision.seek-mandate': 'awaitingMandate',
        'decision.proceed': [
          { guard: consentRequired, target: 'awaitingConsent', action: proceedWithoutMandate },
          { target: 'preparing', action: proceedWithoutMandate },
        ],
      },
    },
    awaitingMandate: {
      entry: (port) => port.requestMandate(),
      on: { 'mandate.granted': [{ guard: consentRequired, target: 'awaitingConsent' }, { target: 'preparing' }] },
    },
    awaitingConsent: {
      entry: (port) => port.requestConsent(),
      on: { 'consent.granted': 'preparing', 'talks.started': 'inTalks', 'mediation.started': 'awaitingMediation' },
    },
    // Kept out by a host: bilateral talks, or a third party's mediation, under way. Leaving
    // them re-sends the request, now with the trust and mechanisms they produced.
    inTalks: { on: { 'consent.granted': 'preparing', 'talks.ended': 'awaitingConsent', 'mediation.started': 'awaitingMediation' } },
    awaitingMediation: { on: { 'consent.granted': 'preparing', 'mediation.ended': 'awaitingConsent' } },
    preparing: {
      always: [
        { guard: (port) => port.needsIntegration(), target: 'integrating' },
        { guard: needsIntelligence, target: 'awaitingIntelligence' },
        { target: 'offering' },
      ],
    },
    integrating: {
      after: { delayHours: delay('integration'), then: [{ guard: needsIntelligence, target: 'awaitingIntelligence' }, { target: 'offering' }] },
      on: TURN_BACK,
    },
    awaitingIntelligence: { entry: (port) => port.requestIntelligence(), on: { 'intelligence.settled': 'offering', ...TURN_BACK } },
    offering: {
      entry: (port) => port.askOfferDecision(),
      on: {
        ...TURN_BACK,
        'decision.offer': [
          { guard: (port, event) => port.unitsOffered(event.choice) > 0, target: 'mobilizing', action: (port, event) => port.commitOffer(event.choice) },
          { guard: (port) => port.blockedBySovereignty(), target: 'awaitingClearance' },
          { target: 'awaitingResources' },
        ],
      },
    },
    awaitingResources: { on: { 'budget.changed': 'offering', reassess: 'offering', ...TURN_BACK } },
    awaitingClearance: { on: { 'budget.changed': 'offering', reassess: 'offering', ...TURN_BACK } },
    mobilizing: {
      entry: (port) => port.dispatchUnits(),
      on: { 'units.arrived': ARRIVED, 'movement.held': 'awaitingEntry', 'movement.queued': 'awaitingSlot', ...TURN_BACK },
    },
    // Ready, but the first pool waits for the hosts' legal clearance or a host liaison officer: a clearance stall.
    awaitingEntry: { on: { 'movement.cleared': 'inTransit', 'units.arrived': ARRIVED, 'movement.queued': 'awaitingSlot', ...TURN_BACK } },
    // Cleared after such a wait and on its way (flying in, or about to land).
    inTransit: { on: { 'units.arrived': ARRIVED, 'movement.queued': 'awaitingSlot', ...TURN_BACK } },
    // Ready, but the first movements wait for slots at a port of entry: a logistics stall.
    awaitingSlot: { on: { 'units.arrived': ARRIVED, ...TURN_BACK } },
    deployed: {
      on: {
        'units.arrived': { action: recordArrival },
        'crisis.resolved': [{ guard: (port) => port.staysForRecovery(), target: 'recovering' }, { target: 'drawingDown' }],
        // Asked to leave by a host that tightened its policy: the teams pack up and go.
        'consent.revoked': 'drawingDown',
      },
    },
    // Relief is over; units go home as the host and the others in theatre can take over
    // their work (reviewed daily), and the nation has left once all of them have.
    recovering: {
      entry: (port) => port.beginRecovery(),
      on: { 'units.arrived': { action: recordArrival }, 'handed.over': 'withdrawn', 'consent.revoked': 'drawingDown' },
    },
    drawingDown: { after: { delayHours: delay('drawdown'), then: 'withdrawn' } },
    withdrawn: { entry: (port) => port.withdraw(), final: true },
    stoodDown: { final: true },
  },
});

export type ContributorActor = ChartActor<ContributorState, Port, ContributorEvent>;
