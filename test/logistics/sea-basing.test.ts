import { describe, expect, it } from 'vitest';
import { scenarioVariant as variant, shippedScenario as shipped } from '../fixtures/scenarios.js';
import { expectOwnDrawsUnchanged } from '../fixtures/draws.js';
import { runScenario, type RunMetrics, type Scenario, type TraceEntry } from '../../src/index.js';

/**
 * Sea-based pools (issue 12): the amphibious groups and the hospital ship of Haiti 2010
 * sailed in and worked from offshore, so they took neither strategic lift nor a slot at
 * Port-au-Prince. Fixed seeds, Haiti as shipped against the same ships flown in.
 */
const SEEDS = Array.from({ length: 20 }, (_, index) => index + 1);
const haiti = shipped('caribbean-earthquake.yaml');
/** The same force with every ship's unit flown in and landed at the airport. */
const flownIn = variant(haiti, (draft) => {
  for (const resource of draft.nations.find(({ id }) => id === 'usa')!.resources ?? []) delete resource.seaBased;
});
const seaBasedUnits = haiti.nations.find(({ id }) => id === 'usa')!.resources.filter((resource) => resource.seaBased).reduce((sum, { units }) => sum + units, 0);

const runs = (scenario: Scenario): RunMetrics[] => SEEDS.map((seed) => runScenario(scenario, { seed }).metrics);
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('sea-based pools work from offshore', () => {
  it('the ships\' units take neither the lift nor the airport: as many fewer movements; the airport queue, its waits and diversions fall; nobody draws differently', () => {
    expect(seaBasedUnits).toBeGreaterThan(0);
    const offshore = runs(haiti);
    const flown = runs(flownIn);
    SEEDS.forEach((seed, index) => {
      const [a, b] = [offshore[index]!, flown[index]!];
      expect(b.lift['us-transcom']!.movements - a.lift['us-transcom']!.movements, `seed ${seed}`).toBe(seaBasedUnits);
      const atPorts = (m: RunMetrics) => m.ports['pap-airport']!.movements + m.ports['sdq-airport']!.movements;
      expect(atPorts(b) - atPorts(a), `seed ${seed}`).toBe(seaBasedUnits);
      expectOwnDrawsUnchanged(a, b, haiti.nations.map(({ id }) => id), `seed ${seed}`);
    });
    const airport = (metrics: RunMetrics[], figure: 'meanWaitHours' | 'diverted' | 'peakQueue') => mean(metrics.map((m) => m.ports['pap-airport']![figure] ?? 0));
    expect(airport(offshore, 'meanWaitHours')).toBeLessThan(airport(flown, 'meanWaitHours'));
    expect(airport(offshore, 'diverted')).toBeLessThan(airport(flown, 'diverted'));
    expect(airport(offshore, 'peakQueue')).toBeLessThan(airport(flown, 'peakQueue'));
  });

  it('a sea-based pool arrives whole once ready and cleared; pools flown in arrive a unit per movement', () => {
    const arrivals = (scenario: Scenario) => {
      const units: number[] = [];
      runScenario(scenario, { seed: 1, trace: (entry: TraceEntry) => void (entry.agent === 'nation:usa' && entry.event === 'units.arrived' && units.push((entry.data as { units: number }).units)) });
      return units;
    };
    const offshore = arrivals(haiti);
    expect(Math.max(...offshore)).toBeGreaterThan(1);
    expect(offshore.reduce((sum, units) => sum + units, 0)).toBe(arrivals(flownIn).length);
    expect(arrivals(flownIn).every((units) => units === 1)).toBe(true);
  });
});
