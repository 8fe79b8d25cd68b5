import { describe, expect, it } from 'vitest';
import { scenarioVariant as variant, shippedScenario as shipped } from '../fixtures/scenarios.js';
import { runScenario, type RunResult, type Scenario, type ScenarioInput } from '../../src/index.js';
import { expectOwnDrawsUnchanged } from '../fixtures/draws.js';

/**
 * The shipped scenarios show the lever each was written to teach, averaged over 30 seeds
 * (the same seeds in both arms: common random numbers).
 */
const SEEDS = Array.from({ length: 30 }, (_, index) => index + 1);

/** Mean of a metric over the seeds, skipping runs where it did not happen (null). */
function mean(scenario: Scenario, metric: (result: RunResult) => number | null): { mean: number; runs: number } {
  const values = SEEDS.map((seed) => metric(runScenario(scenario, { seed }))).filter((value): value is number => value !== null);
  return { mean: values.reduce((sum, value) => sum + value, 0) / values.length, runs: values.length };
}

describe('scenario levers', () => {
  it('a hotline between the belligerents lowers mean escalations in the border clash', () => {
    const withHotline = shipped('border-clash.yaml');
    const [a, b] = withHotline.crisis.belligerents;
    const withoutHotline = variant(withHotline, (draft) => {
      const relation = draft.relations!.find(({ between }) => between.includes(a!) && between.includes(b!))!;
      expect(relation.hotline).toBe(true);
      relation.hotline = false;
    });
    const kept = mean(withHotline, (result) => result.metrics.escalations);
    const cut = mean(withoutHotline, (result) => result.metrics.escalations);
    expect(cut.mean).toBeGreaterThan(0);
    expect(kept.mean).toBeLessThan(cut.mean * 0.7);
  });

  it('automatic consent lowers mean time to first foreign response in the cyclone', () => {
    const refused = shipped('cyclone-refused-help.yaml');
    const host = refused.crisis.hosts[0]!;
    const automatic = variant(refused, (draft) => {
      const nation = draft.nations.find(({ id }) => id === host)!;
      expect(nation.sovereignty?.consent).toBe('refused');
      nation.sovereignty!.consent = 'automatic';
    });
    const slow = mean(refused, (result) => result.metrics.firstResponseHours);
    const fast = mean(automatic, (result) => result.metrics.firstResponseHours);
    expect(slow.runs).toBe(SEEDS.length);
    expect(fast.runs).toBe(SEEDS.length);
    expect(fast.mean).toBeLessThan(slow.mean * 0.8);
    // The consent mode is the host's: the contributors' own delays are the same draws.
    const contributors = refused.nations.map(({ id }) => id).filter((id) => id !== host);
    for (const seed of SEEDS.slice(0, 5)) expectOwnDrawsUnchanged(runScenario(refused, { seed }).metrics, runScenario(automatic, { seed }).metrics, contributors, `seed ${seed}`);
  });

  it('access stalls (consent, talks, mediation) dominate for distant military contributors in the cyclone', () => {
    const scenario = shipped('cyclone-refused-help.yaml');
    for (const seed of SEEDS.slice(0, 5)) {
      const { nations } = runScenario(scenario, { seed }).metrics;
      // France's assets are all military: admitted at most as civilian relief, it never deploys.
      expect(nations.fra!.unitsDelivered, `fra seed ${seed}`).toBe(0);
      for (const id of ['usa', 'gbr']) {
        const { consent, talks, mediation, ...others } = nations[id]!.stallHours;
        expect(consent + talks + mediation, `${id} seed ${seed}`).toBeGreaterThan(Math.max(...Object.values(others)));
      }
    }
  });

  it('intelligence sharing limited to partners stalls the regional force in the Sahel, not the protocol partner', () => {
    const scenario = shipped('sahel-insurgency.yaml');
    const { nations } = runScenario(scenario, { seed: 1 }).metrics;
    expect(nations.fra!.stallHours.intelligence).toBe(0);
    for (const id of ['nga', 'ner', 'sen', 'tgo']) expect(nations[id]!.stallHours.intelligence, id).toBeGreaterThan(24);
  });
});
