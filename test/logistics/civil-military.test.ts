import { describe, expect, it } from 'vitest';
import { scenarioVariant as variant, shippedScenario as shipped } from '../fixtures/scenarios.js';
import { runScenario, type Scenario, type TraceEntry } from '../../src/index.js';
import { earthquakeWith, issuesOf } from '../scenario/helpers.js';

/** OCHA-style civil-military coordination (issue 12): each Oslo principle's effect, on Haiti with fixed seeds. */
const SEEDS = [1, 2, 3, 4, 5, 6];
const haiti = shipped('caribbean-earthquake.yaml');

type Principles = { lastResort: boolean; uniqueCapability: boolean; civilianLead: boolean };

/** Haiti with an OSOCC that works from 6 h after onset, tasking military assets by `principles` (null: no tasking). */
function withOsocc(principles: Principles | null): Scenario {
  return variant(haiti, (draft) => {
    draft.organizations!.push({ id: 'ocha', name: 'OCHA / OSOCC', kind: 'humanitarian', members: ['hti'], coordinationCell: { setup: 6, engagedBy: 'onset' }, civilMilitary: principles });
  });
}

const NONE: Principles = { lastResort: false, uniqueCapability: false, civilianLead: false };

function traced(scenario: Scenario, seed: number): TraceEntry[] {
  const trace: TraceEntry[] = [];
  runScenario(scenario, { seed, trace: (entry) => trace.push(entry) });
  return trace;
}

/** Units a nation committed per capability (its `offer.committed`). */
function committed(trace: TraceEntry[], nation: string): Record<string, number> {
  const entry = trace.find((candidate) => candidate.agent === `nation:${nation}` && candidate.event === 'offer.committed');
  return (entry?.data as { units: Record<string, number> } | undefined)?.units ?? {};
}

/** The scenario with `units` of airlift needed at onset. */
function airliftNeed(scenario: Scenario, units: number): Scenario {
  return variant(scenario, (draft) => {
    draft.crisis!.needs!.find(({ capability }) => capability === 'airlift')!.initial = units;
  });
}

/** Units of every pool of one capability a nation holds in the shipped scenario. */
const poolUnits = (nation: string, capability: string) =>
  haiti.nations.find(({ id }) => id === nation)!.resources.filter((resource) => resource.capability === capability).reduce((sum, { units }) => sum + units, 0);

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('a humanitarian coordination centre', () => {
  it('exists whether or not anyone seeks a mandate: engaged at onset, working after its set-up', () => {
    const trace = traced(withOsocc(NONE), 1);
    const engaged = trace.find((entry) => entry.agent === 'cell:ocha' && entry.event === 'cell.engaged');
    expect(engaged?.t).toBe(0);
    expect(engaged?.data).toEqual({ reason: 'onset' });
    const working = trace.find((entry) => entry.agent === 'cell:ocha' && entry.event === 'state' && entry.to === 'working');
    expect(working?.t).toBe(6);
  });

  it('with no principle applied, military assets deploy as offered (same commitments as without the centre)', () => {
    for (const seed of SEEDS.slice(0, 3)) expect(committed(traced(withOsocc(NONE), seed), 'usa')).toEqual(committed(traced(haiti, seed), 'usa'));
  });
});

describe('Oslo Guidelines: each principle moves what it should', () => {
  it('unique capability: military assets only where no civilian actor offers the capability (US engineering yes, US airlift and medical no)', () => {
    const unique = withOsocc({ ...NONE, uniqueCapability: true });
    for (const seed of SEEDS) {
      const us = committed(traced(unique, seed), 'usa');
      expect(us['engineering'], `seed ${seed}`).toBe(poolUnits('usa', 'engineering'));
      expect(us['airlift'], `seed ${seed}`).toBeUndefined();
      expect(us['medical'], `seed ${seed}`).toBeUndefined();
      // Civilian assets are never filtered: US search-and-rescue teams come.
      expect(us['search-rescue'], `seed ${seed}`).toBe(4);
    }
  });

  it('last resort: military airlift only for the gap the civilian airlift committed before leaves (20 needed, 4 Dominican), over all of a nation\'s airlift pools', () => {
    // 20 units of airlift needed: the US's airlift pools (18 units in four pools) fit the whole need, not the gap after the Dominican 4.
    const lastResort = airliftNeed(withOsocc({ ...NONE, lastResort: true }), 20);
    const usPools = poolUnits('usa', 'airlift');
    expect(usPools).toBeGreaterThan(16);
    const usAirlift: number[] = [];
    for (const seed of SEEDS) {
      const trace = traced(lastResort, seed);
      const at = (nation: string) => trace.find((entry) => entry.agent === `nation:${nation}` && entry.event === 'offer.committed')!.t;
      const civilianFirst = at('dom') < at('usa');
      expect(committed(trace, 'dom')['airlift'], `seed ${seed}`).toBe(4);
      expect(committed(trace, 'usa')['airlift'], `seed ${seed}`).toBe(civilianFirst ? 16 : usPools);
      usAirlift.push(committed(trace, 'usa')['airlift']!);
    }
    expect(usAirlift).toContain(16);
  });

  it('last resort lowers the military footprint and its cost; unmet need does not fall', () => {
    // With Haiti's 26 units of airlift needed, the US pools fit inside the gap and last resort cuts nothing; with 20, it does.
    const bilateral = SEEDS.map((seed) => runScenario(airliftNeed(withOsocc(NONE), 20), { seed }).metrics);
    const oslo = SEEDS.map((seed) => runScenario(airliftNeed(withOsocc({ ...NONE, lastResort: true, uniqueCapability: true }), 20), { seed }).metrics);
    expect(mean(oslo.map((m) => m.nations.usa!.cost))).toBeLessThan(mean(bilateral.map((m) => m.nations.usa!.cost)));
    expect(mean(oslo.map((m) => m.unmetNeedHours))).toBeGreaterThanOrEqual(mean(bilateral.map((m) => m.unmetNeedHours)) * 0.999);
  });

  it('civilian lead: civilian movements wait less for a slot at Port-au-Prince, military ones more', () => {
    const military = (nation: string, capability: string) => haiti.nations.find(({ id }) => id === nation)!.resources.find((resource) => resource.capability === capability)!.military;
    const waits = (scenario: Scenario) => {
      const civilian: number[] = [];
      const armed: number[] = [];
      for (const seed of SEEDS) {
        for (const entry of traced(scenario, seed)) {
          if (entry.agent !== 'port:pap-airport' || entry.event !== 'movement.landed') continue;
          const { nation, capability, waitedHours } = entry.data as { nation: string; capability: string; waitedHours: number };
          (military(nation, capability) ? armed : civilian).push(waitedHours);
        }
      }
      return { civilian: mean(civilian), military: mean(armed) };
    };
    const led = waits(withOsocc({ ...NONE, civilianLead: true }));
    const unled = waits(withOsocc(NONE));
    expect(led.civilian).toBeLessThan(unled.civilian);
    expect(led.military).toBeGreaterThan(unled.military);
  });

  it('civilMilitary without a coordination cell is an error at the field', () => {
    const text = earthquakeWith('  - id: caricom\n', '  - id: ocha\n    name: OCHA\n    kind: humanitarian\n    members: [hti]\n    civilMilitary: {}\n  - id: caricom\n');
    expect(issuesOf(text).map((issue) => issue.code)).toContain('org.civil_military_without_cell');
  });
});
