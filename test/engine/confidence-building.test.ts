import { describe, expect, it } from 'vitest';
import { Simulation, type DecisionKind, type RunMetrics, type Scenario, type TraceEntry } from '../../src/index.js';
import { CONFIDENCE_BUILDING } from '../../src/model/confidence-building.js';
import { TRUST_RULES } from '../../src/engine/trust/rules.js';
import { scenarioWith } from '../fixtures/scenarios.js';

/**
 * Confidence-building measures as actions the agents play (docs/model.md,
 * "Confidence-building measures"): each is a decision request, each moves trust, host
 * consent or incidents in the documented direction, and none shifts another nation's draws.
 */
const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);

interface Played {
  metrics: RunMetrics;
  trace: TraceEntry[];
  /** Every decision asked of the played nations, as `nation kind`. */
  asked: string[];
}

/** A run in which `players` are played: they answer `choices[kind]` where it is an option, else the engine's choice. */
function played(scenario: Scenario, seed: number, players: string[], choices: Partial<Record<DecisionKind, string>>): Played {
  const trace: TraceEntry[] = [];
  const asked: string[] = [];
  const sim = new Simulation(scenario, { seed, players, trace: (entry) => trace.push(entry) });
  for (let pending = sim.advance(); pending.length > 0; pending = sim.advance()) {
    for (const request of pending) {
      asked.push(`${request.nation} ${request.kind}`);
      const choice = choices[request.kind];
      sim.decide(request.id, choice !== undefined && request.options.includes(choice) ? choice : request.recommended);
    }
  }
  return { metrics: sim.finish(), trace, asked };
}

const engineChoice = (trace: TraceEntry[], nation: string, kind: DecisionKind) =>
  trace.filter((entry) => entry.agent === `nation:${nation}` && entry.event === 'decision' && (entry.data as { kind: string }).kind === kind).map((entry) => (entry.data as { choice: string }).choice);
const trustEnd = (metrics: RunMetrics, a: string, b: string) => metrics.relations.find((r) => r.between.join() === [a, b].sort().join())?.trustEnd;

describe('notification of deployments', () => {
  /** A host that admits only nations it trusts (restrictive): Beta's trust sits just below the bar. */
  const wary = (security: number) => (input: any) => {
    Object.assign(input.nations[0].sovereignty, { consent: 'refused', pressureToOpen: 0.1 });
    input.nations[2].interests.security = security;
    input.relations[1].trust = 0.56;
  };

  it('is the engine\'s choice when the exposure risk (security interest × distrust) is low, withheld when high', () => {
    const open = played(scenarioWith(wary(0)), 1, [], {});
    expect(engineChoice(open.trace, 'bbb', 'notify')).toEqual(['notify']);
    const secretive = played(scenarioWith(wary(1)), 1, [], {});
    // 1 × (1 − 0.56) = 0.44 > notifyMaxRisk
    expect(engineChoice(secretive.trace, 'bbb', 'notify')).toEqual(['withhold']);
  });

  const notifiedBeta = (entry: TraceEntry) =>
    entry.event === 'trust.changed' && (entry.data as { cause: string }).cause === 'deployment-notified' && (entry.data as { between: string[] }).between.includes('bbb');

  it('raises the host\'s trust before it decides, so a restrictive host admits the nation sooner; other nations\' draws unchanged', () => {
    let sooner = 0;
    for (const seed of SEEDS) {
      const [notified, withheld] = (['notify', 'withhold'] as const).map((choice) => played(scenarioWith(wary(0)), seed, ['bbb'], { notify: choice }));
      expect(notified!.asked).toContain('bbb notify');
      const granted = (run: Played) => run.metrics.nations.bbb!.consentHours ?? Infinity;
      expect(granted(notified!)).toBeLessThanOrEqual(granted(withheld!));
      if (granted(notified!) < granted(withheld!)) sooner++;
      // The note arrives before the request the host weighs.
      const change = notified!.trace.findIndex(notifiedBeta);
      const request = notified!.trace.findIndex((entry) => entry.event === 'consent.requested' && (entry.data as { nation: string }).nation === 'bbb');
      expect(change).toBeGreaterThan(-1);
      expect(change).toBeLessThan(request);
      expect((notified!.trace[change]!.data as { delta: number }).delta).toBeCloseTo(TRUST_RULES['deployment-notified'], 9);
      expect(withheld!.trace.some(notifiedBeta)).toBe(false);
      // Alpha's relation is not the one touched: its own draws stay the same.
      for (const milestone of ['detectHours', 'decideHours', 'authorizeHours'] as const) expect(notified!.metrics.nations.aaa![milestone]).toBe(withheld!.metrics.nations.aaa![milestone]);
    }
    expect(sooner).toBeGreaterThan(SEEDS.length / 2);
  });
});

describe('transparency of movements', () => {
  /** Alpha and Beta are rivals whose forces both stay long in theatre, with a high incident rate. */
  const rivals = (security: number) => (input: any) => {
    input.crisis.needs[0].initial = 40;
    input.crisis.incidents = { perHourPerPair: 0.02, trustDrop: 0.02 };
    input.nations[1].diplomacy = { rivals: ['bbb'] };
    input.nations[1].interests.security = security;
    input.nations[2].interests.security = security;
    input.relations.push({ between: ['aaa', 'bbb'], trust: 0.4 });
  };

  it('is shared by the engine when the exposure risk is low, withheld when high', () => {
    const both = (run: Played) => run.metrics.nations.aaa!.firstDeployHours !== null && run.metrics.nations.bbb!.firstDeployHours !== null;
    const open = SEEDS.map((seed) => played(scenarioWith(rivals(0)), seed, [], {})).filter(both);
    const secretive = SEEDS.map((seed) => played(scenarioWith(rivals(1)), seed, [], {})).filter(both);
    expect(open.length).toBeGreaterThan(0);
    for (const run of open) expect([...engineChoice(run.trace, 'aaa', 'transparency'), ...engineChoice(run.trace, 'bbb', 'transparency')]).toEqual(['share', 'share']);
    // 1 × (1 − 0.4) = 0.6 > transparencyMaxRisk
    for (const run of secretive) expect([...engineChoice(run.trace, 'aaa', 'transparency'), ...engineChoice(run.trace, 'bbb', 'transparency')]).toEqual(['withhold', 'withhold']);
  });

  it('cuts incidents between the rivals and builds their trust; the host\'s draws unchanged', () => {
    let sharedIncidents = 0;
    let withheldIncidents = 0;
    for (const seed of SEEDS) {
      const [shared, withheld] = (['share', 'withhold'] as const).map((choice) => played(scenarioWith(rivals(0)), seed, ['aaa', 'bbb'], { transparency: choice }));
      sharedIncidents += shared!.metrics.incidents;
      withheldIncidents += withheld!.metrics.incidents;
      if (shared!.asked.includes('aaa transparency')) {
        expect(shared!.trace.filter((entry) => entry.event === 'trust.changed' && (entry.data as { cause: string }).cause === 'movements-shared')).toHaveLength(2);
      }
      expect(shared!.metrics.nations.hst!.firstDeployHours).toBe(withheld!.metrics.nations.hst!.firstDeployHours);
    }
    // Both sides share: the rate falls to 0.7² ≈ 0.49 of what it was (and trust rises besides).
    expect(withheldIncidents).toBeGreaterThan(10);
    expect(sharedIncidents).toBeLessThan(withheldIncidents * 0.75);
    expect(CONFIDENCE_BUILDING.transparencyIncidentFactor).toBeLessThan(1);
  });
});

describe('joint humanitarian missions', () => {
  /** Alpha and Beta start with little trust in each other and both come to help. */
  const strangers = (input: any) => {
    input.crisis.needs[0].initial = 30;
    input.relations.push({ between: ['aaa', 'bbb'], trust: 0.3 });
  };
  const both = (run: Played) => run.metrics.nations.aaa!.firstDeployHours !== null && run.metrics.nations.bbb!.firstDeployHours !== null;

  it('are proposed by a humanitarian nation to the partner in theatre it trusts least, and joined by a partner that trusts it enough', () => {
    const runs = SEEDS.map((seed) => played(scenarioWith(strangers), seed, [], {})).filter(both);
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      const proposals = run.trace.filter((entry) => entry.event === 'joint-mission.proposed');
      expect(proposals).toHaveLength(1);
      expect(run.trace.some((entry) => entry.event === 'joint-mission.joined')).toBe(true);
    }
    // A partner that trusts the proposer below jointMissionMinTrust declines.
    const distrust = SEEDS.map((seed) => played(scenarioWith((input) => { strangers(input); input.relations[2].trust = 0.1; }), seed, [], {})).filter(both);
    for (const run of distrust) expect(run.trace.some((entry) => entry.event === 'joint-mission.joined')).toBe(false);
    // A nation with little humanitarian interest proposes none.
    const cold = SEEDS.map((seed) => played(scenarioWith((input) => { strangers(input); input.nations[1].interests.humanitarian = 0.2; input.nations[2].interests.humanitarian = 0.2; }), seed, [], {}));
    for (const run of cold) expect(run.trace.some((entry) => entry.event === 'joint-mission.proposed')).toBe(false);
  });

  it('build trust between the partners by joint-mission once it is done; the host\'s draws unchanged', () => {
    let compared = 0;
    for (const seed of SEEDS) {
      const [joined, declined] = (['join', 'decline'] as const).map((choice) => played(scenarioWith(strangers), seed, ['aaa', 'bbb'], { 'joint-mission': choice }));
      if (!both(joined!) || !joined!.trace.some((entry) => entry.event === 'joint-mission.done')) continue;
      compared++;
      expect(trustEnd(joined!.metrics, 'aaa', 'bbb')! - trustEnd(declined!.metrics, 'aaa', 'bbb')!).toBeCloseTo(TRUST_RULES['joint-mission'], 9);
      expect(joined!.metrics.nations.hst!.firstDeployHours).toBe(declined!.metrics.nations.hst!.firstDeployHours);
    }
    expect(compared).toBeGreaterThan(0);
  });
});
