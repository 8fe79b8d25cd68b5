import { describe, expect, it } from 'vitest';
import { runScenario, type RunMetrics, type TraceEntry } from '../../src/index.js';
import { DIPLOMACY } from '../../src/model/diplomacy.js';
import { scenarioWith } from '../fixtures/scenarios.js';

/**
 * The offer conditions "regional partners only" and "unarmed" (docs/model.md, "Conditions"):
 * a host asks for them, contributors offer them because of who they are and what they fear,
 * the host admits on them, and the run reports them per nation.
 */
const SEEDS = Array.from({ length: 8 }, (_, i) => i + 1);

function traced(change: (input: any) => void, seed: number): { metrics: RunMetrics; trace: TraceEntry[] } {
  const trace: TraceEntry[] = [];
  const { metrics } = runScenario(scenarioWith(change), { seed, trace: (entry) => trace.push(entry) });
  return { metrics, trace };
}

/** A host that admits only trusted partners, and others on `terms`; nobody has an agreement with it. */
const restrictiveHost = (terms: string[]) => (input: any) => {
  Object.assign(input.nations[0].sovereignty, { consent: 'refused', pressureToOpen: 0.1 });
  input.nations[0].diplomacy = { acceptsWith: terms };
  input.relations = [
    { between: ['aaa', 'hst'], trust: 0.4 },
    { between: ['bbb', 'hst'], trust: 0.4 },
  ];
  input.nations[2].decision.mandateFrom = [];
};
const conditionsDecision = (trace: TraceEntry[], nation: string) =>
  trace.find((entry) => entry.agent === `nation:${nation}` && entry.event === 'decision' && (entry.data as { kind: string }).kind === 'conditions');

describe('regional partners only', () => {
  // Beta and the host are members of the regional body; Alpha is not.
  const regional = (input: any) => {
    restrictiveHost(['regional-partners'])(input);
    input.organizations[0] = { ...input.organizations[0], kind: 'regional', members: ['bbb', 'hst'] };
  };

  it('a regional partner offers it and is admitted on it; an outsider does not offer it and waits for trust or talks', () => {
    let outsiderLater = 0;
    for (const seed of SEEDS) {
      const { metrics, trace } = traced(regional, seed);
      expect(metrics.nations.bbb!.conditions).toEqual(['regional-partners']);
      expect(metrics.nations.bbb!.consentHours).not.toBeNull();
      expect(metrics.nations.aaa!.conditions).toEqual([]);
      expect((conditionsDecision(trace, 'aaa')!.data as { choice: string }).choice).toBe('none');
      if ((metrics.nations.aaa!.consentHours ?? Infinity) > metrics.nations.bbb!.consentHours!) outsiderLater++;
    }
    expect(outsiderLater).toBeGreaterThan(0);
  });

  it('membership is the lever: the same nation outside the regional body is not admitted on the condition, and gets consent later', () => {
    const [member, outsider] = [regional, (input: any) => { regional(input); input.organizations[0].members = ['hst', 'aaa']; }].map((change) =>
      SEEDS.map((seed) => traced(change, seed).metrics.nations.bbb!),
    );
    const admittedOnTerms = (nations: RunMetrics['nations'][string][]) => nations.filter((nation) => nation.conditions.includes('regional-partners')).length;
    expect(admittedOnTerms(member!)).toBe(SEEDS.length);
    expect(admittedOnTerms(outsider!)).toBe(0);
    const mean = (nations: RunMetrics['nations'][string][]) => nations.reduce((sum, nation) => sum + (nation.consentHours ?? 500), 0) / nations.length;
    expect(mean(member!)).toBeLessThan(mean(outsider!));
  });
});

describe('unarmed', () => {
  /** Alpha also has an armed security pool, which the crisis needs; the host clears armed forces only for trusted partners. */
  const unarmed = (security: number) => (input: any) => {
    restrictiveHost(['unarmed'])(input);
    input.nations[0].sovereignty.armedForces = 'restricted';
    input.nations[1].interests.security = security;
    input.nations[1].resources.push({ capability: 'security', units: 3, readiness: 24, military: true });
    input.crisis.needs.push({ capability: 'security', initial: 3 });
  };
  const committed = (trace: TraceEntry[], nation: string) =>
    (trace.find((entry) => entry.agent === `nation:${nation}` && entry.event === 'offer.committed')?.data as { units: Record<string, number> } | undefined)?.units;

  it('a nation with little to fear offers it: admitted, its non-combat military airlift passes the restricted rule, its armed security pool stays home', () => {
    for (const seed of SEEDS) {
      const { metrics, trace } = traced(unarmed(0), seed);
      expect(metrics.nations.aaa!.conditions).toEqual(['unarmed']);
      const units = committed(trace, 'aaa');
      if (!units) continue;
      expect(units.security).toBeUndefined();
      expect(units.airlift).toBeGreaterThan(0);
      const grant = trace.find((entry) => entry.agent === 'nation:aaa' && entry.event === 'consent.granted');
      expect((grant!.data as { allowMilitary: boolean }).allowMilitary).toBe(true);
    }
  });

  it('a security-minded nation that distrusts the host will not send its forces unarmed (force protection): it waits instead', () => {
    // 1 × (1 − 0.4) = 0.6 > unarmedMaxRisk
    expect(1 * (1 - 0.4)).toBeGreaterThan(DIPLOMACY.unarmedMaxRisk);
    let slower = 0;
    for (const seed of SEEDS) {
      const fearless = traced(unarmed(0), seed).metrics.nations.aaa!;
      const { metrics, trace } = traced(unarmed(1), seed);
      expect((conditionsDecision(trace, 'aaa')!.data as { choice: string }).choice).toBe('none');
      expect(metrics.nations.aaa!.conditions).toEqual([]);
      if ((metrics.nations.aaa!.consentHours ?? Infinity) > (fearless.consentHours ?? Infinity)) slower++;
    }
    expect(slower).toBeGreaterThan(SEEDS.length / 2);
  });
});
