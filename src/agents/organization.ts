import { chartLogic, type ChartActor } from './chart.js';

/** What an organization agent asks of the simulation; implemented in engine/organization-runtime.ts. */
export interface OrganizationPort {
  conveneHours(): number;
  deliberationHours(): number;
  reconveneHours(): number;
  /** Asks every member for its vote; `votes.counted` follows once all have voted. */
  callVote(): void;
  votePassed(): boolean;
  roundsLeft(): boolean;
  /** Records the mandate, tells every member that asked for it and engages the coordination cell. */
  grantMandate(): void;
}

export type OrganizationEvent =
  | { type: 'mandate.requested' }
  | { type: 'votes.counted' }
  | { type: 'mandate.imposed' };

export type OrganizationState = 'idle' | 'convening' | 'deliberating' | 'voting' | 'deadlocked' | 'blocked' | 'mandated';

/**
 * A regional or UN body deciding on a mandate: convening -> deliberating -> voting ->
 * mandated, or deadlocked and, after reconvening, voting again until rounds run out. Its
 * coordination cell, if it has one, is an agent of its own (coordination-cell.ts). Run as a
 * transition actor (agents/chart.ts).
 */
export const organizationLogic = chartLogic<OrganizationState, OrganizationPort, OrganizationEvent>({
  initial: 'idle',
  on: { 'mandate.imposed': 'mandated' },
  states: {
    idle: { on: { 'mandate.requested': 'convening' } },
    convening: { after: { delayHours: (port) => port.conveneHours(), then: 'deliberating' } },
    deliberating: { after: { delayHours: (port) => port.deliberationHours(), then: 'voting' } },
    voting: {
      entry: (port) => port.callVote(),
      on: {
        'votes.counted': [
          { guard: (port) => port.votePassed(), target: 'mandated' },
          { guard: (port) => port.roundsLeft(), target: 'deadlocked' },
          { target: 'blocked' },
        ],
      },
    },
    deadlocked: { after: { delayHours: (port) => port.reconveneHours(), then: 'deliberating' } },
    blocked: {},
    mandated: {
      entry: (port) => port.grantMandate(),
      // Members asking from now on are answered at once by the runtime; an imposed mandate changes nothing.
      on: { 'mandate.imposed': {} },
    },
  },
});

export type OrganizationActor = ChartActor<OrganizationState, OrganizationPort, OrganizationEvent>;
