import { describe, expect, it } from 'vitest';
import { RandomStream, RandomStreams } from '../../src/index.js';

const N = 200_000;

function moments(draw: () => number): { mean: number; variance: number } {
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < N; i++) {
    const x = draw();
    sum += x;
    sumSquares += x * x;
  }
  const mean = sum / N;
  return { mean, variance: sumSquares / N - mean * mean };
}

/** Expect a sample mean within 4 standard errors and a variance within 3%. */
function expectMoments(draw: () => number, mean: number, variance: number): void {
  const sample = moments(draw);
  expect(Math.abs(sample.mean - mean)).toBeLessThan(4 * Math.sqrt(variance / N));
  expect(sample.variance / variance).toBeGreaterThan(0.97);
  expect(sample.variance / variance).toBeLessThan(1.03);
}

describe('RandomStream distributions match their known means and variances', () => {
  const stream = new RandomStream('moments');
  it('uniform(2, 8): mean 5, variance 3', () => expectMoments(() => stream.uniform(2, 8), 5, 3));
  it('exponential(mean 4): mean 4, variance 16', () => expectMoments(() => stream.exponential(4), 4, 16));
  it('normal(10, 2): mean 10, variance 4', () => expectMoments(() => stream.normal(10, 2), 10, 4));
  it('lognormal(median 3, sigma 0.5): mean m e^(s²/2), variance (e^(s²)-1) m² e^(s²)', () => {
    const s2 = 0.25;
    expectMoments(() => stream.lognormal(3, 0.5), 3 * Math.exp(s2 / 2), (Math.exp(s2) - 1) * 9 * Math.exp(s2));
  });
  it('triangular(1, 4, 10): mean 5, variance 3.5', () => {
    const [a, c, b] = [1, 4, 10];
    expectMoments(() => stream.triangular(a, c, b), (a + b + c) / 3, (a * a + b * b + c * c - a * b - a * c - b * c) / 18);
  });
  it('bernoulli(0.3): mean 0.3, variance 0.21', () => expectMoments(() => (stream.bernoulli(0.3) ? 1 : 0), 0.3, 0.21));
  it('gamma(shape 2.5, mean 5): variance shape x scale² = 10', () => expectMoments(() => stream.gamma(2.5, 5), 5, 10));
  it('gamma(shape 0.5, mean 1): variance 2 (shapes below 1)', () => expectMoments(() => stream.gamma(0.5, 1), 1, 2));
  it('erlang(3 phases, mean 6): variance 12', () => expectMoments(() => stream.erlang(3, 6), 6, 12));
  it('poisson(4): mean 4, variance 4, P(0) = e^-4', () => {
    expectMoments(() => stream.poisson(4), 4, 4);
    let zeros = 0;
    for (let i = 0; i < N; i++) if (stream.poisson(4) === 0) zeros++;
    const p0 = Math.exp(-4);
    expect(Math.abs(zeros / N - p0)).toBeLessThan(4 * Math.sqrt((p0 * (1 - p0)) / N));
  });
  it('poisson(120) by transformed rejection: mean 120, variance 120, whole numbers', () => {
    expectMoments(() => stream.poisson(120), 120, 120);
    expect(Number.isInteger(stream.poisson(120))).toBe(true);
  });
  it('poisson(0) is always 0', () => expect(stream.poisson(0)).toBe(0));
  it('integer(1, 6): mean 3.5, variance 35/12, every face and nothing else', () => {
    expectMoments(() => stream.integer(1, 6), 3.5, 35 / 12);
    const seen = new Set(Array.from({ length: 1000 }, () => stream.integer(1, 6)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('RandomStream refuses impossible parameters with a clear message', () => {
  const stream = new RandomStream('refusals');
  it('gamma with shape 0, erlang with 1.5 phases, poisson of NaN, integer(5, 2)', () => {
    expect(() => stream.gamma(0, 1)).toThrow(/gamma needs shape > 0/);
    expect(() => stream.erlang(1.5, 1)).toThrow(/whole number of phases/);
    expect(() => stream.poisson(Number.NaN)).toThrow(/poisson needs a finite mean/);
    expect(() => stream.integer(5, 2)).toThrow(/min <= max/);
  });
});

describe('RandomStreams', () => {
  it('should produce the same sequence for the same seed and name', () => {
    const a = new RandomStreams(42).stream('nation/usa/decide');
    const b = new RandomStreams(42).stream('nation/usa/decide');
    for (let i = 0; i < 100; i++) expect(a.random()).toBe(b.random());
  });

  it('keeps a stream\'s draws unchanged when other streams are created or used first', () => {
    const alone = new RandomStreams(7).stream('nation/fra/authorize');
    const crowded = new RandomStreams(7);
    for (let i = 0; i < 50; i++) crowded.stream(`nation/n${i}/detect`).random();
    const same = crowded.stream('nation/fra/authorize');
    for (let i = 0; i < 100; i++) expect(same.random()).toBe(alone.random());
  });

  it('gives different streams different draws', () => {
    const streams = new RandomStreams(1);
    expect(streams.stream('a').random()).not.toBe(streams.stream('b').random());
    expect(new RandomStreams(2).stream('a').random()).not.toBe(new RandomStreams(1).stream('a').random());
  });
});
