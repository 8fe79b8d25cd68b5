import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperimentText, plotResults, morrisDesign, morrisIndices, runBatch, saltelliDesign, sobolIndices } from '../../src/index.js';
import { RandomStream } from '../../src/kernel/random.js';
import { FIXTURES, folderContents, temporaryDir } from './helpers.js';

/** The Ishigami function (a = 7, b = 0.1) of unit-cube inputs mapped to [−π, π]. */
function ishigami(unit: readonly number[]): number {
  const [x1, x2, x3] = unit.map((u) => -Math.PI + 2 * Math.PI * u) as [number, number, number];
  return Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);
}

/** Its known indices (Ishigami and Homma 1990; Saltelli et al. 2008): first order and total. */
const ISHIGAMI = { first: [0.3139, 0.4424, 0], total: [0.5576, 0.4424, 0.2437] };

describe('Sobol indices (Saltelli design)', () => {
  it('recover the known first-order and total indices of the Ishigami function, inside their bootstrap intervals', () => {
    const samples = 4096;
    const design = saltelliDesign(samples, 3);
    expect(design).toHaveLength(samples * 5);
    const indices = sobolIndices(design.map(ishigami), samples, 3, 'ishigami');
    indices.forEach((factor, i) => {
      // The Sobol' sequence's even coverage: within 0.02 of the known indices at 4,096 base rows.
      expect(Math.abs(factor.first.estimate! - ISHIGAMI.first[i]!), `S${i + 1}`).toBeLessThan(0.02);
      expect(Math.abs(factor.total.estimate! - ISHIGAMI.total[i]!), `ST${i + 1}`).toBeLessThan(0.02);
      expect(factor.first.ci95Low!).toBeLessThanOrEqual(ISHIGAMI.first[i]!);
      expect(factor.first.ci95High!).toBeGreaterThanOrEqual(ISHIGAMI.first[i]!);
      expect(factor.total.ci95Low!).toBeLessThanOrEqual(ISHIGAMI.total[i]!);
      expect(factor.total.ci95High!).toBeGreaterThanOrEqual(ISHIGAMI.total[i]!);
    });
  });
});

describe('Saltelli design on the Sobol\' sequence', () => {
  it('takes A and B from one low-discrepancy sequence of 2k dimensions, skipping its origin', () => {
    const design = saltelliDesign(4, 2);
    // The sequence's points 1-4 in 4 dimensions: A = first two coordinates, B = last two.
    expect(design.slice(0, 8)).toEqual([
      [0.5, 0.5], [0.75, 0.25], [0.25, 0.75], [0.375, 0.375],
      [0.5, 0.5], [0.25, 0.25], [0.75, 0.75], [0.625, 0.875],
    ]);
    // A_B^1: A with its first column from B.
    expect(design.slice(8, 12)).toEqual([[0.5, 0.5], [0.25, 0.25], [0.75, 0.75], [0.625, 0.375]]);
    expect(() => saltelliDesign(4, 65)).toThrow(/at most 64 factors/);
  });

  it('converges faster than pseudo-random sampling on the Ishigami function', () => {
    const error = (design: number[][], samples: number) =>
      sobolIndices(design.map(ishigami), samples, 3, 'ishigami').reduce((sum, factor, i) => sum + Math.abs(factor.total.estimate! - ISHIGAMI.total[i]!), 0);
    const samples = 512;
    const quasi = error(saltelliDesign(samples, 3), samples);
    // The same estimator on pseudo-random A and B (seeded), over several seeds.
    const pseudo = Array.from({ length: 5 }, (_, seed) => {
      const draw = new RandomStream(`ishigami-${seed}`);
      const a = Array.from({ length: samples }, () => [draw.random(), draw.random(), draw.random()]);
      const b = Array.from({ length: samples }, () => [draw.random(), draw.random(), draw.random()]);
      return error([...a, ...b, ...[0, 1, 2].flatMap((i) => a.map((row, n) => row.map((value, j) => (j === i ? b[n]![j]! : value))))], samples);
    });
    expect(quasi).toBeLessThan(pseudo.reduce((sum, value) => sum + value, 0) / pseudo.length);
  });
});

describe('Morris elementary effects', () => {
  it('are the exact slopes of a linear function, with no spread', () => {
    const design = morrisDesign(20, 3, 'linear');
    expect(design).toHaveLength(20 * 4);
    const indices = morrisIndices(design, design.map(([a, b]) => 3 * a! - 2 * b!), 3, 'linear');
    expect(indices.map((factor) => [factor.muStar.estimate, factor.mu].map((value) => Math.round(value! * 1e9) / 1e9))).toEqual([[3, 3], [2, -2], [0, 0]]);
    for (const factor of indices) expect(factor.sigma!).toBeLessThan(1e-9);
  });

  it('show the Ishigami x3 as acting only through its interaction: large spread, mean near zero', () => {
    const design = morrisDesign(100, 3, 'ishigami');
    const [x1, , x3] = morrisIndices(design, design.map(ishigami), 3, 'ishigami');
    expect(x3!.muStar.estimate!).toBeGreaterThan(1);
    expect(x3!.sigma!).toBeGreaterThan(x3!.muStar.estimate!);
    expect(Math.abs(x3!.mu!)).toBeLessThan(x3!.muStar.estimate! / 2);
    // x1 acts on its own (sin x1) and always in one direction on average.
    expect(x1!.mu!).toBeGreaterThan(0);
  });
});

describe('morris and sobol designs in an experiment file', () => {
  for (const [design, samples, points] of [['sobol', 3, 12], ['morris', 3, 9]] as const) {
    it(`${design}: runs ${points} design points and writes its indices to sensitivity.csv`, async () => {
      const text = readFileSync(join(FIXTURES, 'small.yaml'), 'utf8').replace('replications: 3', `replications: 1\ndesign: ${design}\nsamples: ${samples}`);
      const experiment = loadExperimentText(text, join(FIXTURES, 'small.yaml'));
      expect(experiment.points).toHaveLength(points);
      const dir = temporaryDir();
      await runBatch(experiment, { outDir: dir, workers: 0 });
      const rows = folderContents(dir)['sensitivity.csv']!.trim().split('\n').filter((line) => line.startsWith('unmetNeedHours,value,'));
      const indices = design === 'sobol' ? ['firstOrder', 'total'] : ['muStar', 'mu', 'sigma'];
      for (const factor of ['protocol', 'consentDelay']) {
        for (const index of ['mainEffect', 'src', ...indices]) expect(rows.some((row) => row.startsWith(`unmetNeedHours,value,,${factor},${index},`)), `${factor} ${index}`).toBe(true);
      }
      const plots = temporaryDir();
      expect(plotResults(dir, plots, ['unmetNeedHours'])).toContain(`unmetNeedHours-${design}.svg`);
      expect(readFileSync(join(plots, `unmetNeedHours-${design}.svg`), 'utf8')).toContain(design === 'sobol' ? 'Sobol indices of unmetNeedHours' : 'Morris μ* of unmetNeedHours');
    }, 60_000);
  }
});
