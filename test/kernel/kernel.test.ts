import fc from 'fast-check';
import { createActor, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { InvalidTimeError, Kernel, TimeTravelError } from '../../src/index.js';

describe('Kernel', () => {
  it('should never move time backwards, whatever events schedule', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 100 }), (delays) => {
        const kernel = new Kernel();
        const seen: number[] = [];
        let next = 0;
        const action = () => {
          seen.push(kernel.now);
          if (next < delays.length) kernel.schedule(delays[next++]!, action);
        };
        kernel.schedule(delays[next++]!, action);
        kernel.schedule(delays[0]! / 2, action);
        kernel.run();
        for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
        expect(seen.length).toBe(delays.length + 1);
      }),
    );
  });

  it('refuses to schedule in the past', () => {
    const kernel = new Kernel();
    kernel.schedule(10, () => {});
    kernel.run();
    expect(() => kernel.scheduleAt(5, () => {})).toThrow(TimeTravelError);
    expect(() => kernel.schedule(-1, () => {})).toThrow(TimeTravelError);
  });

  it('refuses NaN and infinite times and delays with a message saying times must be finite', () => {
    const kernel = new Kernel();
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      expect(() => kernel.schedule(bad, () => {})).toThrow(InvalidTimeError);
      expect(() => kernel.scheduleAt(bad, () => {})).toThrow(/must be finite numbers of hours/);
      expect(() => kernel.post(bad, () => {}, 1)).toThrow(InvalidTimeError);
    }
    expect(() => kernel.schedule(Number.NaN, () => {})).toThrow('cannot schedule after a delay of NaN h: times and delays must be finite numbers of hours');
    expect(kernel.pending).toBe(0);
  });

  it('delivers the data posted with an event to its handler, one handler serving many events', () => {
    const kernel = new Kernel();
    const arrivals: string[] = [];
    const arrive = (flight: { id: string }): void => void arrivals.push(`${flight.id}@${kernel.now}`);
    kernel.post(3, arrive, { id: 'AF1' });
    kernel.post(1, arrive, { id: 'US7' });
    const cancelled = kernel.postAt(2, arrive, { id: 'XX0' });
    kernel.cancel(cancelled);
    kernel.run();
    expect(arrivals).toEqual(['US7@1', 'AF1@3']);
  });

  it('runUntil executes events up to the time and leaves the clock there', () => {
    const kernel = new Kernel();
    const fired: number[] = [];
    for (const t of [1, 2, 3, 7]) kernel.scheduleAt(t, () => fired.push(t));
    expect(kernel.runUntil(3)).toBe(3);
    expect(fired).toEqual([1, 2, 3]);
    expect(kernel.now).toBe(3);
    kernel.runUntil(5);
    expect(kernel.now).toBe(5);
    expect(kernel.pending).toBe(1);
    expect(kernel.nextEventTime()).toBe(7);
  });

  it('stops runUntil early when the stop predicate holds', () => {
    const kernel = new Kernel();
    let count = 0;
    for (let t = 1; t <= 10; t++) kernel.scheduleAt(t, () => count++);
    kernel.runUntil(100, () => count === 4);
    expect(count).toBe(4);
    expect(kernel.now).toBe(4);
  });

  it('is the clock of xstate actors: `after` delays become kernel events in simulated hours', () => {
    const machine = setup({ delays: { wait: 36 } }).createMachine({
      initial: 'waiting',
      states: { waiting: { after: { wait: 'done' } }, done: {} },
    });
    const kernel = new Kernel();
    const actor = createActor(machine, { clock: kernel }).start();
    expect(kernel.pending).toBe(1);
    expect(kernel.nextEventTime()).toBe(36);
    kernel.run();
    expect(actor.getSnapshot().value).toBe('done');
    expect(kernel.now).toBe(36);
  });

  it('cancels an xstate delay when the actor leaves the state first', () => {
    const machine = setup({ delays: { wait: 10 } }).createMachine({
      initial: 'waiting',
      states: { waiting: { after: { wait: 'timedOut' }, on: { go: 'left' } }, timedOut: {}, left: {} },
    });
    const kernel = new Kernel();
    const actor = createActor(machine, { clock: kernel }).start();
    actor.send({ type: 'go' });
    expect(kernel.pending).toBe(0);
    kernel.run();
    expect(actor.getSnapshot().value).toBe('left');
  });
});
