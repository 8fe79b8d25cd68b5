import { JOE_KUO_DIRECTIONS } from './joe-kuo.js';

/**
 * The Sobol' low-discrepancy sequence in the unit cube (Sobol' 1967), with Joe and Kuo's
 * direction numbers, in Gray-code order (Antonov and Saleev 1979) as Joe and Kuo's own
 * program and SciPy's unscrambled `qmc.Sobol` give it: point 0 is the origin and each next
 * point changes one direction number per coordinate. Every prefix of 2^m points puts one
 * point in each of the 2^m equal slices of every axis.
 */

/** One row of the Joe-Kuo table: degree s of the primitive polynomial, its inner coefficients (bits of `coefficients`), initial direction integers. */
export interface DirectionEntry {
  degree: number;
  coefficients: number;
  initial: number[];
}

/** Bits of each coordinate: points up to index 2^32 − 1. */
const BITS = 32;

/** The Joe-Kuo rows for dimensions 2, 3, ... (dimension 1 has none). */
export function joeKuoEntries(): DirectionEntry[] {
  return JOE_KUO_DIRECTIONS.split(/[;\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [degree, coefficients, ...initial] = entry.split(/\s+/).map(Number) as [number, number, ...number[]];
      return { degree, coefficients, initial };
    });
}

/** Dimensions the table supports. */
export const SOBOL_MAX_DIMENSIONS = joeKuoEntries().length + 1;

/** Direction numbers v_1..v_32 of each dimension as 32-bit integers (v_j = m_j · 2^(32 − j)). */
function directionNumbers(dimensions: number): Uint32Array[] {
  const entries = joeKuoEntries();
  const all: Uint32Array[] = [Uint32Array.from({ length: BITS }, (_, j) => 2 ** (BITS - 1 - j))];
  for (let d = 1; d < dimensions; d += 1) {
    const { degree: s, coefficients: a, initial } = entries[d - 1]!;
    const v = new Uint32Array(BITS);
    for (let j = 0; j < BITS; j += 1) {
      if (j < s) {
        v[j] = initial[j]! * 2 ** (BITS - 1 - j);
        continue;
      }
      // Bratley and Fox's recurrence: v_j = a_1 v_{j−1} ⊕ ... ⊕ a_{s−1} v_{j−s+1} ⊕ v_{j−s} ⊕ (v_{j−s} >> s).
      let x = v[j - s]! ^ (v[j - s]! >>> s);
      for (let k = 1; k < s; k += 1) if ((a >>> (s - 1 - k)) & 1) x ^= v[j - k]!;
      v[j] = x >>> 0;
    }
    all.push(v);
  }
  return all;
}

/** The first `count` points of the `dimensions`-dimensional Sobol' sequence, from point `skip` on. */
export function sobolPoints(count: number, dimensions: number, skip = 0): number[][] {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > SOBOL_MAX_DIMENSIONS) {
    throw new RangeError(`the Sobol' sequence has 1 to ${SOBOL_MAX_DIMENSIONS} dimensions, not ${dimensions}`);
  }
  if (!Number.isInteger(count) || !Number.isInteger(skip) || count < 0 || skip < 0 || count + skip > 2 ** BITS) throw new RangeError(`no Sobol' points ${skip} to ${skip + count - 1}`);
  const directions = directionNumbers(dimensions);
  const x = new Uint32Array(dimensions);
  const points: number[][] = [];
  for (let i = 0; i < skip + count; i += 1) {
    if (i > 0) {
      // Gray code: point i differs from point i − 1 by the direction number of the lowest zero bit of i − 1.
      const bit = 31 - Math.clz32(~(i - 1) & i);
      for (let d = 0; d < dimensions; d += 1) x[d] = x[d]! ^ directions[d]![bit]!;
    }
    if (i >= skip) points.push(Array.from(x, (value) => value / 2 ** BITS));
  }
  return points;
}
