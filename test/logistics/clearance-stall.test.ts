import { describe, expect, it } from 'vitest';
import { scenarioVariant as variant, shippedScenario as shipped } from '../fixtures/scenarios.js';
import { runScenario, STALL_CAUSES, type RunMetrics, type StallCause } from '../../src/index.js';

/** Waiting for legal clearance or a host liaison officer is a `clearance` stall (issue 12), with fixed seeds. */
const SEEDS = [1, 2, 3, 4, 5, 6];
const haiti = shipped('caribbean-earthquake.yaml');
/**
 * Haiti with the US military pools that fly in only, so the first US pool is one a SOFA
 * clears and every US pool takes the same way in (a sea-based pool lands when cleared,
 * without the flight and the port queue).
 */
const usMilitary = variant(haiti, (draft) => {
  const usa = draft.nations.find(({ id }) => id === 'usa')!;
  usa.resources = usa.resources!.filter((resource) => resource.military && !resource.seaBased);
});
const usMilitaryWithoutSofa = variant(usMilitary, (draft) => {
  draft.relations!.find(({ between }) => between.includes('usa') && between.includes('hti'))!.sofa = false;
});
/** Haiti with a slow legal regime: customs and visas of weeks for everyone without agreements. */
const slowRegime = variant(haiti, (draft) => {
  draft.nations.find(({ id }) => id === 'hti')!.sovereignty!.clearance = { customs: 240, visas: 240 };
});
/** Haiti admitting military pools only with one of its (single) liaison officers. */
const oneLiaisonOfficer = variant(haiti, (draft) => {
  Object.assign(draft.nations.find(({ id }) => id === 'hti')!.sovereignty!, { consentRules: [{ assets: 'military', conditions: ['host-liaison'] }], liaisonOfficers: 1 });
});

/** Stall causes a lever on legal clearance must leave alone (the consent step and the port queue come before and after it). */
const UPSTREAM: readonly StallCause[] = ['bureaucracy', 'mandate', 'talks', 'mediation', 'resources', 'interoperability', 'intelligence'];

function pick(stalls: Record<StallCause, number>, causes: readonly StallCause[]): Partial<Record<StallCause, number>> {
  return Object.fromEntries(causes.map((cause) => [cause, stalls[cause]]));
}

function expectStallsWithinHorizon(metrics: RunMetrics, horizonHours: number): void {
  for (const [id, nation] of Object.entries(metrics.nations)) {
    const total = STALL_CAUSES.reduce((sum, cause) => sum + nation!.stallHours[cause], 0);
    expect(total, id).toBeLessThanOrEqual(horizonHours + 1e-9);
  }
}

describe('waiting for legal clearance or a liaison officer is a clearance stall', () => {
  it('without the US-Haiti SOFA, US stallHours.clearance rises from 0 to the hours its first pool waited for clearance; the other stalls before it are unchanged', () => {
    for (const seed of SEEDS) {
      const withSofa = runScenario(usMilitary, { seed }).metrics.nations.usa!;
      const without = runScenario(usMilitaryWithoutSofa, { seed }).metrics.nations.usa!;
      expect(withSofa.stallHours.clearance, `seed ${seed}`).toBe(0);
      expect(without.stallHours.clearance, `seed ${seed}`).toBeGreaterThan(24);
      // The clearance wait is (nearly all) of the later first arrival: the SOFA also shortens consent processing a little.
      const laterHours = without.firstDeployHours! - withSofa.firstDeployHours!;
      expect(Math.abs(without.stallHours.clearance - laterHours), `seed ${seed}`).toBeLessThan(2);
      expect(pick(without.stallHours, UPSTREAM), `seed ${seed}`).toEqual(pick(withSofa.stallHours, UPSTREAM));
      expect(without.stallHours.consent - withSofa.stallHours.consent, `seed ${seed}`).toBeLessThan(1);
    }
  });

  it('a host with a slow legal regime puts civilian contributors in a clearance stall, other stalls unchanged', () => {
    for (const seed of SEEDS.slice(0, 3)) {
      const before = runScenario(haiti, { seed }).metrics;
      const after = runScenario(slowRegime, { seed }).metrics;
      for (const id of ['gbr', 'mex', 'chn']) {
        expect(after.nations[id]!.stallHours.clearance, `${id} seed ${seed}`).toBeGreaterThan(before.nations[id]!.stallHours.clearance + 48);
        expect(pick(after.nations[id]!.stallHours, [...UPSTREAM, 'consent']), `${id} seed ${seed}`).toEqual(pick(before.nations[id]!.stallHours, [...UPSTREAM, 'consent']));
      }
      expectStallsWithinHorizon(after, slowRegime.horizonHours);
    }
  });

  it('a military contributor waiting for the host\'s only liaison officer is in a clearance stall, recorded in the timeline, never beyond the horizon', () => {
    for (const seed of SEEDS.slice(0, 3)) {
      const { metrics, timeline } = runScenario(oneLiaisonOfficer, { seed });
      const waiting = Object.entries(metrics.nations).filter(([, nation]) => nation!.stallHours.clearance > 24 * 7);
      expect(waiting.length, `seed ${seed}`).toBeGreaterThan(0);
      for (const [id] of waiting) {
        const phases = timeline.filter((phase) => phase.nation === id && phase.state === 'awaitingEntry');
        expect(phases.length, `${id} seed ${seed}`).toBeGreaterThan(0);
        expect(phases.every((phase) => phase.stallCause === 'clearance')).toBe(true);
      }
      expectStallsWithinHorizon(metrics, oneLiaisonOfficer.horizonHours);
    }
  });
});
