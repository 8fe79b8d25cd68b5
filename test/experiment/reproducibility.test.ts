import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperimentText, mergeResults, runBatch, type Experiment } from '../../src/index.js';
import { FIXTURES, folderContents, temporaryDir } from './helpers.js';

/** Candidate factors a generated experiment picks from. */
const FACTORS: { name: string; path: string; values: (number | boolean)[] }[] = [
  { name: 'protocol', path: 'relations[hti-usa].protocol', values: [false, true] },
  { name: 'consentDelay', path: 'nations.hti.sovereignty.consentDelay', values: [4, 20, 48] },
  { name: 'severity', path: 'crisis.severity', values: [0.4, 0.9] },
  { name: 'latency', path: 'parameters.diplomaticLatencyHours', values: [1, 24] },
];

const experimentArbitrary = fc.record({
  factors: fc.subarray(FACTORS, { maxLength: 2 }).chain((factors) =>
    fc.tuple(...factors.map((factor) => fc.subarray(factor.values, { minLength: 1 }).map((values) => ({ ...factor, values })))),
  ),
  design: fc.constantFrom('full-factorial', 'one-at-a-time', 'latin-hypercube'),
  samples: fc.integer({ min: 2, max: 4 }),
  replications: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer({ min: 0, max: 10_000 }),
  stopping: fc.option(fc.record({ halfWidth: fc.constantFrom(0.5, 5, 50), step: fc.integer({ min: 1, max: 2 }) }), { nil: undefined }),
  shards: fc.integer({ min: 1, max: 4 }),
});
type Generated = typeof experimentArbitrary extends fc.Arbitrary<infer T> ? T : never;

function experimentOf(generated: Generated): Experiment {
  const lines = [
    'id: generated',
    'name: generated',
    'scenarios: [../../../scenarios/caribbean-earthquake.yaml]',
    `factors: ${JSON.stringify(generated.factors)}`,
    `design: ${generated.design}`,
    ...(generated.design === 'latin-hypercube' ? [`samples: ${generated.samples}`] : []),
    `replications: ${generated.replications}`,
    `seed: ${generated.seed}`,
    'horizonHours: 120',
    'metrics: [firstResponseHours, needsMet50Hours, unmetNeedHours, "usa.*", "*.consentHours"]',
    ...(generated.stopping ? [`stopping: { metric: firstResponseHours, halfWidth: ${generated.stopping.halfWidth}, minReplications: 2, step: ${generated.stopping.step} }`] : []),
  ];
  return loadExperimentText(lines.join('\n'), join(FIXTURES, 'generated.yaml'));
}

describe('reproducible batches', () => {
  it('should write byte-identical results for any shard layout, once the shards are merged', async () => {
    await fc.assert(
      fc.asyncProperty(experimentArbitrary, async (generated) => {
        const experiment = experimentOf(generated);
        const whole = temporaryDir();
        await runBatch(experiment, { outDir: whole, workers: 0 });
        const shardDirs: string[] = [];
        for (let index = 1; index <= generated.shards; index += 1) {
          const dir = temporaryDir();
          await runBatch(experiment, { outDir: dir, workers: 0, shard: { index, count: generated.shards } });
          shardDirs.push(dir);
        }
        const merged = temporaryDir();
        mergeResults(shardDirs.reverse(), merged);
        expect(folderContents(merged)).toEqual(folderContents(whole));
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('should write byte-identical runs.csv for any number of worker threads', async () => {
    await fc.assert(
      fc.asyncProperty(experimentArbitrary, fc.integer({ min: 1, max: 3 }), async (generated, workers) => {
        const experiment = experimentOf(generated);
        const inline = temporaryDir();
        const threaded = temporaryDir();
        await runBatch(experiment, { outDir: inline, workers: 0 });
        await runBatch(experiment, { outDir: threaded, workers });
        expect(folderContents(threaded)).toEqual(folderContents(inline));
      }),
      { numRuns: 4 },
    );
  }, 120_000);

  it('gives replication r the same seed in every arm (common random numbers)', async () => {
    const experiment = experimentOf({ factors: [FACTORS[0]!], design: 'full-factorial', samples: 2, replications: 3, seed: 5, stopping: undefined, shards: 1 });
    const dir = temporaryDir();
    await runBatch(experiment, { outDir: dir, workers: 0 });
    const rows = folderContents(dir)['runs.csv']!.trim().split('\n').slice(1).map((line) => line.split(','));
    const seedsByReplication = new Map<string, Set<string>>();
    for (const row of rows) seedsByReplication.set(row[2]!, (seedsByReplication.get(row[2]!) ?? new Set()).add(row[3]!));
    expect([...seedsByReplication.values()].map((seeds) => seeds.size)).toEqual([1, 1, 1]);
    expect(new Set(rows.map((row) => row[3])).size).toBe(3);
  });
});
