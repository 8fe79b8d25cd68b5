import { describe, expect, it } from 'vitest';
import { joeKuoEntries, sobolPoints, SOBOL_MAX_DIMENSIONS } from '../../src/experiment/sobol-sequence.js';

/** x^e mod p over GF(2), polynomials as bit sets. */
function powerMod(exponent: number, modulus: number, degree: number): number {
  const times = (a: number, b: number) => {
    let product = 0;
    for (let shifted = a; b > 0; b >>>= 1) {
      if (b & 1) product ^= shifted;
      shifted <<= 1;
      if (shifted & (1 << degree)) shifted ^= modulus;
    }
    return product;
  };
  let result = 1;
  let base = degree === 1 ? 2 ^ modulus : 2;
  for (let e = exponent; e > 0; e >>>= 1) {
    if (e & 1) result = times(result, base);
    base = times(base, base);
  }
  return result;
}

/** True when x^s + a_1 x^(s−1) + ... + a_(s−1) x + 1 is primitive over GF(2): x has order 2^s − 1. */
function isPrimitive(degree: number, coefficients: number): boolean {
  const modulus = (1 << degree) | (coefficients << 1) | 1;
  const order = 2 ** degree - 1;
  if (powerMod(order, modulus, degree) !== 1) return false;
  return primeFactors(order).every((q) => powerMod(order / q, modulus, degree) !== 1);
}

function primeFactors(n: number): number[] {
  const factors: number[] = [];
  for (let q = 2; q * q <= n; q += 1) {
    if (n % q !== 0) continue;
    factors.push(q);
    while (n % q === 0) n /= q;
  }
  return n > 1 ? [...factors, n] : factors;
}

describe("Sobol' sequence (Joe-Kuo direction numbers)", () => {
  it('starts with the known points (Joe and Kuo\'s program, SciPy qmc.Sobol unscrambled)', () => {
    expect(sobolPoints(8, 3)).toEqual([
      [0, 0, 0],
      [0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25],
      [0.25, 0.75, 0.75],
      [0.375, 0.375, 0.625],
      [0.875, 0.875, 0.125],
      [0.625, 0.125, 0.875],
      [0.125, 0.625, 0.375],
    ]);
    expect(sobolPoints(3, 3, 5)).toEqual(sobolPoints(8, 3).slice(5));
  });

  it('puts one point in each of the 2^m slices of every axis, in all 128 dimensions', () => {
    expect(SOBOL_MAX_DIMENSIONS).toBe(128);
    const points = sobolPoints(1024, SOBOL_MAX_DIMENSIONS);
    for (const m of [1, 4, 7, 10]) {
      for (let d = 0; d < SOBOL_MAX_DIMENSIONS; d += 1) {
        const slices = new Set(points.slice(0, 2 ** m).map((point) => Math.floor(point[d]! * 2 ** m)));
        expect(slices.size, `dimension ${d + 1}, 2^${m} points`).toBe(2 ** m);
      }
    }
  });

  it('is a (0, m, 2)-net in its first two dimensions: one point in every dyadic box of area 2^-m', () => {
    const m = 8;
    const points = sobolPoints(2 ** m, 2);
    for (let a = 0; a <= m; a += 1) {
      const boxes = new Set(points.map(([x, y]) => `${Math.floor(x! * 2 ** a)},${Math.floor(y! * 2 ** (m - a))}`));
      expect(boxes.size, `boxes 2^-${a} x 2^-${m - a}`).toBe(2 ** m);
    }
  });

  it("holds Joe and Kuo's table: every primitive polynomial of degree 1-9 in order, odd initial numbers below 2^k", () => {
    const entries = joeKuoEntries();
    expect(entries).toHaveLength(127);
    for (let degree = 1; degree <= 9; degree += 1) {
      const primitive = Array.from({ length: 2 ** (degree - 1) }, (_, a) => a).filter((a) => isPrimitive(degree, a));
      expect(entries.filter((entry) => entry.degree === degree).map((entry) => entry.coefficients), `degree ${degree}`).toEqual(primitive);
    }
    // Degree 10: the first ones, in order.
    const tenth = entries.filter((entry) => entry.degree === 10).map((entry) => entry.coefficients);
    expect(tenth).toEqual(Array.from({ length: 2 ** 9 }, (_, a) => a).filter((a) => isPrimitive(10, a)).slice(0, tenth.length));
    expect(entries.map((entry) => entry.degree)).toEqual([...entries.map((entry) => entry.degree)].sort((a, b) => a - b));
    for (const entry of entries) {
      expect(entry.initial).toHaveLength(entry.degree);
      entry.initial.forEach((m, k) => {
        expect(m % 2).toBe(1);
        expect(m).toBeLessThan(2 ** (k + 1));
      });
    }
  });
});
