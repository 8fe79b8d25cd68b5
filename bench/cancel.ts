import { Kernel } from '../src/kernel/kernel.js';
import { RandomStream } from '../src/kernel/random.js';

/**
 * Cancel cost with `pending` events in the kernel: each operation schedules one event and
 * cancels a random pending one (an xstate `after` left early), so the queue stays at
 * `pending` entries. Returns the operations done, for a rate per CPU second.
 */
export function runCancelLoop(pending: number, operations: number): number {
  const kernel = new Kernel();
  const stream = new RandomStream(`bench/cancel/${pending}`);
  const noop = (): void => {};
  const ids = new Float64Array(pending);
  for (let i = 0; i < pending; i++) ids[i] = kernel.schedule(stream.uniform(0, 1000), noop);
  for (let i = 0; i < operations; i++) {
    const victim = stream.integer(0, pending - 1);
    kernel.cancel(ids[victim]!);
    ids[victim] = kernel.schedule(stream.uniform(0, 1000), noop);
  }
  if (kernel.pending !== pending) throw new Error(`cancel loop lost events: ${kernel.pending} pending, expected ${pending}`);
  return operations;
}
