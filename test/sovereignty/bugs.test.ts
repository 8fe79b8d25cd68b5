import { describe, expect, it } from 'vitest';
import { scenarioVariant as variant, shippedScenario as shipped } from '../fixtures/scenarios.js';
import { runScenario, type Scenario, type ScenarioInput, type TraceEntry } from '../../src/index.js';

/** The three sovereignty bugs of issue 12, each shown on a shipped scenario with fixed seeds. */
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** Foreign personnel each contributor committed in a run (units committed x personnel per unit; the host's own people are not foreign). */
function personnelCommitted(scenario: Scenario, seed: number): Record<string, number> {
  const committed: Record<string, number> = {};
  const trace = (entry: TraceEntry): void => {
    if (entry.event !== 'offer.committed') return;
    const nationId = entry.agent.replace('nation:', '');
    if (scenario.crisis.hosts.includes(nationId)) return;
    const nation = scenario.nations.find(({ id }) => id === nationId)!;
    const units = (entry.data as { units: Record<string, number> }).units;
    for (const [capability, count] of Object.entries(units)) {
      const perUnit = nation.resources.find((resource) => resource.capability === capability)!.personnelPerUnit;
      committed[nationId] = (committed[nationId] ?? 0) + count * perUnit;
    }
  };
  runScenario(scenario, { seed, trace });
  return committed;
}

function myanmar(draft: ScenarioInput) {
  return draft.nations.find(({ id }) => id === 'mmr')!.sovereignty!;
}

describe('automatic consent keeps the host\'s armed-forces rule and personnel cap', () => {
  const cyclone = shipped('cyclone-refused-help.yaml');

  for (const armedForces of ['restricted', 'forbidden'] as const) {
    it(`France's military-only assets stay out of Myanmar under automatic consent with armedForces: ${armedForces}`, () => {
      const automatic = variant(cyclone, (draft) => {
        myanmar(draft).consent = 'automatic';
        myanmar(draft).armedForces = armedForces;
        // The armed-forces rule alone, not the scenario's consent per asset, must keep them out.
        myanmar(draft).consentRules = [];
      });
      for (const seed of SEEDS) {
        const { nations } = runScenario(automatic, { seed }).metrics;
        expect(nations.fra!.unitsDelivered, `seed ${seed}`).toBe(0);
        // The rule bars military assets, not help: China's civilian teams still arrive.
        expect(nations.chn!.unitsDelivered, `seed ${seed}`).toBeGreaterThan(0);
      }
    });
  }

  it('a personnel cap of 10 keeps 20-person units out under automatic consent', () => {
    const capped = variant(cyclone, (draft) => {
      myanmar(draft).consent = 'automatic';
      myanmar(draft).armedForces = 'allowed';
      myanmar(draft).foreignPersonnelCap = 10;
    });
    for (const seed of SEEDS) {
      const total = Object.values(personnelCommitted(capped, seed)).reduce((sum, people) => sum + people, 0);
      expect(total, `seed ${seed}`).toBeLessThanOrEqual(10);
    }
  });
});

describe('the host\'s personnel cap is shared among all who ask', () => {
  it('with the cyclone host\'s cap lowered from 450 to 100, all contributors together commit at most 100 people', () => {
    const cyclone = shipped('cyclone-refused-help.yaml');
    const capped = variant(cyclone, (draft) => void (myanmar(draft).foreignPersonnelCap = 100));
    for (const seed of SEEDS) {
      const committed = personnelCommitted(capped, seed);
      const total = Object.values(committed).reduce((sum, people) => sum + people, 0);
      expect(total, `seed ${seed}: ${JSON.stringify(committed)}`).toBeLessThanOrEqual(100);
      expect(total, `seed ${seed}`).toBeGreaterThan(0);
    }
  });
});

describe('removing a mandate requirement never slows the response', () => {
  it('the Sahel without ECOWAS mandates leaves no more unmet need and meets 90% of needs no later, on average over the same seeds', () => {
    const sahel = shipped('sahel-insurgency.yaml');
    const unmandated = variant(sahel, (draft) => {
      for (const nation of draft.nations) if (nation.decision) nation.decision.mandateFrom = [];
    });
    const seeds = Array.from({ length: 20 }, (_, index) => index + 1);
    const means = (scenario: Scenario) => {
      const runs = seeds.map((seed) => runScenario(scenario, { seed }).metrics);
      return {
        unmetNeedHours: runs.reduce((sum, metrics) => sum + metrics.unmetNeedHours, 0) / runs.length,
        // Censored runs count at the horizon: a later or missing milestone can only raise the mean.
        needsMet90Hours: runs.reduce((sum, metrics) => sum + (metrics.needsMet90Hours ?? scenario.horizonHours), 0) / runs.length,
      };
    };
    const mandated = means(sahel);
    const free = means(unmandated);
    expect(free.unmetNeedHours).toBeLessThanOrEqual(mandated.unmetNeedHours);
    expect(free.needsMet90Hours).toBeLessThanOrEqual(mandated.needsMet90Hours);
  });
});
