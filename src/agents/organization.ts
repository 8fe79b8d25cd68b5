import { setup } from 'xstate';

/** What an organization machine asks of the simulation; implemented in engine/organization-runtime.ts. */
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

/**
 * A regional or UN body deciding on a mandate: convening -> deliberating -> voting ->
 * mandated, or deadlocked and, after reconvening, voting again until rounds run out. Its
 * coordination cell, if it has one, is a machine of its own (coordination-cell.ts).
 */
export const organizationMachine = setup({
  types: {
    context: {} as { port: OrganizationPort },
    input: {} as { port: OrganizationPort },
    events: {} as OrganizationEvent,
  },
  delays: {
    convene: ({ context }) => context.port.conveneHours(),
    deliberation: ({ context }) => context.port.deliberationHours(),
    reconvene: ({ context }) => context.port.reconveneHours(),
  },
  guards: {
    passed: ({ context }) => context.port.votePassed(),
    roundsLeft: ({ context }) => context.port.roundsLeft(),
  },
  actions: {
    callVote: ({ context }) => context.port.callVote(),
    grantMandate: ({ context }) => context.port.grantMandate(),
  },
}).createMachine({
  id: 'organization',
  context: ({ input }) => ({ port: input.port }),
  initial: 'idle',
  on: { 'mandate.imposed': '.mandated' },
  states: {
    idle: { on: { 'mandate.requested': 'convening' } },
    convening: { after: { convene: 'deliberating' } },
    deliberating: { after: { deliberation: 'voting' } },
    voting: {
      entry: 'callVote',
      on: {
        'votes.counted': [
          { guard: 'passed', target: 'mandated' },
          { guard: 'roundsLeft', target: 'deadlocked' },
          { target: 'blocked' },
        ],
      },
    },
    deadlocked: { after: { reconvene: 'deliberating' } },
    blocked: {},
    mandated: {
      entry: 'grantMandate',
      // Members asking from now on are answered at once by the runtime; an imposed mandate changes nothing.
      on: { 'mandate.imposed': {} },
    },
  },
});
