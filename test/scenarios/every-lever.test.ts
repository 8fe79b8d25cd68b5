import { describe, expect, it } from 'vitest';
import { scenarioVariant as variant, shippedScenario as shipped } from '../fixtures/scenarios.js';
import { runScenario, type RunMetrics, type Scenario, type ScenarioInput } from '../../src/index.js';
import { expectOwnDrawsUnchanged } from '../fixtures/draws.js';

/**
 * Levers of issue 12 not shown elsewhere (ports, lift, consent rules, clearance and civil-
 * military coordination have their own files in test/logistics): each moves the metric it
 * should, in the expected direction, with fixed seeds, and leaves an unrelated nation's draws alone.
 */
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const runs = (scenario: Scenario): RunMetrics[] => SEEDS.map((seed) => runScenario(scenario, { seed }).metrics);
const relation = (draft: ScenarioInput, a: string, b: string) => draft.relations!.find(({ between }) => between.includes(a) && between.includes(b))!;

describe('every lever shows its effect', () => {
  const haiti = shipped('caribbean-earthquake.yaml');

  it('MOU: without the Canada-Haiti MOU, Canadian authorization takes longer (x1/0.8, same draws); Mexico\'s draws are untouched', () => {
    const without = variant(haiti, (draft) => void (relation(draft, 'can', 'hti').mou = false));
    for (const seed of SEEDS) {
      const a = runScenario(haiti, { seed }).metrics.nations;
      const b = runScenario(without, { seed }).metrics.nations;
      const authorization = (nations: RunMetrics['nations']) => nations.can!.authorizeHours! - nations.can!.decideHours!;
      expect(authorization(b) * 0.8).toBeCloseTo(authorization(a), 6);
    }
    SEEDS.forEach((seed) => expectOwnDrawsUnchanged(runScenario(haiti, { seed }).metrics, runScenario(without, { seed }).metrics, ['hti', 'usa', 'mex', 'gbr'], `seed ${seed}`));
  });

  it('removing a mandate requirement never slows the response (the Sahel, where it once made 50% of needs met later)', () => {
    const sahel = shipped('sahel-insurgency.yaml');
    const free = variant(sahel, (draft) => {
      for (const nation of draft.nations) if (nation.decision) nation.decision.mandateFrom = [];
    });
    const at50 = (metrics: RunMetrics[]) => mean(metrics.map((m) => m.needsMet50Hours ?? sahel.horizonHours));
    expect(at50(runs(free))).toBeLessThanOrEqual(at50(runs(sahel)));
    const firstUnits = (metrics: RunMetrics[], nation: string) => mean(metrics.map((m) => m.nations[nation]!.firstDeployHours ?? sahel.horizonHours));
    for (const nation of ['nga', 'sen', 'tgo']) expect(firstUnits(runs(free), nation), nation).toBeLessThan(firstUnits(runs(sahel), nation));
    // France and Chad never needed a mandate: their own draws do not move.
    const [shippedRuns, freeRuns] = [runs(sahel), runs(free)];
    SEEDS.forEach((seed, i) => expectOwnDrawsUnchanged(shippedRuns[i]!, freeRuns[i]!, ['mli', 'fra', 'tcd'], `seed ${seed}`));
  });

  it('personnel cap: a lower cap on Myanmar admits fewer foreign units', () => {
    const cyclone = shipped('cyclone-refused-help.yaml');
    const capped = variant(cyclone, (draft) => void (draft.nations.find(({ id }) => id === 'mmr')!.sovereignty!.foreignPersonnelCap = 100));
    const foreignUnits = (metrics: RunMetrics[]) => mean(metrics.map((m) => Object.entries(m.nations).filter(([id]) => id !== 'mmr').reduce((sum, [, n]) => sum + n.unitsDelivered, 0)));
    const [cappedRuns, shippedRuns] = [runs(capped), runs(cyclone)];
    expect(foreignUnits(cappedRuns)).toBeLessThan(foreignUnits(shippedRuns));
    // The cap admits fewer units; it draws nothing: every nation's own delays are the same.
    SEEDS.forEach((seed, i) => expectOwnDrawsUnchanged(shippedRuns[i]!, cappedRuns[i]!, cyclone.nations.map(({ id }) => id), `seed ${seed}`));
  });

  it('coordination: without coordination cells, duplicated effort leaves more need unmet in Haiti', () => {
    const uncoordinated = variant(haiti, (draft) => {
      for (const organization of draft.organizations!) organization.coordinationCell = null;
    });
    const unmet = (metrics: RunMetrics[]) => mean(metrics.map((m) => m.unmetNeedHours));
    const [without, shippedRuns] = [runs(uncoordinated), runs(haiti)];
    expect(unmet(without)).toBeGreaterThan(unmet(shippedRuns));
    SEEDS.forEach((seed, i) => expectOwnDrawsUnchanged(shippedRuns[i]!, without[i]!, haiti.nations.map(({ id }) => id), `seed ${seed}`));
  });

  it('liaison officers posted with the host are a confidence-building measure: trust with Haiti ends higher', () => {
    const posted = variant(haiti, (draft) => void (relation(draft, 'fra', 'hti').liaisonOfficers = true));
    const trustEnd = (metrics: RunMetrics[]) => mean(metrics.map((m) => m.relations.find(({ between }) => between.includes('fra') && between.includes('hti'))!.trustEnd));
    const [postedRuns, shippedRuns] = [runs(posted), runs(haiti)];
    expect(trustEnd(postedRuns)).toBeGreaterThan(trustEnd(shippedRuns));
    SEEDS.forEach((seed, i) => expectOwnDrawsUnchanged(shippedRuns[i]!, postedRuns[i]!, ['hti', 'usa', 'can', 'mex'], `seed ${seed}`));
  });
});
