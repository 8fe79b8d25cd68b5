import { describe, expect, it } from 'vitest';
import { createActor, setup, type AnyActorRef } from 'xstate';
import { chartLogic } from '../../src/agents/chart.js';
import { Kernel } from '../../src/kernel/kernel.js';
import { RandomStreams } from '../../src/kernel/random.js';

/**
 * The chart helper must run a flat chart exactly as xstate runs the same chart written as a
 * `setup().createMachine()` machine: same states after each step, same port calls in the
 * same order at the same times, same random draws. One chart exercises every rule: timers
 * (`after`) started on entry and cancelled on exit, entry and exit actions, guarded candidates, a chart-level
 * transition that re-enters the current state, an eventless transition tried after an
 * event no state handles, an event sent to the agent from inside its own step (mailbox),
 * and a final state that ignores later events.
 */
type Event = { type: 'go' } | { type: 'poke' } | { type: 'reset' } | { type: 'finish' };

interface Port {
  log: string[];
  flag: boolean;
  delay(name: string): number;
  note(what: string): void;
  sendSelf(event: Event): void;
}

function makePort(kernel: Kernel, seed: number): Port {
  const stream = new RandomStreams(seed).stream('chart-test');
  const port: Port = {
    log: [],
    flag: false,
    delay(name) {
      const hours = stream.exponential(2);
      port.log.push(`${kernel.now.toFixed(6)} draw ${name} ${hours.toFixed(6)}`);
      return hours;
    },
    note(what) {
      port.log.push(`${kernel.now.toFixed(6)} ${what}`);
    },
    sendSelf: () => {},
  };
  return port;
}

const machine = setup({
  types: { context: {} as { port: Port }, input: {} as { port: Port }, events: {} as Event },
  delays: { wait: ({ context }) => context.port.delay('wait'), cool: ({ context }) => context.port.delay('cool') },
  guards: { flag: ({ context }) => context.port.flag },
  actions: {
    enterBusy: ({ context }) => {
      context.port.note('enter busy');
      context.port.sendSelf({ type: 'poke' });
    },
    fired: ({ context }) => context.port.note('fired'),
    leftBusy: ({ context }) => context.port.note('left busy'),
    reset: ({ context }) => context.port.note('reset'),
    flip: ({ context }) => {
      context.port.flag = !context.port.flag;
    },
  },
}).createMachine({
  context: ({ input }) => ({ port: input.port }),
  initial: 'idle',
  on: { reset: { target: '.idle', actions: 'reset' } },
  states: {
    idle: { after: { cool: 'ready' }, on: { go: 'busy', poke: { actions: 'flip' } } },
    ready: { on: { go: 'busy', poke: { actions: 'flip' } }, always: { guard: 'flag', target: 'flagged' } },
    flagged: { on: { go: 'busy', finish: 'done' } },
    busy: {
      entry: 'enterBusy',
      exit: 'leftBusy',
      after: { wait: [{ guard: 'flag', target: 'busy', reenter: true, actions: 'fired' }, { target: 'ready', actions: 'fired' }] },
      on: { poke: { actions: 'flip' }, finish: 'done' },
    },
    done: { type: 'final' },
  },
});

const chart = chartLogic<'idle' | 'ready' | 'flagged' | 'busy' | 'done', Port, Event>({
  initial: 'idle',
  on: { reset: { target: 'idle', action: (port) => port.note('reset') } },
  states: {
    idle: { after: { delayHours: (port) => port.delay('cool'), then: 'ready' }, on: { go: 'busy', poke: { action: (port) => void (port.flag = !port.flag) } } },
    ready: { on: { go: 'busy', poke: { action: (port) => void (port.flag = !port.flag) } }, always: { guard: (port) => port.flag, target: 'flagged' } },
    flagged: { on: { go: 'busy', finish: 'done' } },
    busy: {
      entry: (port) => {
        port.note('enter busy');
        port.sendSelf({ type: 'poke' });
      },
      exit: (port) => port.note('left busy'),
      after: {
        delayHours: (port) => port.delay('wait'),
        then: [
          { guard: (port) => port.flag, target: 'busy', reenter: true, action: (port) => port.note('fired') },
          { target: 'ready', action: (port) => port.note('fired') },
        ],
      },
      on: { poke: { action: (port) => void (port.flag = !port.flag) }, finish: 'done' },
    },
    done: { final: true },
  },
});

/** Runs one agent through a script of events at given hours; returns its log of port calls and states. */
function run(kind: 'machine' | 'chart', seed: number, script: readonly [number, Event][]): string[] {
  const kernel = new Kernel();
  const port = makePort(kernel, seed);
  const actor: AnyActorRef = kind === 'machine' ? createActor(machine, { input: { port }, clock: kernel }) : createActor(chart, { input: { port }, clock: kernel });
  port.sendSelf = (event) => actor.send(event);
  let previous = '';
  actor.subscribe((snapshot: { value?: unknown; context: { state?: string } }) => {
    const state = kind === 'machine' ? String(snapshot.value) : snapshot.context.state!;
    if (state !== previous) port.note(`state ${state} (pending ${kernel.pending})`);
    previous = state;
  });
  actor.start();
  for (const [atHours, event] of script) kernel.scheduleAt(atHours, () => actor.send(event));
  kernel.run();
  port.note(`end, ${kernel.eventsProcessed} kernel events`);
  return port.log;
}

/** `event@hours`, in time order. */
const SCRIPT = 'poke@0.5 reset@1 reset@1.5 go@3 reset@3.2 go@4 poke@9 go@12 poke@13 go@20 finish@20.001 go@21 reset@22'
  .split(' ')
  .map((step): [number, Event] => {
    const [type, hours] = step.split('@');
    return [Number(hours), { type } as Event];
  });

describe('chartLogic runs a flat chart as xstate runs the same machine', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: same states, port calls, draws and kernel events in the same order`, () => {
      const fromMachine = run('machine', seed, SCRIPT);
      const fromChart = run('chart', seed, SCRIPT);
      expect(fromChart).toEqual(fromMachine);
      // The script reaches every rule at least once.
      expect(fromMachine.some((line) => line.includes('reset'))).toBe(true);
      expect(fromMachine.some((line) => line.includes('fired'))).toBe(true);
      expect(fromMachine.some((line) => line.includes('left busy'))).toBe(true);
      expect(fromMachine.some((line) => line.includes('state done'))).toBe(true);
    });
  }

  it('a chart-level transition re-enters the current state: its timer is cancelled and drawn again', () => {
    const log = run('chart', 1, [[1, { type: 'reset' }]]);
    expect(log.filter((line) => line.includes('draw cool'))).toHaveLength(2);
    expect(log.filter((line) => line.startsWith('1.000000 reset'))).toHaveLength(1);
  });

  it('a final state ignores every later event', () => {
    const log = run('chart', 1, [[0.1, { type: 'go' }], [0.2, { type: 'finish' }], [0.3, { type: 'reset' }], [0.4, { type: 'go' }]]);
    const done = log.findIndex((line) => line.includes('state done'));
    expect(done).toBeGreaterThan(0);
    expect(log.slice(done + 1).filter((line) => !line.includes('end,'))).toEqual([]);
  });
});
