import { Kernel } from '../src/kernel/kernel.js';
import { RandomStream } from '../src/kernel/random.js';

/** Exponential delays drawn once, so the loop measures the kernel and not the generator. */
const DELAYS_HOURS = (() => {
  const stream = new RandomStream('bench/kernel-loop');
  return Float64Array.from({ length: 4096 }, () => stream.exponential(1));
})();

/**
 * The kernel alone: `pending` events in the queue, each of which schedules one more when
 * it runs, until `events` have run. One reusable action: nothing is allocated per event.
 * Returns the number of events executed.
 */
export function runKernelLoop(events: number, pending = 1000): number {
  const kernel = new Kernel();
  let scheduled = 0;
  const action = (): void => {
    if (scheduled < events) kernel.schedule(DELAYS_HOURS[scheduled++ & 4095]!, action);
  };
  while (scheduled < pending) kernel.schedule(DELAYS_HOURS[scheduled++ & 4095]!, action);
  return kernel.run();
}
