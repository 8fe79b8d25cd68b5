import { describe, expect, it } from 'vitest';
import { scenarioVariant as variant, shippedScenario as shipped } from '../fixtures/scenarios.js';
import { runScenario, type RunMetrics, type Scenario, type ScenarioInput, type TraceEntry } from '../../src/index.js';
import { earthquakeWith, issuesOf } from '../scenario/helpers.js';
import { expectOwnDrawsUnchanged } from '../fixtures/draws.js';

/** Strategic lift as a shared, limited capacity (issue 12), on Haiti with fixed seeds. */
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const haiti = shipped('caribbean-earthquake.yaml');

/** France, the UK and China share one charter pool of `aircraft` aircraft, 12 h from home. */
function withCharters(aircraft: number): Scenario {
  return variant(haiti, (draft: ScenarioInput) => {
    draft.logistics!.lift = [{ id: 'charters', name: 'Charter pool', users: ['fra', 'gbr', 'chn'], aircraft, tripHours: 12 }];
  });
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const full = (metrics: RunMetrics[], nation: string, horizon: number) => mean(metrics.map((m) => m.nations[nation]!.fullDeployHours ?? horizon));

describe('strategic lift', () => {
  it('units of a pool arrive in increments, one flight at a time, not in one piece', () => {
    const trace: TraceEntry[] = [];
    runScenario(withCharters(1), { seed: 1, trace: (entry) => trace.push(entry) });
    const french = trace.filter((entry) => entry.agent === 'nation:fra' && entry.event === 'units.arrived');
    expect(french.length).toBeGreaterThan(1);
    for (const entry of french) expect((entry.data as { units: number }).units).toBe(1);
    // One aircraft, a 24 h round trip: departures at least 24 h apart.
    const departures = trace.filter((entry) => entry.agent === 'lift:charters' && entry.event === 'lift.departed').map(({ t }) => t);
    for (let i = 1; i < departures.length; i++) expect(departures[i]! - departures[i - 1]!).toBeGreaterThanOrEqual(24 - 1e-9);
  });

  it('more aircraft bring the sharing nations in sooner; the lift metrics show the queue', () => {
    const scarce = SEEDS.map((seed) => runScenario(withCharters(1), { seed }).metrics);
    const ample = SEEDS.map((seed) => runScenario(withCharters(6), { seed }).metrics);
    for (const nation of ['fra', 'gbr', 'chn']) expect(full(ample, nation, haiti.horizonHours), nation).toBeLessThan(full(scarce, nation, haiti.horizonHours));
    expect(mean(scarce.map((m) => m.lift['charters']!.peakQueue))).toBeGreaterThan(mean(ample.map((m) => m.lift['charters']!.peakQueue)));
    expect(scarce[0]!.lift['charters']!.movements).toBeGreaterThan(0);
  });

  it('sharing is competition: adding Mexico to a one-aircraft pool lengthens the wait for an aircraft', () => {
    const shared = variant(withCharters(1), (draft) => void draft.logistics!.lift![0]!.users.push('mex'));
    const wait = (scenario: Scenario) => mean(SEEDS.map((seed) => runScenario(scenario, { seed }).metrics.lift['charters']!.meanWaitHours ?? 0));
    expect(wait(shared)).toBeGreaterThan(wait(withCharters(1)));
  });

  it('Haiti as shipped: US units fly in US Transportation Command\'s pool, a movement at a time, and sometimes wait for an aircraft; the ships\' units (sea-based) do not', () => {
    const lifts = SEEDS.map((seed) => runScenario(haiti, { seed }).metrics.lift['us-transcom']!);
    const resources = haiti.nations.find(({ id }) => id === 'usa')!.resources;
    expect(resources.some((resource) => resource.seaBased)).toBe(true);
    const usUnits = resources.filter((resource) => !resource.seaBased).reduce((sum, { units }) => sum + units, 0);
    for (const lift of lifts) expect(lift.movements).toBe(usUnits);
    expect(mean(lifts.map((lift) => lift.peakQueue))).toBeGreaterThan(0);
    expect(Math.max(...lifts.map((lift) => lift.maxWaitHours ?? 0))).toBeGreaterThan(0);
  });

  it('nations outside the pool draw the same: the US milestones are unchanged seed by seed', () => {
    for (const seed of SEEDS.slice(0, 4)) {
      const before = runScenario(haiti, { seed }).metrics;
      const after = runScenario(withCharters(1), { seed }).metrics;
      const [a, b] = [before.nations.usa!, after.nations.usa!];
      expect([b.decideHours, b.authorizeHours, b.consentHours]).toEqual([a.decideHours, a.authorizeHours, a.consentHours]);
      expectOwnDrawsUnchanged(before, after, ['hti', 'usa', 'can', 'dom', 'mex'], `seed ${seed}`);
    }
  });

  it('an unknown lift user is an error naming the field', () => {
    const text = earthquakeWith('users: [usa]', 'users: [usa, frx]');
    expect(issuesOf(text).map((issue) => `${issue.code} ${issue.message}`)).toContainEqual(expect.stringMatching(/ref\.unknown unknown nation id "frx"/));
  });
});
