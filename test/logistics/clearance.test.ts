import { describe, expect, it } from 'vitest';
import { scenarioVariant as variant, shippedScenario as shipped } from '../fixtures/scenarios.js';
import { runScenario, type Scenario, type TraceEntry } from '../../src/index.js';
import { expectOwnDrawsUnchanged } from '../fixtures/draws.js';

/** SOFA as legal clearance (issue 12): customs, visas, diplomatic clearance and status of forces, with fixed seeds. */
const SEEDS = Array.from({ length: 12 }, (_, index) => index + 1);
const haiti = shipped('caribbean-earthquake.yaml');
const withoutUsSofa = variant(haiti, (draft) => {
  const relation = draft.relations!.find(({ between }) => between.includes('usa') && between.includes('hti'))!;
  relation.sofa = false;
});

/** Hours at which each US capability first lands, per seed. */
function usFirstArrivals(scenario: Scenario, seed: number): Record<string, number> {
  const first: Record<string, number> = {};
  runScenario(scenario, {
    seed,
    trace: (entry: TraceEntry) => {
      if (entry.agent !== 'nation:usa' || entry.event !== 'units.arrived') return;
      const { capability } = entry.data as { capability: string };
      first[capability] ??= entry.t;
    },
  });
  return first;
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('a SOFA is worth its legal clearance', () => {
  it('without the US-Haiti SOFA, US military airlift lands a day or more later (status of forces, diplomatic clearance); civilian search-and-rescue hardly moves', () => {
    const delays = { airlift: [] as number[], searchRescue: [] as number[] };
    for (const seed of SEEDS) {
      const withSofa = usFirstArrivals(haiti, seed);
      const without = usFirstArrivals(withoutUsSofa, seed);
      delays.airlift.push(without['airlift']! - withSofa['airlift']!);
      delays.searchRescue.push(without['search-rescue']! - withSofa['search-rescue']!);
    }
    // Hours to days, not the 0.3 h the SOFA was worth through consent processing alone.
    expect(mean(delays.airlift)).toBeGreaterThan(24);
    expect(mean(delays.airlift)).toBeLessThan(24 * 10);
    expect(mean(delays.searchRescue)).toBeLessThan(mean(delays.airlift) / 2);
  });

  it('the lever leaves other nations\' draws alone: Haiti\'s own milestones and Canada\'s decision times are unchanged seed by seed', () => {
    for (const seed of SEEDS.slice(0, 6)) {
      const a = runScenario(haiti, { seed }).metrics;
      const b = runScenario(withoutUsSofa, { seed }).metrics;
      const early = ({ detectHours, decideHours, authorizeHours, firstDeployHours }: (typeof a.nations)[string] & object) => ({ detectHours, decideHours, authorizeHours, firstDeployHours });
      expect(early(b.nations.hti!)).toEqual(early(a.nations.hti!));
      expectOwnDrawsUnchanged(a, b, ['can', 'fra', 'mex'], `seed ${seed}`);
    }
  });

  it('a pool that clears after it is ready traces clearance.pending with both times', () => {
    const trace: TraceEntry[] = [];
    runScenario(withoutUsSofa, { seed: 1, trace: (entry) => trace.push(entry) });
    const pending = trace.filter((entry) => entry.agent === 'nation:usa' && entry.event === 'clearance.pending');
    expect(pending.length).toBeGreaterThan(0);
    for (const entry of pending) {
      const { readyHours, clearedHours } = entry.data as { readyHours: number; clearedHours: number };
      expect(clearedHours).toBeGreaterThan(readyHours);
    }
  });

  it('a host with a slow legal regime (customs and visas of weeks) slows civilian teams without agreements', () => {
    const slow = variant(haiti, (draft) => {
      draft.nations.find(({ id }) => id === 'hti')!.sovereignty!.clearance = { customs: 240, visas: 240 };
    });
    const gbr = (scenario: Scenario) => mean(SEEDS.map((seed) => runScenario(scenario, { seed }).metrics.nations.gbr!.firstDeployHours ?? scenario.horizonHours));
    expect(gbr(slow)).toBeGreaterThan(gbr(haiti) + 100);
  });
});
