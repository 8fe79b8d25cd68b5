import { setup } from 'xstate';

/** What an organization machine asks of the simulation; implemented in engine/organization-runtime.ts. */
export interface OrganizationPort {
  conveneHours(): number;
  deliberationHours(): number;
  reconveneHours(): number;
  coordinationSetupHours(): number;
  hasCoordinationCell(): boolean;
  /** Asks every member for its vote; `votes.counted` follows once all have voted. */
  callVote(): void;
  votePassed(): boolean;
  roundsLeft(): boolean;
  /** Records the mandate and tells every member that asked for it. */
  grantMandate(): void;
  openCoordinationCell(): void;
}

export type OrganizationEvent =
  | { type: 'mandate.requested' }
  | { type: 'votes.counted' }
  | { type: 'mandate.imposed' };

/**
 * A regional or UN body deciding on a mandate: convening -> deliberating -> voting ->
 * mandated, or deadlocked and, after reconvening, voting again until rounds run out.
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
    cellSetup: ({ context }) => context.port.coordinationSetupHours(),
  },
  guards: {
    passed: ({ context }) => context.port.votePassed(),
    roundsLeft: ({ context }) => context.port.roundsLeft(),
    hasCell: ({ context }) => context.port.hasCoordinationCell(),
  },
  actions: {
    callVote: ({ context }) => context.port.callVote(),
    grantMandate: ({ context }) => context.port.grantMandate(),
    openCoordinationCell: ({ context }) => context.port.openCoordinationCell(),
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
      initial: 'settingUpCell',
      states: {
        settingUpCell: {
          always: { guard: ({ context }) => !context.port.hasCoordinationCell(), target: 'working' },
          after: { cellSetup: { target: 'working', actions: 'openCoordinationCell' } },
        },
        working: {},
      },
    },
  },
});
