import { describe, expect, it } from 'vitest';
import { scenarioVariant as variant, scenarioWith, shippedScenario as shipped } from '../fixtures/scenarios.js';
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
  it('Haiti: foreign forces stay on in recovery and leave as needs fall; the operation ends inside the 180-day horizon, near the ~140 days of 2010', () => {
    const haiti = shipped('caribbean-earthquake.yaml');
    for (const seed of SEEDS) {
      const trace: TraceEntry[] = [];
      const { metrics } = runScenario(haiti, { seed, trace: (entry) => trace.push(entry) });
      expect(metrics.needsMet90Hours, `seed ${seed}`).not.toBeNull();
      const us = trace.filter((entry) => entry.agent === 'nation:usa' && entry.event === 'state').map((entry) => entry.to);
      expect(us, `seed ${seed}`).toEqual(expect.arrayContaining(['recovering', 'withdrawn']));
      // Observed, not censored: 120-160 days against Operation Unified Response's ~140.
      expect(metrics.operationHours! / 24, `seed ${seed}`).toBeGreaterThan(120);
      expect(metrics.operationHours! / 24, `seed ${seed}`).toBeLessThan(160);
      // US units go home a few at a time over weeks, not all at once.
      const releaseDays = new Set(trace.filter((entry) => entry.agent === 'nation:usa' && entry.event === 'units.released').map(({ t }) => Math.round(t / 24)));
      expect(releaseDays.size, `seed ${seed}`).toBeGreaterThan(8);
    }
  });

  it('Haiti: the peak of foreign personnel is of the order of the ~22,000 US service members of 2010', () => {
    const haiti = shipped('caribbean-earthquake.yaml');
    const peaks = runs(haiti).map((m) => m.peakForeignPersonnel);
    expect(mean(peaks)).toBeGreaterThan(11_000);
    expect(mean(peaks)).toBeLessThan(44_000);
  });

  it('Haiti: foreign personnel build up over two weeks, as the US elements arrived in 2010, and peak 12-22 days in; with every US pool ready within three days they peak in the first week', () => {
    const haiti = shipped('caribbean-earthquake.yaml');
    // The peak up to a horizon: watching less changes nothing before it (budgets cover parameters.budgetPeriodHours).
    const peakBy = (scenario: Scenario, seed: number, days: number) => runScenario(scenario, { seed, horizonHours: days * 24 }).metrics.peakForeignPersonnel;
    for (const seed of SEEDS) {
      const peak = runScenario(haiti, { seed }).metrics.peakForeignPersonnel;
      expect(peakBy(haiti, seed, 12), `seed ${seed}`).toBeLessThan(peak);
      expect(peakBy(haiti, seed, 22), `seed ${seed}`).toBe(peak);
      // Near the ~22,000 of the end of January 2010.
      expect(peak, `seed ${seed}`).toBeGreaterThan(19_000);
      expect(peak, `seed ${seed}`).toBeLessThan(25_000);
    }
    const allAtOnce = variant(haiti, (draft) => {
      for (const resource of draft.nations.find(({ id }) => id === 'usa')!.resources ?? []) if (resource.military) resource.readiness = { triangular: [24, 48, 72] };
    });
    for (const seed of SEEDS) expect(peakBy(allAtOnce, seed, 8), `seed ${seed}`).toBe(runScenario(allAtOnce, { seed }).metrics.peakForeignPersonnel);
  });

  it('Haiti: the US running costs add up to about the USD 461.7 million the Department of Defense spent in 2010', () => {
    const haiti = shipped('caribbean-earthquake.yaml');
    const usCost = mean(runs(haiti).map((m) => m.nations.usa!.cost));
    expect(usCost).toBeGreaterThan(461.7 * 0.9);
    expect(usCost).toBeLessThan(461.7 * 1.1);
  });

  it('without a recovery tail the steady needs keep foreign forces to the horizon (operation censored); a longer tail, a longer operation', () => {
    const haiti = shipped('caribbean-earthquake.yaml');
    const tail = (factor: number | null) =>
      variant(haiti, (draft) => {
        for (const need of draft.crisis.needs) if (need.recoveryHalfLifeHours) need.recoveryHalfLifeHours = factor === null ? null : need.recoveryHalfLifeHours * factor;
      });
    expect(runs(tail(null)).map((m) => m.operationHours)).toEqual(SEEDS.map(() => null));
    const shorter = runs(tail(0.5)).map((m) => m.operationHours!);
    const shipped_ = runs(haiti).map((m) => m.operationHours!);
    expect(mean(shorter)).toBeLessThan(mean(shipped_) - 24 * 14);
  });

  it('watching longer changes no decision: a horizon of 180 or 300 days gives the same milestones and the same operation (budgets cover parameters.budgetPeriodHours)', () => {
    const haiti = shipped('caribbean-earthquake.yaml');
    const longer = variant(haiti, (draft) => void (draft.horizonHours = 7200));
    for (const seed of SEEDS.slice(0, 2)) {
      const a = runScenario(haiti, { seed }).metrics;
      const b = runScenario(longer, { seed }).metrics;
      expect(b.nations, `seed ${seed}`).toEqual(a.nations);
      expect([b.operationHours, b.peakForeignPersonnel, b.operationCostMusd], `seed ${seed}`).toEqual([a.operationHours, a.peakForeignPersonnel, a.operationCostMusd]);
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

  it('units go home at daily reviews after relief, each once the others and the units kept cover 90% of the need', () => {
    const scenario = small(400, 2);
    const trace: TraceEntry[] = [];
    const { metrics } = runScenario(scenario, { seed: 1, trace: (entry) => trace.push(entry) });
    const relief = metrics.needsMet90Hours!;
    const releases = trace.filter((entry) => entry.event === 'units.released');
    const leaving = trace.filter((entry) => entry.event === 'state' && entry.from === 'recovering' && entry.to === 'withdrawn');
    expect(releases.length).toBeGreaterThan(1);
    expect(leaving.length).toBeGreaterThan(0);
    for (const entry of [...releases, ...leaving]) expect(((entry.t - relief) / 24) % 1, `${entry.agent} at ${entry.t}`).toBeCloseTo(0, 6);
    // A unit goes home only once the need no longer calls for it: the host's own response
    // ended with relief, so the last unit leaves at the first review after the need (10
    // units halving every 400 h) fell below 0.5 units.
    const last = Math.max(...leaving.map(({ t }) => t));
    expect(10 * 2 ** (-last / 400)).toBeLessThan(0.5);
    expect(10 * 2 ** (-(last - 24) / 400)).toBeGreaterThanOrEqual(0.5);
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
