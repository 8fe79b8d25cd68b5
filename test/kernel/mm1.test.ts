import { describe, expect, it } from 'vitest';
import { runMm1Actor, runMm1Plain, runMm1TransitionActor, type Mm1Options } from '../../bench/mm1.js';

/**
 * Known answers of the M/M/1 queue with lambda = 0.9/h, mu = 1/h (rho = 0.9):
 * mean wait in queue Wq = rho / (mu - lambda) = 9 h, mean number in system L = rho / (1 - rho) = 9.
 *
 * At rho = 0.9 successive waits are strongly correlated: the relative standard error of the
 * mean wait is about 3.5% with 200k customers and about 0.8% with 4M. So the tight
 * known-answer checks use 4M customers on the plain kernel (a 3% tolerance is about 4
 * standard errors), and the xstate server, which is slower (much slower under vitest, which
 * loads xstate's development build), is tied to them by reproducing the plain server's queue
 * exactly with the same seed: its code path does not depend on the number of customers.
 */
const LAMBDA = 0.9;
const MU = 1;
const RHO = LAMBDA / MU;
const WQ = RHO / (MU - LAMBDA);
const L = RHO / (1 - RHO);

const long: Mm1Options = { arrivalRate: LAMBDA, serviceRate: MU, customers: 4_000_000, warmupCustomers: 20_000, seed: 7 };
const short: Mm1Options = { ...long, customers: 100_000, warmupCustomers: 5_000 };

describe('M/M/1 queue on the kernel', () => {
  const plain = runMm1Plain(long);

  it('matches the closed-form mean wait in queue Wq = rho/(mu-lambda) = 9 h within 3%', () => {
    expect(plain.customersMeasured).toBe(long.customers);
    expect(Math.abs(plain.meanWaitHours - WQ) / WQ).toBeLessThan(0.03);
  });

  it('matches the closed-form mean number in system L = rho/(1-rho) = 9 within 3%', () => {
    expect(Math.abs(plain.meanInSystem - L) / L).toBeLessThan(0.03);
  });

  it("obeys Little's law: time-average queue length Lq = observed arrival rate x Wq", () => {
    expect(Math.abs(plain.observedArrivalRate - LAMBDA) / LAMBDA).toBeLessThan(0.01);
    expect(Math.abs(plain.meanInQueue - plain.observedArrivalRate * plain.meanWaitHours) / plain.meanInQueue).toBeLessThan(0.01);
  });
});

describe('M/M/1 queue with an xstate actor as the server', () => {
  it('reproduces the plain kernel queue exactly with the same seed: same draws, same order, same statistics', () => {
    const actor = runMm1Actor(short);
    expect(actor).toEqual(runMm1Plain(short));
    // Its own estimates, with the honest tolerance of 100k customers (about 3 standard errors).
    expect(Math.abs(actor.meanWaitHours - WQ) / WQ).toBeLessThan(0.12);
    expect(Math.abs(actor.meanInSystem - L) / L).toBeLessThan(0.12);
  }, 30_000);
});

describe('M/M/1 queue with an xstate transition actor as the server', () => {
  it('reproduces the plain kernel queue exactly with the same seed, its service ends scheduled by xstate on the kernel clock', () => {
    const actor = runMm1TransitionActor(short);
    expect(actor).toEqual(runMm1Plain(short));
    expect(Math.abs(actor.meanWaitHours - WQ) / WQ).toBeLessThan(0.12);
  }, 30_000);
});
