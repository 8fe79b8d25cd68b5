import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadExperimentText, runExperiment } from '../../src/index.js';
import { MAX_WORKERS_PER_CORE } from '../../src/experiment/run-experiment.js';
import { FIXTURES } from './helpers.js';

/**
 * `--workers 1000` must not start 1,000 isolates: the pool starts at most one worker per
 * run to do, and at most MAX_WORKERS_PER_CORE per core. The machine is made to look like
 * one core, and worker threads are counted as they are created.
 */

const spawned = vi.hoisted(() => ({ count: 0 }));
const machine = vi.hoisted(() => ({ cores: 1 }));

vi.mock('node:os', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:os')>();
  return { ...real, availableParallelism: () => machine.cores };
});

vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:worker_threads')>();
  class CountedWorker extends real.Worker {
    constructor(...args: ConstructorParameters<typeof real.Worker>) {
      super(...args);
      spawned.count += 1;
    }
  }
  return { ...real, Worker: CountedWorker };
});

/** Runs small.yaml (4 design points) with `replications` on a machine of `cores`; the runs done and the workers started. */
async function workersFor(cores: number, replications: number, workers: number): Promise<{ runs: number; workers: number }> {
  const file = join(FIXTURES, 'small.yaml');
  const sized = loadExperimentText(readFileSync(file, 'utf8').replace('replications: 3', `replications: ${replications}`), file);
  machine.cores = cores;
  spawned.count = 0;
  let runs = 0;
  for await (const _run of runExperiment(sized, { workers })) runs += 1;
  return { runs, workers: spawned.count };
}

describe('the worker cap', () => {
  it(`--workers 1000 on one core starts ${MAX_WORKERS_PER_CORE} workers for 8 runs, and runs them all`, async () => {
    expect(await workersFor(1, 2, 1000)).toEqual({ runs: 8, workers: MAX_WORKERS_PER_CORE });
  }, 120_000);

  it(`--workers 1000 for 4 runs on two cores (a cap of ${2 * MAX_WORKERS_PER_CORE}) starts 4 workers`, async () => {
    expect(await workersFor(2, 1, 1000)).toEqual({ runs: 4, workers: 4 });
  }, 120_000);
});
