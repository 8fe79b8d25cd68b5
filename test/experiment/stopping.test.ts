import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperimentText, mergeResults, runBatch } from '../../src/index.js';
import { FIXTURES, folderContents, temporaryDir } from './helpers.js';

/** The small experiment with up to 40 replications and a stopping rule on the first foreign response. */
function withStopping(halfWidthHours: number) {
  const text = readFileSync(join(FIXTURES, 'small.yaml'), 'utf8')
    .replace('replications: 3', 'replications: 40')
    .concat(`stopping: { metric: firstResponseHours, halfWidth: ${halfWidthHours}, minReplications: 4, step: 4 }\n`);
  return loadExperimentText(text, join(FIXTURES, 'stopping.yaml'));
}

function rowsPerPoint(dir: string): number[] {
  const counts = [0, 0, 0, 0];
  for (const line of folderContents(dir)['runs.csv']!.trim().split('\n').slice(1)) counts[Number(line.split(',')[1])]! += 1;
  return counts;
}

describe('stopping rule', () => {
  it('stops each design point once the CI half-width of the metric is below the target', async () => {
    const dir = temporaryDir();
    const summary = await runBatch(withStopping(1.5), { outDir: dir, workers: 0 });
    const counts = rowsPerPoint(dir);
    expect(summary.runs).toBe(counts.reduce((a, b) => a + b, 0));
    expect(counts.every((count) => count >= 4 && count <= 40 && count % 4 === 0)).toBe(true);
    expect(summary.runs).toBeLessThan(160);
    const [header, ...lines] = folderContents(dir)['summary.csv']!.trim().split('\n');
    const column = header!.split(',').indexOf('observedCi95HalfWidth');
    const halfWidths = lines.filter((line) => line.includes(',firstResponseHours,')).map((line) => Number(line.split(',')[column]));
    expect(halfWidths).toHaveLength(4);
    halfWidths.forEach((halfWidth, point) => {
      if (counts[point]! < 40) expect(halfWidth).toBeLessThan(1.5);
    });
  });

  it('runs every replication when the target is never met', async () => {
    const dir = temporaryDir();
    await runBatch(withStopping(0.000001), { outDir: dir, workers: 0 });
    expect(rowsPerPoint(dir)).toEqual([40, 40, 40, 40]);
  });

  it('is replayed by merge, so shards give what one batch gives', async () => {
    const experiment = withStopping(1.5);
    const whole = temporaryDir();
    await runBatch(experiment, { outDir: whole, workers: 0 });
    const shards = [temporaryDir(), temporaryDir()];
    for (const [k, dir] of shards.entries()) await runBatch(experiment, { outDir: dir, workers: 0, shard: { index: k + 1, count: 2 } });
    const merged = temporaryDir();
    mergeResults(shards, merged);
    expect(folderContents(merged)).toEqual(folderContents(whole));
  });
});
