import { setup } from 'xstate';
import type { HostPolicy } from '../model/world.js';

/** What a host machine asks of the simulation; implemented in engine/host-runtime.ts. */
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

/** Transitions to the state named by the event's policy; `prefix` '.' targets a child of the root. */
function adoptPolicy(prefix: '' | '.') {
  return [
    { guard: 'toOpen', target: `${prefix}open`, actions: 'adopt' },
    { guard: 'toRestrictive', target: `${prefix}restrictive`, actions: 'adopt' },
    { target: `${prefix}closed`, actions: 'adopt' },
  ] as const;
}

/**
 * A host nation's sovereign control of foreign deployments: it deliberates on the first
 * request, then keeps foreign help open, restricted or closed, reconsidering a restrictive
 * or closed policy as unmet needs press harder, or at once when a mediated mechanism is
 * accepted. Injects can impose a policy at any time.
 */
export const hostMachine = setup({
  types: {
    context: {} as { port: HostPort },
    input: {} as { port: HostPort; automatic: boolean },
    events: {} as HostEvent,
  },
  delays: {
    deliberation: ({ context }) => context.port.deliberationHours(),
    reconsider: ({ context }) => context.port.reconsiderHours(),
  },
  guards: {
    toOpen: ({ event }) => 'policy' in event && event.policy === 'open',
    toRestrictive: ({ event }) => 'policy' in event && event.policy === 'restrictive',
  },
  actions: {
    askPolicyDecision: ({ context }) => context.port.askPolicyDecision(),
    answerRequests: ({ context }) => context.port.answerRequests(),
    adopt: ({ context, event }) => {
      if ('policy' in event) context.port.adoptPolicy(event.policy);
    },
  },
}).createMachine({
  id: 'host',
  context: ({ input }) => ({ port: input.port }),
  initial: 'sovereign',
  on: { 'policy.imposed': adoptPolicy('.') },
  states: {
    sovereign: {
      on: { 'consent.requested': 'deliberating' },
    },
    deliberating: { after: { deliberation: 'deciding' } },
    deciding: {
      entry: 'askPolicyDecision',
      on: {
        'decision.policy': adoptPolicy(''),
      },
    },
    open: { on: { 'consent.requested': { actions: 'answerRequests' } } },
    restrictive: {
      on: { 'consent.requested': { actions: 'answerRequests' }, reconsider: 'deciding' },
      after: { reconsider: 'deciding' },
    },
    closed: {
      on: { 'consent.requested': { actions: 'answerRequests' }, reconsider: 'deciding' },
      after: { reconsider: 'deciding' },
    },
  },
});
