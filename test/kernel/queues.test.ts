import { describe, expect, it } from 'vitest';
import { erlangCWaitHours, mD1WaitHours, priorityMm1WaitHours, runQueue, type QueueOptions } from '../../bench/queues.js';

/**
 * The kernel's Resource against queueing closed forms, 1M measured customers (500k for M/D/1). The
 * loads are chosen so that 3% is at least 3.5 standard errors of the mean wait (measured
 * over 10 seeds: 0.8% for M/M/3 at rho 0.7, 0.4% for M/D/1 at rho 0.6, 0.7% for the
 * second priority class).
 */
const base = { customers: 1_000_000, warmupCustomers: 10_000, seed: 11 } as const;

function relativeError(measured: number, exact: number): number {
  return Math.abs(measured - exact) / exact;
}

describe('Resource as a queue on the kernel', () => {
  it('M/M/3 (lambda 2.1/h, mu 1/h): mean wait within 3% of Erlang C, and Little\'s law holds', () => {
    const options: QueueOptions = { ...base, servers: 3, arrivalRates: [2.1], meanServiceHours: 1, service: 'exponential' };
    const result = runQueue(options);
    const exact = erlangCWaitHours(2.1, 1, 3);
    expect(exact).toBeCloseTo(0.5470, 3);
    expect(result.customersMeasured).toBe(base.customers);
    expect(relativeError(result.meanWaitHours, exact)).toBeLessThan(0.03);
    // Little: Lq = lambda Wq, and the busy servers average lambda/mu.
    expect(relativeError(result.meanWaiting, 2.1 * exact)).toBeLessThan(0.03);
    expect(relativeError(result.meanInUse, 2.1)).toBeLessThan(0.01);
  });

  it('M/D/1 (lambda 0.6/h, service 1 h): mean wait within 3% of Pollaczek-Khinchine rho D / (2 (1 - rho)) = 0.75 h', () => {
    // 500k customers are enough here: 3% is about 5 standard errors.
    const result = runQueue({ ...base, customers: 500_000, servers: 1, arrivalRates: [0.6], meanServiceHours: 1, service: 'deterministic' });
    expect(mD1WaitHours(0.6, 1)).toBeCloseTo(0.75, 10);
    expect(relativeError(result.meanWaitHours, 0.75)).toBeLessThan(0.03);
  });

  it('two priority classes on M/M/1: each class waits within 3% of Cobham\'s formula (1 h and 3.33 h)', () => {
    const result = runQueue({ ...base, servers: 1, arrivalRates: [0.3, 0.4], meanServiceHours: 1, service: 'exponential' });
    const exact = priorityMm1WaitHours([0.3, 0.4], 1);
    expect(exact[0]).toBeCloseTo(1, 10);
    expect(exact[1]).toBeCloseTo(10 / 3, 10);
    result.meanWaitHoursByClass.forEach((wait, index) => expect(relativeError(wait, exact[index]!)).toBeLessThan(0.03));
  });
});
