import { describe, expect, it } from 'vitest';
import { scenarioWith, shippedScenario as shipped } from '../fixtures/scenarios.js';
import { runScenario, type RunMetrics, type Scenario, type TraceEntry } from '../../src/index.js';

/** Operations that last (issue 12): relief, recovery with hand-over, transition; operation metrics. */
const SEEDS = [1, 2, 3, 4];

/** The small disaster with a medical need of half-life `halfLifeHours`, `hostUnits` host medical units and no airlift need. */
function small(halfLifeHours: number, hostUnits: number): Scenario {
  return scenarioWith((input) => {
    input.horizonHours = 3000;
    input.injects = [];
    input.nations[0].resources[0].units = hostUnits;
    input.crisis.needs = [{ capability: 'medical', initial: 10, halfLifeHours }];
  });
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const runs = (scenario: Scenario): RunMetrics[] => SEEDS.map((seed) => runScenario(scenario, { seed }).metrics);

describe('foreign forces stay for the recovery and hand over', () => {
  it('Haiti: relief ends when 90% of needs are met, but US forces stay on in recovery to the horizon (operation length censored), not gone 72 h later', () => {
    const haiti = shipped('caribbean-earthquake.yaml');
    for (const seed of SEEDS) {
      const trace: TraceEntry[] = [];
      const { metrics } = runScenario(haiti, { seed, trace: (entry) => trace.push(entry) });
      expect(metrics.needsMet90Hours, `seed ${seed}`).not.toBeNull();
      const us = trace.filter((entry) => entry.agent === 'nation:usa' && entry.event === 'state').map((entry) => entry.to);
      expect(us, `seed ${seed}`).toContain('recovering');
      expect(us, `seed ${seed}`).not.toContain('withdrawn');
      expect(metrics.operationHours, `seed ${seed}`).toBeNull();
      expect(metrics.nations.usa!.cost, `seed ${seed}`).toBeGreaterThan(0);
    }
  });

  it('a longer tail of need keeps the operation longer', () => {
    const short = runs(small(100, 2)).map((m) => m.operationHours!);
    const long = runs(small(400, 2)).map((m) => m.operationHours!);
    expect(short.every((hours) => hours > 0)).toBe(true);
    expect(mean(long)).toBeGreaterThan(mean(short) + 200);
  });

  it('more host capacity to hand over to shortens the operation', () => {
    const weakHost = runs(small(400, 2)).map((m) => m.operationHours!);
    const strongHost = runs(small(400, 10)).map((m) => m.operationHours!);
    expect(mean(strongHost)).toBeLessThan(mean(weakHost));
  });

  it('each hand-over happens once the others cover 90% of the need, checked every 24 h after relief', () => {
    const scenario = small(400, 2);
    const trace: TraceEntry[] = [];
    const { metrics } = runScenario(scenario, { seed: 1, trace: (entry) => trace.push(entry) });
    const relief = metrics.needsMet90Hours!;
    const recovering = [...new Set(trace.filter((entry) => entry.event === 'state' && entry.to === 'recovering').map((entry) => entry.agent.slice('nation:'.length)))];
    expect(recovering.length).toBeGreaterThan(0);
    for (const nation of recovering) {
      const handover = trace.find((entry) => entry.agent === `nation:${nation}` && entry.event === 'state' && entry.to === 'drawingDown');
      expect(handover, nation).toBeDefined();
      expect(((handover!.t - relief) / 24) % 1, nation).toBeCloseTo(0, 6);
    }
  });
});

describe('operation metrics', () => {
  it('operation cost is the foreign nations\' cost; personnel-days and peak personnel follow the units in theatre', () => {
    const scenario = small(100, 2);
    for (const seed of SEEDS) {
      const { metrics } = runScenario(scenario, { seed });
      expect(metrics.operationCostMusd).toBeCloseTo(metrics.nations.aaa!.cost + metrics.nations.bbb!.cost, 9);
      // At most 6 + 4 medical units of 10 people, and the 4 airlift units never deploy (no airlift need).
      expect(metrics.peakForeignPersonnel).toBeLessThanOrEqual(100);
      expect(metrics.peakForeignPersonnel).toBeGreaterThan(0);
      expect(metrics.foreignPersonnelDays).toBeLessThanOrEqual((metrics.peakForeignPersonnel * (metrics.operationHours! + 1e-9)) / 24);
      expect(metrics.foreignPersonnelDays).toBeGreaterThan(0);
    }
  });
});
