import { describe, expect, it } from 'vitest';
import { describeSample, studentTQuantile } from '../../src/index.js';

describe('summary statistics', () => {
  it('gives the textbook 97.5% Student-t quantiles', () => {
    const table: [number, number][] = [[1, 12.7062], [2, 4.3027], [5, 2.5706], [10, 2.2281], [30, 2.0423], [1000, 1.9623]];
    for (const [df, expected] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 3);
  });

  it('describes a sample with a t-interval of the mean and type-7 quantiles', () => {
    const d = describeSample([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(d.mean).toBe(5.5);
    expect(d.sd).toBeCloseTo(3.02765, 4);
    expect(d.ci95HalfWidth).toBeCloseTo(2.2622 * (3.02765 / Math.sqrt(10)), 3);
    expect(d.median).toBe(5.5);
    expect(d.q25).toBeCloseTo(3.25, 10);
    expect(d.q95).toBeCloseTo(9.55, 10);
  });

  it('leaves the spread and interval empty below two values', () => {
    expect(describeSample([4])).toMatchObject({ n: 1, mean: 4, sd: null, ci95Low: null, median: 4 });
    expect(describeSample([])).toMatchObject({ n: 0, mean: null, median: null });
  });
});
