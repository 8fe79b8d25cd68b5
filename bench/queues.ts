/**
 * Queues built on the kernel's {@link Resource}: the known-answer checks of the resource
 * primitive (test/kernel/queues.test.ts) and the 1M-customer bench lines (bench/run.ts).
 *
 * Customers arrive in a Poisson stream, split among priority classes by their arrival
 * rates, ask the resource for a server, hold it for a service time and release it. The
 * mean wait is the resource's own statistic; per class, the wait each grant reports
 * (`lastWaitHours`).
 */
import { Kernel } from '../src/kernel/kernel.js';
import { RandomStreams } from '../src/kernel/random.js';
import { Resource } from '../src/kernel/resource.js';

export interface QueueOptions {
  /** Servers (c). */
  servers: number;
  /** Arrivals per hour of each priority class, best priority first. */
  arrivalRates: readonly number[];
  /** Mean service hours (1/mu), the same for every class. */
  meanServiceHours: number;
  /** 'exponential' (M/M/c) or 'deterministic' (M/D/c). */
  service: 'exponential' | 'deterministic';
  /** Customers measured after the warm-up. */
  customers: number;
  /** Customers served first and left out of the statistics. */
  warmupCustomers: number;
  seed: number;
}

export interface QueueResult {
  /** Mean wait in queue of all measured customers, hours (what the resource reports). */
  meanWaitHours: number;
  /** Mean wait in queue per priority class, hours. */
  meanWaitHoursByClass: number[];
  /** Time-average number waiting over the measurement window. */
  meanWaiting: number;
  /** Time-average servers busy over the measurement window. */
  meanInUse: number;
  /** Customers granted a server in the measurement window. */
  customersMeasured: number;
}

/** Runs the queue until `warmupCustomers + customers` have been granted a server. */
export function runQueue(options: QueueOptions): QueueResult {
  const kernel = new Kernel();
  const streams = new RandomStreams(options.seed);
  const arrivals = streams.stream('queue/arrivals');
  const classes = streams.stream('queue/classes');
  const service = streams.stream('queue/service');
  const servers = new Resource(kernel, options.servers);
  const totalRate = options.arrivalRates.reduce((sum, rate) => sum + rate, 0);
  const cumulative = options.arrivalRates.map((_, index) => options.arrivalRates.slice(0, index + 1).reduce((sum, rate) => sum + rate, 0) / totalRate);
  const waitSums = options.arrivalRates.map(() => 0);
  const counts = options.arrivalRates.map(() => 0);
  const target = options.warmupCustomers + options.customers;
  let grants = 0;
  let done = false;

  const depart = (): void => servers.release();
  const startService = (priorityClass: number): void => {
    grants++;
    // Reset after the last warm-up grant was counted: the statistics cover the measured customers only.
    if (grants === options.warmupCustomers) servers.resetStatistics();
    if (grants > options.warmupCustomers) {
      waitSums[priorityClass]! += servers.lastWaitHours;
      counts[priorityClass]!++;
    }
    if (grants === target) {
      done = true;
      return;
    }
    const hours = options.service === 'exponential' ? service.exponential(options.meanServiceHours) : options.meanServiceHours;
    kernel.schedule(hours, depart);
  };
  const arrive = (): void => {
    if (done) return;
    const draw = classes.random();
    let priorityClass = 0;
    while (draw >= cumulative[priorityClass]! && priorityClass < cumulative.length - 1) priorityClass++;
    servers.request(startService, priorityClass, priorityClass);
    kernel.schedule(arrivals.exponential(1 / totalRate), arrive);
  };
  kernel.schedule(arrivals.exponential(1 / totalRate), arrive);
  kernel.runUntil(Infinity, () => done);
  const stats = servers.statistics();
  return {
    meanWaitHours: stats.meanWaitHours ?? Number.NaN,
    meanWaitHoursByClass: waitSums.map((sum, index) => sum / counts[index]!),
    meanWaiting: stats.meanWaiting,
    meanInUse: stats.meanInUse,
    customersMeasured: stats.granted,
  };
}

/** Erlang C: mean wait in queue of M/M/c, hours. */
export function erlangCWaitHours(arrivalRate: number, serviceRate: number, servers: number): number {
  const offered = arrivalRate / serviceRate;
  const rho = offered / servers;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < servers; k++) {
    term *= offered / k;
    sum += term;
  }
  const last = (term * offered) / servers / (1 - rho);
  const probabilityOfWaiting = last / (sum + last);
  return probabilityOfWaiting / (servers * serviceRate - arrivalRate);
}

/** Pollaczek-Khinchine: mean wait in queue of M/D/1 with service time D, hours. */
export function mD1WaitHours(arrivalRate: number, serviceHours: number): number {
  const rho = arrivalRate * serviceHours;
  return (rho * serviceHours) / (2 * (1 - rho));
}

/** Cobham: mean wait in queue of each class of a non-preemptive priority M/M/1, hours. */
export function priorityMm1WaitHours(arrivalRates: readonly number[], meanServiceHours: number): number[] {
  const residual = arrivalRates.reduce((sum, rate) => sum + rate, 0) * meanServiceHours * meanServiceHours;
  let above = 0;
  return arrivalRates.map((rate) => {
    const before = above;
    above += rate * meanServiceHours;
    return residual / ((1 - before) * (1 - above));
  });
}
