import { chartLogic, type ChartActor, type ChartTransition } from './chart.js';
import type { HostPolicy } from '../model/world.js';

/** What a host agent asks of the simulation; implemented in engine/host-runtime.ts. */
export interface HostPort {
  deliberationHours(): number;
  reconsiderHours(): number;
  askPolicyDecision(): void;
  /** Applies the policy to the world and answers every waiting request under it. */
  adoptPolicy(policy: Exclude<HostPolicy, 'undecided'>): void;
  /** Answers requests that are waiting, under the current policy. */
  answerRequests(): void;
}

export type HostEvent =
  | { type: 'consent.requested' }
  | { type: 'decision.policy'; policy: Exclude<HostPolicy, 'undecided'> }
  | { type: 'policy.imposed'; policy: Exclude<HostPolicy, 'undecided'> }
  | { type: 'reconsider' };

export type HostState = 'sovereign' | 'deliberating' | 'deciding' | 'open' | 'restrictive' | 'closed';

type PolicyEvent = Extract<HostEvent, { policy: unknown }>;
const adopt = (port: HostPort, event: PolicyEvent) => port.adoptPolicy(event.policy);
/** Transitions to the state named by the event's policy, adopting it. */
const ADOPT_POLICY: readonly ChartTransition<HostState, HostPort, PolicyEvent>[] = [
  { guard: (_, event) => event.policy === 'open', target: 'open', action: adopt },
  { guard: (_, event) => event.policy === 'restrictive', target: 'restrictive', action: adopt },
  { target: 'closed', action: adopt },
];
const answerRequests = { action: (port: HostPort) => port.answerRequests() };
const reconsiderAfter = { delayHours: (port: HostPort) => port.reconsiderHours(), then: 'deciding' } as const;

/**
 * A host nation's sovereign control of foreign deployments: it deliberates on the first
 * request, then keeps foreign help open, restricted or closed, reconsidering a restrictive
 * or closed policy as unmet needs press harder, or at once when a mediated mechanism is
 * accepted. Injects can impose a policy at any time (from any state, leaving and entering
 * again the state of the policy, whose reconsideration timer starts anew).
 * Run as a transition actor (agents/chart.ts).
 */
export const hostLogic = chartLogic<HostState, HostPort, HostEvent>({
  initial: 'sovereign',
  on: { 'policy.imposed': ADOPT_POLICY },
  states: {
    sovereign: { on: { 'consent.requested': 'deliberating' } },
    deliberating: { after: { delayHours: (port) => port.deliberationHours(), then: 'deciding' } },
    deciding: {
      entry: (port) => port.askPolicyDecision(),
      on: { 'decision.policy': ADOPT_POLICY },
    },
    open: { on: { 'consent.requested': answerRequests } },
    restrictive: { on: { 'consent.requested': answerRequests, reconsider: 'deciding' }, after: reconsiderAfter },
    closed: { on: { 'consent.requested': answerRequests, reconsider: 'deciding' }, after: reconsiderAfter },
  },
});

export type HostActor = ChartActor<HostState, HostPort, HostEvent>;
