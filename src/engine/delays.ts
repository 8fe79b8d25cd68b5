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

/** Mean of a scenario delay in hours (for docs, summaries and the drill's "known consequences"). */
export function meanDelay(delay: Delay): number {
  if (typeof delay === 'number') return delay;
  if ('triangular' in delay) return (delay.triangular[0] + delay.triangular[1] + delay.triangular[2]) / 3;
  if ('lognormal' in delay) return delay.lognormal.median * Math.exp((delay.lognormal.sigma * delay.lognormal.sigma) / 2);
  if ('exponential' in delay) return delay.exponential.mean;
  return (delay.uniform[0] + delay.uniform[1]) / 2;
}
