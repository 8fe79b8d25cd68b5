import type { RandomStream } from '../kernel/random.js';
import type { Delay } from '../scenario/schema.js';

/** Draws a duration in hours from a scenario delay (fixed or a distribution); never negative. */
export function drawDelay(delay: Delay, stream: RandomStream): number {
  if (typeof delay === 'number') return delay;
  if ('triangular' in delay) return stream.triangular(...delay.triangular);
  if ('lognormal' in delay) return stream.lognormal(delay.lognormal.median, delay.lognormal.sigma);
  if ('exponential' in delay) return stream.exponential(delay.exponential.mean);
  return stream.uniform(delay.uniform[0], delay.uniform[1]);
}
