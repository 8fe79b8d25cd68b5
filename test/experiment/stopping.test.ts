import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperimentText, runBatch, stoppingHalfWidth, type StoppingObservation } from '../../src/index.js';
import { expectShardsMergeToWhole, FIXTURES, folderContents, temporaryDir } from './helpers.js';

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

const reached = (hours: number): StoppingObservation => ({ value: hours, status: 'observed', censoredAtHours: 300 });
const notReached: StoppingObservation = { value: null, status: 'censored', censoredAtHours: 300 };

describe('stopping half-width under censoring', () => {
  it('counts runs that never reached a milestone: few close observed times among many misses do not stop a point', () => {
    const runs = [reached(100), reached(100.5), reached(101), ...new Array<StoppingObservation>(7).fill(notReached)];
    const observedOnly = stoppingHalfWidth(runs.filter((run) => run!.status === 'observed'), false)!;
    expect(observedOnly).toBeLessThan(2);
    // RMST up to 300 h: 3 runs near 100 h, 7 at 300 h; the spread of those is ~100 h.
    expect(stoppingHalfWidth(runs, true)!).toBeGreaterThan(40);
  });

  it('equals the t-free normal interval of the mean when every run reached the milestone', () => {
    const times = [90, 100, 110, 120];
    const halfWidth = stoppingHalfWidth(times.map(reached), true)!;
    // Kaplan-Meier without censoring: RMST = mean, se = population sd / sqrt(n).
    const mean = 105;
    const se = Math.sqrt(times.reduce((sum, t) => sum + (t - mean) ** 2, 0) / times.length / times.length);
    expect(halfWidth).toBeCloseTo(1.959963984540054 * se, 9);
  });

  it('keeps going (null) while no run has reached the milestone, below two runs, and leaves failed and not-applicable runs out', () => {
    expect(stoppingHalfWidth(new Array<StoppingObservation>(10).fill(notReached), true)).toBeNull();
    expect(stoppingHalfWidth([reached(5)], true)).toBeNull();
    const notApplicable: StoppingObservation = { value: null, status: 'not-applicable', censoredAtHours: 300 };
    expect(stoppingHalfWidth([reached(90), reached(110), null, notApplicable], true)).toBe(stoppingHalfWidth([reached(90), reached(110)], true));
  });
});

describe('stopping rule', () => {
  it('stops each design point once the CI half-width of the metric is below the target', async () => {
    const dir = temporaryDir();
    const summary = await runBatch(withStopping(1.5), { outDir: dir, workers: 0 });
    const counts = rowsPerPoint(dir);
    expect(summary.runs).toBe(counts.reduce((a, b) => a + b, 0));
    expect(counts.every((count) => count >= 4 && count <= 40 && count % 4 === 0)).toBe(true);
    expect(summary.runs).toBeLessThan(160);
    const [header, ...lines] = folderContents(dir)['summary.csv']!.trim().split('\n');
    // firstResponseHours is a milestone: the rule reads the interval of its restricted mean.
    const [low, high] = ['rmstCi95Low', 'rmstCi95High'].map((name) => header!.split(',').indexOf(name));
    const halfWidths = lines.filter((line) => line.includes(',firstResponseHours,')).map((line) => (Number(line.split(',')[high!]) - Number(line.split(',')[low!])) / 2);
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
    await expectShardsMergeToWhole(withStopping(1.5));
  });
});
