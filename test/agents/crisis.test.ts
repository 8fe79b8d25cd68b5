import { describe, expect, it } from 'vitest';
import { createActor, setup, type AnyActorRef, type StateValue } from 'xstate';
import { crisisLogic, type CrisisEvent, type CrisisPort } from '../../src/agents/crisis.js';
import { stateName } from '../../src/agents/state-name.js';
import { Kernel } from '../../src/kernel/kernel.js';
import { RandomStreams } from '../../src/kernel/random.js';

/**
 * The crisis agent (a transition actor whose hazard timer is a kernel event of its port)
 * must behave as the parallel xstate machine it replaced, whose hazard timer was an `after`
 * delay: same state names after each step, hazards fired and the crisis resolved at the same
 * times, with rate changes arriving between steps and from inside the agent's own step (an
 * escalation or the resolution changes the world, which re-times the hazard).
 */
const reference = setup({
  types: { context: {} as { port: CrisisPort }, input: {} as { port: CrisisPort }, events: {} as CrisisEvent },
  delays: { nextHazard: ({ context }) => context.port.hoursToNextHazard() },
  guards: { hazardPending: ({ context }) => Number.isFinite(context.port.hoursToNextHazard()) },
  actions: { fireHazard: ({ context }) => context.port.fireHazard(), resolve: ({ context }) => context.port.resolve() },
}).createMachine({
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
        quiet: { always: { guard: 'hazardPending', target: 'waiting' }, on: { 'hazard.changed': { guard: 'hazardPending', target: 'waiting' } } },
        waiting: {
          after: { nextHazard: { target: 'quiet', actions: 'fireHazard' } },
          on: { 'hazard.changed': [{ guard: 'hazardPending', target: 'waiting', reenter: true }, { target: 'quiet' }] },
        },
      },
    },
  },
});

/** A hazard with a rate set by the script, spent against an Exp(1) budget; each event lowers the rate. */
function run(kind: 'machine' | 'agent', seed: number, script: readonly [number, CrisisEvent['type'] | number][]): string[] {
  const kernel = new Kernel();
  const stream = new RandomStreams(seed).stream('crisis-test');
  const log: string[] = [];
  let rate = 0;
  let spent = 0;
  let since = 0;
  let budget = stream.exponential(1);
  let timer: number | undefined;
  let actor: AnyActorRef;
  const accumulate = () => {
    spent += rate * (kernel.now - since);
    since = kernel.now;
  };
  const setRate = (next: number) => {
    accumulate();
    rate = next;
    actor.send({ type: 'hazard.changed' });
  };
  const port: CrisisPort = {
    hoursToNextHazard: () => (rate > 0 ? Math.max(0, budget - spent - rate * (kernel.now - since)) / rate : Infinity),
    timeHazard: (delayHours) => {
      if (timer !== undefined) kernel.cancel(timer);
      timer = kernel.schedule(delayHours, () => {
        timer = undefined;
        actor.send({ type: 'hazard.due' });
      });
    },
    stopHazardTimer: () => {
      if (timer !== undefined) kernel.cancel(timer);
      timer = undefined;
    },
    fireHazard: () => {
      accumulate();
      log.push(`${kernel.now.toFixed(9)} fired`);
      spent = 0;
      budget = stream.exponential(1);
      setRate(rate * 0.8);
    },
    resolve: () => {
      log.push(`${kernel.now.toFixed(9)} resolved`);
      setRate(0);
    },
  };
  actor = kind === 'machine' ? createActor(reference, { input: { port }, clock: kernel }) : createActor(crisisLogic, { input: { port }, clock: kernel });
  let previous = '';
  actor.subscribe((snapshot: { value?: StateValue; context: { state?: string } }) => {
    const state = kind === 'machine' ? stateName(snapshot.value!) : snapshot.context.state!;
    if (state !== previous) log.push(`${kernel.now.toFixed(9)} ${state}`);
    previous = state;
  });
  actor.start();
  for (const [atHours, step] of script) kernel.scheduleAt(atHours, () => (typeof step === 'number' ? setRate(step) : actor.send({ type: step })));
  kernel.run(200);
  return log;
}

const SCRIPT: readonly [number, CrisisEvent['type'] | number][] = [
  [1, 0.05], [5, 0.2], [9, 'coverage.half'], [12, 0.1], [30, 0], [31, 'hazard.changed'], [40, 0.3], [60, 'coverage.resolved'], [70, 0.4],
];

describe('the crisis agent behaves as the parallel machine it replaced', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}: same states, hazards and resolution at the same times`, () => {
      const fromMachine = run('machine', seed, SCRIPT);
      expect(run('agent', seed, SCRIPT)).toEqual(fromMachine);
      expect(fromMachine.some((line) => line.endsWith('fired'))).toBe(true);
      expect(fromMachine).toContain('60.000000000 resolved');
      expect(fromMachine.some((line) => line.endsWith('hazard.waiting,phase.resolved'))).toBe(true);
    });
  }
});
