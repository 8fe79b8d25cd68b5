import { chartLogic, type ChartActor } from './chart.js';

/** What a talks agent asks of the simulation; implemented in engine/diplomacy/talks-runtime.ts. */
export interface TalksPort {
  /** Hours until the delegations meet: the channel's latency (hotline, embassy). */
  channelHours(): number;
  /** Hours the meeting lasts. */
  meetingHours(): number;
  /** Draws the outcome from both sides' interests and trust; true when they agree. */
  agree(): boolean;
  /** Applies the outcome: trust, the host's reconsideration, the requester's agent. */
  conclude(agreed: boolean): void;
}

export type TalksState = 'requested' | 'meeting' | 'agreed' | 'failed';

/**
 * Bilateral talks between a would-be helper and a host: requested, the delegations meet
 * after the channel's latency, the meeting ends in agreement or not. Run as a transition
 * actor (agents/chart.ts); it receives no events but its own timers.
 */
export const talksLogic = chartLogic<TalksState, TalksPort, never>({
  initial: 'requested',
  states: {
    requested: { after: { delayHours: (port) => port.channelHours(), then: 'meeting' } },
    meeting: {
      after: {
        delayHours: (port) => port.meetingHours(),
        then: [
          { guard: (port) => port.agree(), target: 'agreed', action: (port) => port.conclude(true) },
          { target: 'failed', action: (port) => port.conclude(false) },
        ],
      },
    },
    agreed: { final: true },
    failed: { final: true },
  },
});

export type TalksActor = ChartActor<TalksState, TalksPort, never>;
