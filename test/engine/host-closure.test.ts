import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario, type Scenario, type TraceEntry } from '../../src/index.js';
import { choosePolicy } from '../../src/engine/host-policy.js';
import { DIPLOMACY } from '../../src/model/diplomacy.js';
import { scenarioWith } from '../fixtures/scenarios.js';

/**
 * A host that tightens its policy (here imposed by an inject, as when Nepal asked foreign
 * rescue teams to leave in May 2015) acts on the teams already admitted, by the departure
 * rule, and then re-decides on its own: it holds the imposed policy until something new.
 */
const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);

function traced(scenario: Scenario, seed: number): { trace: TraceEntry[]; unmet: number } {
  const trace: TraceEntry[] = [];
  const { metrics } = runScenario(scenario, { seed, trace: (entry) => trace.push(entry) });
  return { trace, unmet: metrics.unmetNeedHours };
}

const imposing = (policy: 'closed' | 'restrictive', atHours = 110) => (input: any) => {
  input.crisis.needs[0].initial = 30;
  input.injects = [{ id: 'leave', atHours, title: 'The government asks foreign teams to leave', effect: { type: 'host.policy', host: 'hst', policy } }];
};
const departures = (trace: TraceEntry[]) => trace.filter((entry) => entry.event === 'departure.requested').map((entry) => (entry.data as { nation: string }).nation);
const withdrawn = (trace: TraceEntry[], nation: string) => trace.some((entry) => entry.agent === `nation:${nation}` && entry.event === 'state' && entry.to === 'withdrawn');

describe('a host that tightens its policy acts on the teams it admitted', () => {
  it('closed: every foreign nation it admitted is asked to leave and goes; unmet need rises', () => {
    let unmetClosed = 0;
    let unmetOpen = 0;
    for (const seed of SEEDS) {
      const closed = traced(scenarioWith(imposing('closed')), seed);
      const granted = closed.trace.filter((entry) => entry.event === 'consent.granted' && entry.t <= 110).map((entry) => entry.agent.slice('nation:'.length));
      expect(departures(closed.trace).sort()).toEqual([...new Set(granted)].sort());
      for (const nation of granted) expect(withdrawn(closed.trace, nation), `${nation} seed ${seed}`).toBe(true);
      // The host's own response is not foreign: it stays.
      expect(departures(closed.trace)).not.toContain('hst');
      unmetClosed += closed.unmet;
      unmetOpen += traced(scenarioWith((input) => { imposing('closed')(input); input.injects = []; }), seed).unmet;
    }
    expect(unmetClosed).toBeGreaterThan(unmetOpen);
  });

  it('restrictive: the trusted partner (an MOU) stays, the nation it does not trust leaves', () => {
    for (const seed of SEEDS) {
      const { trace } = traced(scenarioWith(imposing('restrictive', 140)), seed);
      const granted = new Set(trace.filter((entry) => entry.event === 'consent.granted' && entry.t <= 140).map((entry) => entry.agent));
      expect(departures(trace)).not.toContain('aaa');
      if (granted.has('nation:bbb')) expect(departures(trace)).toEqual(['bbb']);
    }
  });
});

describe('a host re-decides an imposed policy on its own', () => {
  // The host covers the medical need itself; airlift stays short, so pressure is moderate when it closes.
  const lowPressure = (aftershock: boolean) =>
    scenarioWith((input) => {
      input.crisis.needs = [{ capability: 'medical', initial: 2 }, { capability: 'airlift', initial: 3 }];
      input.injects = [{ id: 'leave', atHours: 40, title: 'The government closes the country to foreign teams', effect: { type: 'host.policy', host: 'hst', policy: 'closed' } }];
      if (aftershock) input.injects.push({ id: 'aftershock', atHours: 100, title: 'Aftershock', effect: { type: 'need.add', capability: 'medical', amount: 10 } });
    });
  const reopenings = (scenario: Scenario) =>
    SEEDS.map((seed) => traced(scenario, seed).trace.filter((entry) => entry.event === 'policy.changed' && entry.t > 40).map((entry) => ({ t: entry.t, ...(entry.data as { to: string; reason: string }) })));

  it('holds it while nothing changes, and reopens by its own choice when an aftershock presses harder', () => {
    const calm = reopenings(lowPressure(false));
    const shaken = reopenings(lowPressure(true));
    for (const changes of calm) expect(changes).toEqual([]);
    const reopened = shaken.filter((changes) => changes.length > 0);
    expect(reopened.length).toBeGreaterThan(0);
    for (const changes of reopened) {
      expect(changes[0]!.t).toBeGreaterThan(100);
      // Its own choice (needs, or the score they raise), not an inject's.
      expect(['pressure', 'trust']).toContain(changes[0]!.reason);
      expect(changes[0]!.to).not.toBe('closed');
    }
  });

  it('never loosens an imposed policy without something new: more pressure, more trust or a new mechanism', () => {
    const sovereignty = scenarioWith(() => {}).nations[0]!.sovereignty;
    const rank = { closed: 0, restrictive: 1, open: 2 } as const;
    fc.assert(
      fc.property(
        fc.constantFrom('restrictive', 'closed'),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.double({ min: 0, max: DIPLOMACY.hostReopenPressureRise * 0.99, noNaN: true }),
        fc.double({ min: 0, max: 0.85, noNaN: true }),
        fc.double({ min: 0, max: DIPLOMACY.hostTightenTrustDrop * 0.99, noNaN: true }),
        fc.double({ min: -0.2, max: 0.2, noNaN: true }),
        (current, pressureThen, rise, trustThen, gain, noise) => {
          const imposed = { pressure: pressureThen, trust: trustThen, umbrella: false };
          const held = choosePolicy({ sovereignty, current, pressure: pressureThen + rise, trustInRequesters: trustThen + gain, trustAtLastChoice: trustThen, noise, umbrella: false, imposed });
          expect(rank[held.policy]).toBeLessThanOrEqual(rank[current]);
        },
      ),
    );
    // The same inputs without the imposition open the host: the hold is the imposition's.
    const inputs = { sovereignty: { ...sovereignty, pressureToOpen: 0.6 }, current: 'closed' as const, pressure: 0.7, trustInRequesters: 0.5, trustAtLastChoice: 0.5, noise: 0, umbrella: false };
    expect(choosePolicy(inputs).policy).toBe('open');
    expect(choosePolicy({ ...inputs, imposed: { pressure: 0.65, trust: 0.5, umbrella: false } })).toEqual({ policy: 'closed', reason: 'hold' });
    expect(choosePolicy({ ...inputs, pressure: 0.75, imposed: { pressure: 0.65, trust: 0.5, umbrella: false } })).toEqual({ policy: 'open', reason: 'pressure' });
  });
});
