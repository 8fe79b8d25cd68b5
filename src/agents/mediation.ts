import { chartLogic, type ChartActor } from './chart.js';

/** What a mediation agent asks of the simulation; implemented in engine/diplomacy/mediation-runtime.ts. */
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

export type MediationState = 'convening' | 'shuttling' | 'proposing' | 'accepted' | 'failed';

/**
 * Mediation between a host that keeps help out and would-be helpers: the mediator
 * convenes, shuttles between the parties, and puts a proposal (an access mechanism under
 * its umbrella) to the host each round until it is accepted or rounds run out. Run as a
 * transition actor (agents/chart.ts).
 */
export const mediationLogic = chartLogic<MediationState, MediationPort, MediationEvent>({
  initial: 'convening',
  states: {
    convening: { after: { delayHours: (port) => port.conveneHours(), then: 'shuttling' } },
    shuttling: { after: { delayHours: (port) => port.roundHours(), then: 'proposing' } },
    proposing: {
      entry: (port) => port.askHost(),
      on: {
        'proposal.answered': [
          { guard: (_, event) => event.accepted, target: 'accepted', action: (port) => port.succeed() },
          { guard: (port) => port.roundsLeft(), target: 'shuttling' },
          { target: 'failed', action: (port) => port.fail() },
        ],
      },
    },
    accepted: { final: true },
    failed: { final: true },
  },
});

export type MediationActor = ChartActor<MediationState, MediationPort, MediationEvent>;
