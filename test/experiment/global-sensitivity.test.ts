import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperimentText, plotResults, morrisDesign, morrisIndices, runBatch, saltelliDesign, sobolIndices } from '../../src/index.js';
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
    const design = saltelliDesign(samples, 3, 'ishigami');
    expect(design).toHaveLength(samples * 5);
    const indices = sobolIndices(design.map(ishigami), samples, 3, 'ishigami');
    indices.forEach((factor, i) => {
      expect(factor.first.estimate!).toBeCloseTo(ISHIGAMI.first[i]!, 1);
      expect(factor.total.estimate!).toBeCloseTo(ISHIGAMI.total[i]!, 1);
      expect(factor.first.ci95Low!).toBeLessThanOrEqual(ISHIGAMI.first[i]!);
      expect(factor.first.ci95High!).toBeGreaterThanOrEqual(ISHIGAMI.first[i]!);
      expect(factor.total.ci95Low!).toBeLessThanOrEqual(ISHIGAMI.total[i]!);
      expect(factor.total.ci95High!).toBeGreaterThanOrEqual(ISHIGAMI.total[i]!);
    });
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
