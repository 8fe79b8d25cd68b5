import { setup } from 'xstate';

/** Which delay a contributor draws, each from its own random stream. */
export type ContributorDelay = 'detect' | 'decide' | 'authorize' | 'reassess' | 'integration' | 'drawdown' | 'handover';

/** What a contributor machine asks of the simulation; implemented in engine/contributor-runtime.ts. */
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
  /** In recovery: whether the others in theatre can take over what this nation's units do. */
  canHandOver(): boolean;
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
  | { type: 'crisis.resolved' }
  | { type: 'reassess' };

/**
 * A nation that may send help abroad (or, as host, respond at home), modelled as the
 * diplomatic and military process it goes through. States that wait on someone else are
 * stalls; their causes are listed in metrics/definitions.ts (STALL_CAUSE_BY_STATE).
 */
/** A host that tightened its policy asked the nation to leave before its units were in: it turns back. */
const TURN_BACK = { 'consent.revoked': 'withdrawn' } as const;

export const contributorMachine = setup({
  types: {
    context: {} as { port: ContributorPort },
    input: {} as { port: ContributorPort },
    events: {} as ContributorEvent,
  },
  delays: {
    detect: ({ context }) => context.port.delayHours('detect'),
    decide: ({ context }) => context.port.delayHours('decide'),
    authorize: ({ context }) => context.port.delayHours('authorize'),
    reassess: ({ context }) => context.port.delayHours('reassess'),
    integration: ({ context }) => context.port.delayHours('integration'),
    drawdown: ({ context }) => context.port.delayHours('drawdown'),
    handover: ({ context }) => context.port.delayHours('handover'),
  },
  guards: {
    mandateRequired: ({ context }) => context.port.mandateRequired(),
    consentRequired: ({ context }) => context.port.consentRequired(),
    needsIntegration: ({ context }) => context.port.needsIntegration(),
    needsIntelligence: ({ context }) => context.port.needsIntelligence(),
    blockedBySovereignty: ({ context }) => context.port.blockedBySovereignty(),
    staysForRecovery: ({ context }) => context.port.staysForRecovery(),
    canHandOver: ({ context }) => context.port.canHandOver(),
    offerHasUnits: ({ context, event }) => event.type === 'decision.offer' && context.port.unitsOffered(event.choice) > 0,
  },
  actions: {
    askActDecision: ({ context }) => context.port.askActDecision(),
    askMandateDecision: ({ context }) => context.port.askMandateDecision(),
    askOfferDecision: ({ context }) => context.port.askOfferDecision(),
    requestMandate: ({ context }) => context.port.requestMandate(),
    proceedWithoutMandate: ({ context }) => context.port.proceedWithoutMandate(),
    requestConsent: ({ context }) => context.port.requestConsent(),
    requestIntelligence: ({ context }) => context.port.requestIntelligence(),
    commitOffer: ({ context, event }) => {
      if (event.type === 'decision.offer') context.port.commitOffer(event.choice);
    },
    dispatchUnits: ({ context }) => context.port.dispatchUnits(),
    recordArrival: ({ context, event }) => {
      if (event.type === 'units.arrived') context.port.recordArrival(event.pool, event.units);
    },
    withdraw: ({ context }) => context.port.withdraw(),
  },
}).createMachine({
  id: 'contributor',
  context: ({ input }) => ({ port: input.port }),
  initial: 'monitoring',
  on: { 'crisis.resolved': '.stoodDown' },
  states: {
    monitoring: { after: { detect: 'assessing' } },
    assessing: { after: { decide: 'deciding' } },
    deciding: {
      entry: 'askActDecision',
      on: { 'decision.act': 'authorizing', 'decision.standby': 'standingBy' },
    },
    standingBy: {
      after: { reassess: 'deciding' },
      on: { reassess: 'deciding' },
    },
    authorizing: {
      after: {
        authorize: [
          { guard: 'mandateRequired', target: 'choosingMandate' },
          { guard: 'consentRequired', target: 'awaitingConsent' },
          { target: 'preparing' },
        ],
      },
    },
    choosingMandate: {
      entry: 'askMandateDecision',
      on: {
        'decision.seek-mandate': 'awaitingMandate',
        'decision.proceed': [
          { guard: 'consentRequired', target: 'awaitingConsent', actions: 'proceedWithoutMandate' },
          { target: 'preparing', actions: 'proceedWithoutMandate' },
        ],
      },
    },
    awaitingMandate: {
      entry: 'requestMandate',
      on: {
        'mandate.granted': [{ guard: 'consentRequired', target: 'awaitingConsent' }, { target: 'preparing' }],
      },
    },
    awaitingConsent: {
      entry: 'requestConsent',
      on: { 'consent.granted': 'preparing', 'talks.started': 'inTalks', 'mediation.started': 'awaitingMediation' },
    },
    // Kept out by a host: bilateral talks, or a third party's mediation, under way. Leaving
    // them re-sends the request, now with the trust and mechanisms they produced.
    inTalks: { on: { 'consent.granted': 'preparing', 'talks.ended': 'awaitingConsent', 'mediation.started': 'awaitingMediation' } },
    awaitingMediation: { on: { 'consent.granted': 'preparing', 'mediation.ended': 'awaitingConsent' } },
    preparing: {
      always: [
        { guard: 'needsIntegration', target: 'integrating' },
        { guard: 'needsIntelligence', target: 'awaitingIntelligence' },
        { target: 'offering' },
      ],
    },
    integrating: {
      after: { integration: [{ guard: 'needsIntelligence', target: 'awaitingIntelligence' }, { target: 'offering' }] },
      on: TURN_BACK,
    },
    awaitingIntelligence: { entry: 'requestIntelligence', on: { 'intelligence.settled': 'offering', ...TURN_BACK } },
    offering: {
      entry: 'askOfferDecision',
      on: {
        ...TURN_BACK,
        'decision.offer': [
          { guard: 'offerHasUnits', target: 'mobilizing', actions: 'commitOffer' },
          { guard: 'blockedBySovereignty', target: 'awaitingClearance' },
          { target: 'awaitingResources' },
        ],
      },
    },
    awaitingResources: { on: { 'budget.changed': 'offering', reassess: 'offering', ...TURN_BACK } },
    awaitingClearance: { on: { 'budget.changed': 'offering', reassess: 'offering', ...TURN_BACK } },
    mobilizing: {
      entry: 'dispatchUnits',
      on: { 'units.arrived': { target: 'deployed', actions: 'recordArrival' }, 'movement.queued': 'awaitingSlot', ...TURN_BACK },
    },
    // Ready, but the first movements wait for slots at a port of entry: a logistics stall.
    awaitingSlot: {
      on: { 'units.arrived': { target: 'deployed', actions: 'recordArrival' }, ...TURN_BACK },
    },
    deployed: {
      on: {
        'units.arrived': { actions: 'recordArrival' },
        'crisis.resolved': [{ guard: 'staysForRecovery', target: 'recovering' }, { target: 'drawingDown' }],
        // Asked to leave by a host that tightened its policy: the teams pack up and go.
        'consent.revoked': 'drawingDown',
      },
    },
    // Relief is over; the units stay until the host and the others in theatre can take over
    // their work (checked every handover period), then draw down.
    recovering: {
      after: { handover: [{ guard: 'canHandOver', target: 'drawingDown' }, { target: 'recovering', reenter: true }] },
      on: { 'units.arrived': { actions: 'recordArrival' }, 'consent.revoked': 'drawingDown' },
    },
    drawingDown: { after: { drawdown: 'withdrawn' } },
    withdrawn: { entry: 'withdraw', type: 'final' },
    stoodDown: { type: 'final' },
  },
});
