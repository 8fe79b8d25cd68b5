import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/index.js';

describe('EventQueue', () => {
  it('pops entries in time order, breaking ties by insertion order', () => {
    const queue = new EventQueue<string>();
    queue.push(5, 'late');
    queue.push(1, 'first-at-1');
    queue.push(1, 'second-at-1');
    queue.push(0.5, 'earliest');
    const popped: string[] = [];
    while (queue.length > 0) popped.push(queue.pop()!);
    expect(popped).toEqual(['earliest', 'first-at-1', 'second-at-1', 'late']);
  });

  it('never returns a cancelled entry', () => {
    const queue = new EventQueue<string>();
    const a = queue.push(1, 'a');
    queue.push(2, 'b');
    queue.cancel(a);
    expect(queue.length).toBe(1);
    expect(queue.peekTime()).toBe(2);
    expect(queue.pop()).toBe('b');
    expect(queue.pop()).toBeUndefined();
  });

  it('should pop any sequence of pushes sorted by (time, insertion order), skipping cancellations', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.integer({ min: 0, max: 20 }), cancel: fc.boolean() }), { maxLength: 300 }),
        (entries) => {
          const queue = new EventQueue<number>();
          const ids = entries.map((entry, index) => queue.push(entry.time, index));
          entries.forEach((entry, index) => entry.cancel && queue.cancel(ids[index]!));
          const expected = entries
            .map((entry, index) => ({ ...entry, index }))
            .filter((entry) => !entry.cancel)
            .sort((x, y) => x.time - y.time || x.index - y.index)
            .map((entry) => entry.index);
          const popped: number[] = [];
          for (let item = queue.pop(); item !== undefined; item = queue.pop()) popped.push(item);
          expect(popped).toEqual(expected);
        },
      ),
    );
  });
});
