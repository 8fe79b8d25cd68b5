import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { addNeed } from '../../src/engine/effects.js';
import { coverageAt, CoverageScan, firstCoverageCrossing, needAt, unmetArea, type NeedCurve } from '../../src/model/needs.js';
import type { WorldState } from '../../src/model/world.js';

/** Midpoint-rule integral of max(0, need - supply), the slow way. */
function numericUnmetArea(curve: NeedCurve, supply: number, a: number, b: number): number {
  const steps = 20_000;
  const h = (b - a) / steps;
  let area = 0;
  for (let i = 0; i < steps; i++) area += Math.max(0, needAt(curve, a + (i + 0.5) * h) - supply) * h;
  return area;
}

describe('needs integrate exactly between events', () => {
  it('a steady need of 10 with supply 4 leaves 6 units unmet: 60 unit-hours over 10 h', () => {
    expect(unmetArea({ level: 10, ratePerHour: 0, sinceHours: 0 }, 4, 5, 15)).toBeCloseTo(60, 12);
  });

  it('a need halving every 24 h integrates to level * 24 / ln 2 with no supply', () => {
    const curve = { level: 100, ratePerHour: -Math.LN2 / 24, sinceHours: 0 };
    expect(unmetArea(curve, 0, 0, 1e6)).toBeCloseTo((100 * 24) / Math.LN2, 6);
  });

  it('should agree with numeric integration for any curve, supply and interval', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        fc.double({ min: 0, max: 150, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        (level, rate, supply, start, length) => {
          const curve = { level, ratePerHour: rate, sinceHours: 0 };
          const exact = unmetArea(curve, supply, start, start + length);
          const numeric = numericUnmetArea(curve, supply, start, start + length);
          expect(Math.abs(exact - numeric)).toBeLessThan(1e-3 * Math.max(1, numeric));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('finds the exact time coverage crosses a target', () => {
    // Need 10 halving every 10 h, supply 5: coverage = 5/need reaches 0.9 when need = 5/0.9.
    const curve = { level: 10, ratePerHour: -Math.LN2 / 10, sinceHours: 0 };
    const expected = (10 * Math.log(10 / (5 / 0.9))) / Math.LN2;
    expect(firstCoverageCrossing([curve], [5], 0.9, 0, 100)).toBeCloseTo(expected, 5);
    expect(firstCoverageCrossing([curve], [0], 0.5, 0, 100)).toBeNull();
    expect(coverageAt([curve], [20], 0)).toBe(1);
  });
});

/** The crossing search the plain way: coverage computed in full at each of 33 grid points, then bisection to 1e-6 h. */
function plainCrossing(curves: readonly NeedCurve[], supplies: readonly number[], target: number, from: number, to: number): number | null {
  const timeAt = (k: number) => (k === 0 ? from : k === 32 ? to : from + ((to - from) * k) / 32);
  if (coverageAt(curves, supplies, from) >= target) return from;
  for (let k = 1; k <= 32; k++) {
    if (coverageAt(curves, supplies, timeAt(k)) < target) continue;
    let low = timeAt(k - 1);
    let high = timeAt(k);
    while (high - low > 1e-6) {
      const mid = (low + high) / 2;
      if (coverageAt(curves, supplies, mid) >= target) high = mid;
      else low = mid;
    }
    return high;
  }
  return null;
}

describe('coverage crossings', () => {
  const curve = fc.record({
    level: fc.oneof(fc.double({ min: 0.1, max: 200, noNaN: true }), fc.constantFrom(0, -5)),
    ratePerHour: fc.oneof(fc.double({ min: -0.05, max: 0.01, noNaN: true }), fc.constant(0)),
    sinceHours: fc.double({ min: 0, max: 100, noNaN: true }),
  });
  // Supplies at, just above and just below the need at either end of the search, none, or any.
  const supplyOf = fc.record({
    at: fc.constantFrom('from', 'to', 'none', 'any'),
    factor: fc.constantFrom(1, 1 + 1e-12, 1 - 1e-12, 1 + 1e-9, 1 + 2e-9, 0.5, 1.5),
    any: fc.double({ min: 0, max: 300, noNaN: true }),
  });

  it('a search that skips the capabilities whose share cannot change finds exactly what the plain search finds, also restarted', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(curve, supplyOf), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 1, max: 5000, noNaN: true }),
        (pairs, from, span) => {
          const to = from + span;
          const curves = pairs.map(([c]) => c);
          const supplies = pairs.map(([c, { at, factor, any }]) =>
            at === 'none' ? 0 : at === 'any' ? any : Math.max(0, needAt(c, at === 'from' ? from : to) * factor),
          );
          const scan = new CoverageScan(curves, supplies, from, to);
          for (const target of [0.5, 0.9, 0.95, 1]) expect(scan.firstCrossing(target)).toBe(plainCrossing(curves, supplies, target, from, to));
          // The same scan restarted later in the run, after the supply changed, as the supply watch does.
          supplies.forEach((supply, i) => (supplies[i] = supply * 1.5));
          scan.restart(from + span / 3, to);
          for (const target of [0.5, 0.9, 0.95, 1]) expect(scan.firstCrossing(target)).toBe(plainCrossing(curves, supplies, target, from + span / 3, to));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('coverage cannot be fooled by over-supply', () => {
  const curveArbitrary = fc.record({
    level: fc.double({ min: 0, max: 200, noNaN: true }),
    ratePerHour: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
    sinceHours: fc.double({ min: 0, max: 100, noNaN: true }),
  });

  it('should never rise when need.add adds need to any capability, now or later', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(curveArbitrary, fc.double({ min: 0, max: 300, noNaN: true })), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.double({ min: 1e-6, max: 100, noNaN: true }),
        fc.double({ min: 100, max: 400, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        (pairs, pick, amount, now, later) => {
          const capabilities = pairs.map((_, i) => `c${i}`);
          const world = { needs: Object.fromEntries(pairs.map(([curve], i) => [capabilities[i]!, curve])) } as unknown as WorldState;
          const supplies = pairs.map(([, supply]) => supply);
          const curvesOf = (state: WorldState) => capabilities.map((capability) => state.needs[capability]!);
          const after = produce(world, (draft) => addNeed(draft, capabilities[pick % capabilities.length]!, amount, now));
          for (const t of [now, now + later]) {
            expect(coverageAt(curvesOf(after), supplies, t)).toBeLessThanOrEqual(coverageAt(curvesOf(world), supplies, t) + 1e-12);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("one capability's surplus never hides another's gap", () => {
    const flat = (level: number) => ({ level, ratePerHour: 0, sinceHours: 0 });
    // Search-and-rescue ten times over-supplied, medical with nothing: half the needs are met.
    expect(coverageAt([flat(10), flat(10)], [100, 0], 0)).toBe(0.5);
    // The aftershock of the Nepal trial: 4 more units of the over-supplied need change nothing.
    expect(coverageAt([flat(14), flat(10)], [100, 0], 0)).toBe(0.5);
    // Need added where supply falls short lowers coverage.
    expect(coverageAt([flat(10), flat(14)], [100, 7], 0)).toBe(0.75);
  });
});
