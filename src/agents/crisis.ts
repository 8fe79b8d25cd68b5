import { setup } from 'xstate';

/** What the crisis machine asks of the simulation; implemented in engine/crisis-runtime.ts. */
export interface CrisisPort {
  /** Hours until the next escalation or attack at current hazard rates (Infinity if none). */
  hoursToNextHazard(): number;
  fireHazard(): void;
  resolve(): void;
}

export type CrisisEvent =
  | { type: 'hazard.changed' }
  | { type: 'coverage.half' }
  | { type: 'coverage.resolved' };

/**
 * The crisis itself: acute until half of needs are met, stabilizing until the resolution
 * share is met, then resolved. A parallel region waits for the next escalation or attack,
 * re-timed whenever the hazard rate changes.
 */
export const crisisMachine = setup({
  types: {
    context: {} as { port: CrisisPort },
    input: {} as { port: CrisisPort },
    events: {} as CrisisEvent,
  },
  delays: {
    nextHazard: ({ context }) => context.port.hoursToNextHazard(),
  },
  guards: {
    hazardPending: ({ context }) => Number.isFinite(context.port.hoursToNextHazard()),
  },
  actions: {
    fireHazard: ({ context }) => context.port.fireHazard(),
    resolve: ({ context }) => context.port.resolve(),
  },
}).createMachine({
  id: 'crisis',
  context: ({ input }) => ({ port: input.port }),
  type: 'parallel',
  states: {
    phase: {
      initial: 'acute',
      states: {
        acute: { on: { 'coverage.half': 'stabilizing', 'coverage.resolved': 'resolved' } },
        stabilizing: { on: { 'coverage.resolved': 'resolved' } },
        resolved: { entry: 'resolve', type: 'final' },
      },
    },
    hazard: {
      initial: 'quiet',
      states: {
        quiet: {
          always: { guard: 'hazardPending', target: 'waiting' },
          on: { 'hazard.changed': { guard: 'hazardPending', target: 'waiting' } },
        },
        // A rate change re-times the next event by re-entering `waiting` (its `after` timer is
        // cancelled and drawn anew) in one microstep, not by a detour through `quiet`: the
        // crisis gets this event at most world changes of a conflict (measured, performance.md).
        waiting: {
          after: { nextHazard: { target: 'quiet', actions: 'fireHazard' } },
          on: { 'hazard.changed': [{ guard: 'hazardPending', target: 'waiting', reenter: true }, { target: 'quiet' }] },
        },
      },
    },
  },
});
