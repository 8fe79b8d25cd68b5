import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, Kernel } from '../../src/index.js';

describe('cancelling events', () => {
  it('ignores an id that already ran: the pending count stays right', () => {
    const kernel = new Kernel();
    const done = kernel.schedule(1, () => {});
    kernel.run();
    kernel.cancel(done);
    expect(kernel.pending).toBe(0);
    kernel.schedule(1, () => {});
    expect(kernel.pending).toBe(1);
  });

  it('ignores unknown ids and a second cancel of the same id', () => {
    const kernel = new Kernel();
    const id = kernel.schedule(1, () => {});
    kernel.schedule(2, () => {});
    kernel.cancel(id);
    kernel.cancel(id);
    kernel.cancel(12345);
    kernel.cancel(-1);
    expect(kernel.pending).toBe(1);
    expect(kernel.run()).toBe(1);
    expect(kernel.now).toBe(2);
  });

  it('should keep length equal to the number of live entries, whatever is pushed, popped or cancelled', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.record({ push: fc.integer({ min: 0, max: 50 }) }), fc.record({ cancel: fc.nat(60) }), fc.constant('pop' as const)), { maxLength: 200 }),
        (operations) => {
          const queue = new EventQueue<number>();
          // Live entries by id, with their time, push order and the item pushed with them.
          // Ids are not in push order (a freed slot is reused under a new generation), so
          // ties in time are broken by the order of the pushes, as the queue does.
          const live = new Map<number, { time: number; order: number; item: number }>();
          let pushes = 0;
          for (const operation of operations) {
            if (operation === 'pop') {
              if (live.size === 0) continue;
              // The earliest live entry by (time, push order) is the one pop must return.
              const [id, entry] = [...live].sort(([, x], [, y]) => x.time - y.time || x.order - y.order)[0]!;
              expect(queue.pop()).toBe(entry.item);
              live.delete(id);
            } else if ('push' in operation) {
              const item = live.size * 1000 + operation.push;
              live.set(queue.push(operation.push, item), { time: operation.push, order: pushes++, item });
            } else {
              queue.cancel(operation.cancel);
              live.delete(operation.cancel);
            }
            expect(queue.length).toBe(live.size);
          }
        },
      ),
      // The case CI found when ties were broken by id: a reused slot's id is larger than a newer one's.
      { examples: [[[{ push: 0 }, 'pop', { push: 0 }, { push: 0 }, 'pop']]] },
    );
  });
});
