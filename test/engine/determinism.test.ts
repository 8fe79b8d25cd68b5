import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NATION_MILESTONES, runScenario, type RunResult, type TraceEntry } from '../../src/index.js';
import { scenarioArbitrary, scenarioWith } from '../fixtures/scenarios.js';

function runWithTrace(scenario: Parameters<typeof runScenario>[0], seed: number): { result: RunResult; trace: string } {
  const entries: TraceEntry[] = [];
  const result = runScenario(scenario, { seed, trace: (entry) => entries.push(entry) });
  return { result, trace: entries.map((entry) => JSON.stringify(entry)).join('\n') };
}

describe('determinism', () => {
  it('should produce a byte-identical trace and metrics for the same scenario and seed', () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.integer({ min: 0, max: 2 ** 31 }), (scenario, seed) => {
        const first = runWithTrace(scenario, seed);
        const second = runWithTrace(scenario, seed);
        expect(second.trace).toBe(first.trace);
        expect(JSON.stringify(second.result)).toBe(JSON.stringify(first.result));
      }),
      { numRuns: 25 },
    );
  });

  it('gives different runs for different seeds', () => {
    const scenario = scenarioWith(() => {});
    const a = runScenario(scenario, { seed: 1 }).metrics;
    const b = runScenario(scenario, { seed: 2 }).metrics;
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  });

  it("should leave other nations' draws unchanged when one nation's parameters change", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 300, noNaN: true }), (seed, authorize) => {
        const base = runScenario(scenarioWith(() => {}), { seed }).metrics.nations;
        const changed = runScenario(
          scenarioWith((input) => {
            input.nations[2].decision.authorize = authorize;
          }),
          { seed },
        ).metrics.nations;
        // Alpha's detection and decision depend only on its own streams.
        expect(changed.aaa!.detectHours).toBe(base.aaa!.detectHours);
        expect(changed.aaa!.decideHours).toBe(base.aaa!.decideHours);
        expect(changed.aaa!.authorizeHours).toBe(base.aaa!.authorizeHours);
        // Beta's own detection and decision are unchanged too; only its authorization moved.
        expect(changed.bbb!.decideHours).toBe(base.bbb!.decideHours);
      }),
      { numRuns: 30 },
    );
  });
});

describe('metrics are well formed', () => {
  it('should never record a negative metric, and milestones are null or within the horizon', () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.integer({ min: 0, max: 1000 }), (scenario, seed) => {
        const { metrics, horizonHours } = runScenario(scenario, { seed });
        for (const [name, value] of Object.entries(metrics)) {
          if (name === 'nations' || name === 'ports' || name === 'lift' || Array.isArray(value)) continue;
          if (value !== null) expect(value as number, name).toBeGreaterThanOrEqual(0);
        }
        for (const [id, port] of [...Object.entries(metrics.ports), ...Object.entries(metrics.lift)]) {
          for (const [name, value] of Object.entries(port)) if (value !== null) expect(value, `${id}.${name}`).toBeGreaterThanOrEqual(0);
        }
        for (const nation of Object.values(metrics.nations)) {
          for (const { name } of NATION_MILESTONES) {
            const value = nation[name];
            if (value !== null) {
              expect(value).toBeGreaterThanOrEqual(0);
              expect(value).toBeLessThanOrEqual(horizonHours);
            }
          }
          for (const hours of Object.values(nation.stallHours)) expect(hours).toBeGreaterThanOrEqual(0);
          expect(nation.unitsDelivered).toBeGreaterThanOrEqual(0);
          expect(nation.cost).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('should record milestones that did not happen as null, censored at the horizon, never 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0.5, max: 3, noNaN: true }), (seed, horizonHours) => {
        // Nobody can deploy abroad within 3 hours: detection alone takes 1-2 h.
        const result = runScenario(scenarioWith(() => {}), { seed, horizonHours });
        expect(result.censoredAtHours).toBe(horizonHours);
        expect(result.metrics.firstResponseHours).toBeNull();
        expect(result.metrics.needsMet90Hours).toBeNull();
        for (const id of ['aaa', 'bbb']) {
          expect(result.metrics.nations[id]!.firstDeployHours).toBeNull();
          expect(result.metrics.nations[id]!.consentHours).toBeNull();
        }
        expect(result.metrics.unmetNeedHours).toBeGreaterThan(0);
      }),
      { numRuns: 30 },
    );
  });

  it('a full run reaches every milestone of a willing contributor in order', () => {
    const nation = runScenario(scenarioWith(() => {}), { seed: 3 }).metrics.nations.aaa!;
    const order = ['detectHours', 'decideHours', 'authorizeHours', 'consentHours', 'firstDeployHours', 'fullDeployHours'] as const;
    for (let i = 1; i < order.length; i++) expect(nation[order[i]!]!).toBeGreaterThanOrEqual(nation[order[i - 1]!]!);
    expect(nation.unitsDelivered).toBe(10);
  });
});
