import { setup } from 'xstate';

/** What a talks machine asks of the simulation; implemented in engine/diplomacy/talks-runtime.ts. */
export interface TalksPort {
  /** Hours until the delegations meet: the channel's latency (hotline, embassy). */
  channelHours(): number;
  /** Hours the meeting lasts. */
  meetingHours(): number;
  /** Draws the outcome from both sides' interests and trust; true when they agree. */
  agree(): boolean;
  /** Applies the outcome: trust, the host's reconsideration, the requester's machine. */
  conclude(agreed: boolean): void;
}

/**
 * Bilateral talks between a would-be helper and a host: requested, the delegations meet
 * after the channel's latency, the meeting ends in agreement or not.
 */
export const talksMachine = setup({
  types: {
    context: {} as { port: TalksPort },
    input: {} as { port: TalksPort },
  },
  delays: {
    channel: ({ context }) => context.port.channelHours(),
    meeting: ({ context }) => context.port.meetingHours(),
  },
  guards: {
    agree: ({ context }) => context.port.agree(),
  },
  actions: {
    agreed: ({ context }) => context.port.conclude(true),
    failed: ({ context }) => context.port.conclude(false),
  },
}).createMachine({
  id: 'talks',
  context: ({ input }) => ({ port: input.port }),
  initial: 'requested',
  states: {
    requested: { after: { channel: 'meeting' } },
    meeting: {
      after: {
        meeting: [
          { guard: 'agree', target: 'agreed', actions: 'agreed' },
          { target: 'failed', actions: 'failed' },
        ],
      },
    },
    agreed: { type: 'final' },
    failed: { type: 'final' },
  },
});
