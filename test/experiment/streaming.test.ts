import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadExperimentText, runExperiment } from '../../src/index.js';
import { everyRun, RunRange } from '../../src/experiment/plan.js';
import { FIXTURES } from './helpers.js';

/**
 * Large honest experiments work: the plan is a range walked lazily, and tasks are made one
 * at a time as workers have room, so memory does not grow with the number of runs.
 */

const SMALL = join(FIXTURES, 'small.yaml');

describe('streamed experiment plans', () => {
  it('every run, and each shard\'s share, are the runs an eager enumeration lists, in the same order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 7 }), (points, replications, shards) => {
        const manifest = { points: Array.from({ length: points }, (_, index) => ({ index })), replications };
        const eager = Array.from({ length: replications }, (_, r) => Array.from({ length: points }, (_, p) => r * points + p)).flat();
        expect([...everyRun(manifest)]).toEqual(eager);
        expect(everyRun(manifest).length).toBe(eager.length);
        for (let k = 1; k <= shards; k += 1) {
          const share = eager.filter((run) => run % shards === k - 1);
          const range = everyRun(manifest, { index: k, count: shards });
          expect([...range]).toEqual(share);
          expect(range.length).toBe(share.length);
        }
      }),
    );
    expect(new RunRange(5, 3, 5).length).toBe(0);
  });

  it('an experiment of 4,000,000 runs starts at once and holds a few MB, not a list of every run', async () => {
    const text = readFileSync(SMALL, 'utf8').replace('replications: 3', 'replications: 1000000');
    const experiment = loadExperimentText(text, SMALL);
    expect(experiment.points.length * experiment.definition.replications).toBe(4_000_000);
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let seen = 0;
    let grownMb = 0;
    for await (const run of runExperiment(experiment, { workers: 1 })) {
      expect(run.run).toBeLessThan(4_000_000);
      seen += 1;
      grownMb = Math.max(grownMb, (process.memoryUsage().heapUsed - before) / 2 ** 20);
      if (seen === 3) break;
    }
    expect(seen).toBe(3);
    // Eagerly, 4,000,000 run indices and task objects alone take hundreds of MB.
    expect(grownMb).toBeLessThan(64);
  }, 120_000);
});
