import { setup } from 'xstate';

/** What a mediation machine asks of the simulation; implemented in engine/diplomacy/mediation-runtime.ts. */
export interface MediationPort {
  /** Hours for the mediator to convene the parties. */
  conveneHours(): number;
  /** Hours of one shuttle round: messages both ways plus the round's meetings. */
  roundHours(): number;
  /** Puts the proposal to the host; `proposal.answered` follows. */
  askHost(): void;
  roundsLeft(): boolean;
  /** The host accepted: the access mechanism opens. */
  succeed(): void;
  /** Rounds ran out. */
  fail(): void;
}

export type MediationEvent = { type: 'proposal.answered'; accepted: boolean };

/**
 * Mediation between a host that keeps help out and would-be helpers: the mediator
 * convenes, shuttles between the parties, and puts a proposal (an access mechanism under
 * its umbrella) to the host each round until it is accepted or rounds run out.
 */
export const mediationMachine = setup({
  types: {
    context: {} as { port: MediationPort },
    input: {} as { port: MediationPort },
    events: {} as MediationEvent,
  },
  delays: {
    convene: ({ context }) => context.port.conveneHours(),
    round: ({ context }) => context.port.roundHours(),
  },
  guards: {
    accepted: ({ event }) => event.accepted,
    roundsLeft: ({ context }) => context.port.roundsLeft(),
  },
  actions: {
    askHost: ({ context }) => context.port.askHost(),
    succeed: ({ context }) => context.port.succeed(),
    fail: ({ context }) => context.port.fail(),
  },
}).createMachine({
  id: 'mediation',
  context: ({ input }) => ({ port: input.port }),
  initial: 'convening',
  states: {
    convening: { after: { convene: 'shuttling' } },
    shuttling: { after: { round: 'proposing' } },
    proposing: {
      entry: 'askHost',
      on: {
        'proposal.answered': [
          { guard: 'accepted', target: 'accepted', actions: 'succeed' },
          { guard: 'roundsLeft', target: 'shuttling' },
          { target: 'failed', actions: 'fail' },
        ],
      },
    },
    accepted: { type: 'final' },
    failed: { type: 'final' },
  },
});
