import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeSample, kaplanMeier, kaplanMeierQuantile, pairedMilestone, pairedShareDifference, restrictedMean, summarizeMilestone, wilsonInterval, type ValueStatus } from '../../src/index.js';

/**
 * Freireich et al. (1963), remission times in weeks of the 6-MP arm (Gehan 1965, the
 * classic example of every survival textbook): [weeks, relapsed (1) or censored (0)].
 */
const SIX_MP: [number, 0 | 1][] = [[6, 1], [6, 1], [6, 1], [6, 0], [7, 1], [9, 0], [10, 1], [10, 0], [11, 0], [13, 1], [16, 1], [17, 0], [19, 0], [20, 0], [22, 1], [23, 1], [25, 0], [32, 0], [32, 0], [34, 0], [35, 0]];
/** The placebo arm: every patient relapsed. */
const PLACEBO = [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23];

const sixMp = () => kaplanMeier(SIX_MP.map(([weeks]) => weeks), SIX_MP.map(([, relapsed]) => relapsed === 1));
const placebo = () => kaplanMeier(PLACEBO, PLACEBO.map(() => true));

describe('Kaplan-Meier against the Freireich 6-MP leukaemia data', () => {
  it('gives the published survival estimates and Greenwood standard errors', () => {
    const curve = sixMp();
    expect(curve.times).toEqual([6, 7, 10, 13, 16, 22, 23]);
    // Kalbfleisch & Prentice, Collett, Kleinbaum: S(t) and its standard error.
    const published = [[0.8571, 0.0764], [0.8067, 0.0869], [0.7529, 0.0963], [0.6902, 0.1068], [0.6275, 0.1141], [0.5378, 0.1282], [0.4482, 0.1346]];
    published.forEach(([survival, se], i) => {
      expect(curve.survival[i]).toBeCloseTo(survival!, 4);
      expect(curve.survival[i]! * Math.sqrt(curve.greenwood[i]!)).toBeCloseTo(se!, 4);
    });
  });

  it('gives the medians and 95% limits R survival prints: 23 (16, NA) for 6-MP, 8 (4, 12) for placebo', () => {
    expect(kaplanMeierQuantile(sixMp(), 0.5)).toEqual({ estimate: 23, ci95Low: 16, ci95High: null });
    expect(kaplanMeierQuantile(placebo(), 0.5)).toEqual({ estimate: 8, ci95Low: 4, ci95High: 12 });
    expect(kaplanMeierQuantile(sixMp(), 0.25).estimate).toBe(13);
    expect(kaplanMeierQuantile(sixMp(), 0.75).estimate).toBeNull();
  });

  it('gives the restricted mean by hand: the area under the steps up to 23 weeks', () => {
    const s = [1, 18 / 21, (18 / 21) * (16 / 17), (18 / 21) * (16 / 17) * (14 / 15)];
    s.push(s[3]! * (11 / 12), s[3]! * (11 / 12) * (10 / 11), s[3]! * (11 / 12) * (10 / 11) * (6 / 7));
    const byHand = 6 * s[0]! + 1 * s[1]! + 3 * s[2]! + 3 * s[3]! + 3 * s[4]! + 6 * s[5]! + 1 * s[6]!;
    expect(restrictedMean(sixMp(), 23).estimate).toBeCloseTo(byHand, 10);
    // R's print(survfit, rmean = 35): 23.29 (se 2.83) for 6-MP, 8.67 (se 1.38) for placebo.
    const sixMp35 = restrictedMean(sixMp(), 35);
    expect(sixMp35.estimate).toBeCloseTo(23.287, 3);
    expect(sixMp35.se).toBeCloseTo(2.827, 3);
    expect(restrictedMean(placebo(), 35).estimate).toBeCloseTo(8.667, 3);
    expect(restrictedMean(placebo(), 35).se).toBeCloseTo(1.377, 3);
  });
});

describe('shares', () => {
  it('gives the Wilson intervals of the worked examples in Newcombe (1998), Stat Med 17:857', () => {
    const cases: [number, number, number, number][] = [[81, 263, 0.2553, 0.3662], [15, 148, 0.0624, 0.1605], [0, 20, 0, 0.1611], [1, 29, 0.0061, 0.1718]];
    for (const [x, n, low, high] of cases) {
      const interval = wilsonInterval(x, n);
      expect(interval.ci95Low).toBeCloseTo(low, 4);
      expect(interval.ci95High).toBeCloseTo(high, 4);
    }
  });

  it('bounds a paired difference of 0 of 60 against 60 of 60 away from zero (worked by hand)', () => {
    // Wilson upper limit of 0/60 is z²/(n + z²); the interval is (-1, -(1 - √2 · that)).
    const z2 = 1.959963984540054 ** 2;
    const difference = pairedShareDifference({ both: 0, firstOnly: 0, secondOnly: 60, neither: 0 });
    expect(difference).toMatchObject({ pairs: 60, estimate: -1, ci95Low: -1 });
    expect(difference.ci95High).toBeCloseTo(-1 + Math.SQRT2 * (z2 / (60 + z2)), 10);
  });
});

const sampleArbitrary = fc.array(fc.record({ hours: fc.double({ min: 0, max: 100, noNaN: true }), reached: fc.boolean() }), { minLength: 1, maxLength: 40 });

describe('properties', () => {
  it('with no censoring, the Kaplan-Meier median is the sample median and the RMST the mean', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 40 }), (times) => {
        const curve = kaplanMeier(times, times.map(() => true));
        expect(kaplanMeierQuantile(curve, 0.5).estimate).toBeCloseTo(describeSample(times).median!, 9);
        const rmst = restrictedMean(curve, 50);
        expect(rmst.estimate).toBeCloseTo(describeSample(times).mean!, 9);
        // The RMST variance is then the plug-in variance of the mean.
        const mean = describeSample(times).mean!;
        expect(rmst.se! ** 2).toBeCloseTo(times.reduce((sum, t) => sum + (t - mean) ** 2, 0) / times.length ** 2, 9);
      }),
    );
  });

  it('with censoring only at the horizon, the RMST is the mean of min(time, horizon)', () => {
    fc.assert(
      fc.property(sampleArbitrary, (runs) => {
        const sample = { values: runs.map((run) => (run.reached ? run.hours : null)), statuses: runs.map((run): ValueStatus => (run.reached ? 'observed' : 'censored')), censoredAtHours: runs.map(() => 100) };
        const summary = summarizeMilestone(sample);
        const restricted = runs.map((run) => (run.reached ? run.hours : 100));
        expect(summary.restricted!.estimate).toBeCloseTo(describeSample(restricted).mean!, 8);
        for (const share of [summary.reachedShare.estimate!, summary.reachedShare.ci95Low!, summary.reachedShare.ci95High!]) expect(share).toBeGreaterThanOrEqual(0);
        for (const share of [summary.reachedShare.estimate!, summary.reachedShare.ci95Low!, summary.reachedShare.ci95High!]) expect(share).toBeLessThanOrEqual(1);
        expect(summary.reachedShare.ci95Low!).toBeLessThanOrEqual(summary.reachedShare.estimate!);
        expect(summary.observed + summary.censored).toBe(runs.length);
      }),
    );
  });

  it('quantiles and their limits are ordered, and a paired share difference stays in [-1, 1] around its estimate', () => {
    fc.assert(
      fc.property(sampleArbitrary, sampleArbitrary, (first, second) => {
        const curve = kaplanMeier(first.map((run) => run.hours), first.map((run) => run.reached));
        const q25 = kaplanMeierQuantile(curve, 0.25).estimate;
        const median = kaplanMeierQuantile(curve, 0.5);
        if (q25 !== null && median.estimate !== null) expect(q25).toBeLessThanOrEqual(median.estimate);
        if (median.estimate !== null && median.ci95Low !== null) expect(median.ci95Low).toBeLessThanOrEqual(median.estimate);
        if (median.estimate !== null && median.ci95High !== null) expect(median.ci95High).toBeGreaterThanOrEqual(median.estimate);
        const pairs = Math.min(first.length, second.length);
        const arm = (runs: typeof first) => ({ values: runs.slice(0, pairs).map((run) => (run.reached ? run.hours : null)), statuses: runs.slice(0, pairs).map((run): ValueStatus => (run.reached ? 'observed' : 'censored')), censoredAtHours: runs.slice(0, pairs).map(() => 100) });
        const paired = pairedMilestone(arm(first), arm(second));
        expect(paired.pairs).toBe(pairs);
        const share = paired.reachedShareDifference;
        expect(share.ci95Low!).toBeGreaterThanOrEqual(-1);
        expect(share.ci95High!).toBeLessThanOrEqual(1);
        expect(share.ci95Low!).toBeLessThanOrEqual(share.estimate! + 1e-12);
        expect(share.ci95High!).toBeGreaterThanOrEqual(share.estimate! - 1e-12);
      }),
    );
  });

  it('leaves not-applicable runs out of every figure', () => {
    const sample = { values: [10, null, null, 30], statuses: ['observed', 'not-applicable', 'censored', 'observed'] as const, censoredAtHours: [100, 100, 100, 100] };
    const summary = summarizeMilestone(sample);
    expect(summary).toMatchObject({ runs: 4, observed: 2, censored: 1, notApplicable: 1 });
    expect(summary.reachedShare.estimate).toBeCloseTo(2 / 3, 12);
    expect(summary.restricted!.estimate).toBeCloseTo((10 + 100 + 30) / 3, 9);
  });
});
