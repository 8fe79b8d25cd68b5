import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioVariant as variant, shippedScenario as shipped } from '../fixtures/scenarios.js';
import { runScenario, type RunMetrics, type Scenario, type TraceEntry } from '../../src/index.js';
import { rivalPairs } from '../../src/model/diplomacy.js';
import { relationKey } from '../../src/model/relations.js';

/** The diplomacy the shipped scenarios are written to teach, with fixed seeds. */
const SEEDS = Array.from({ length: 10 }, (_, index) => index + 1);
const runs = (scenario: Scenario): RunMetrics[] => SEEDS.map((seed) => runScenario(scenario, { seed }).metrics);

describe('coalition intervention', () => {
  const coalition = shipped('coalition-intervention.yaml');
  const base = runs(coalition);

  it('cooperation is an outcome: an ally declines, the coalition offers the host conditions, the Council never mandates', () => {
    for (const metrics of base) {
      expect(metrics.nations.deu!.declined).toBe(true);
      expect(metrics.nations.usa!.conditions).toEqual(['liaison-officers']);
      expect(metrics.nations.rus!.conditions).toEqual([]);
    }
    const trace: TraceEntry[] = [];
    runScenario(coalition, { seed: 1, trace: (entry) => trace.push(entry) });
    const councilVotes = trace.filter((entry) => entry.event === 'votes.counted' && entry.agent === 'org:unsc');
    expect(councilVotes.length).toBeGreaterThan(0);
    for (const vote of councilVotes) expect((vote.data as { yes: number; of: number }).yes).toBeLessThan(5);
  });

  it('the host admits its patron on trust and the coalition only on conditions, after its patron', () => {
    for (const metrics of base) {
      expect(metrics.accessHours).not.toBeNull();
      expect(metrics.nations.rus!.consentHours).not.toBeNull();
    }
  });

  it('allies that pool intelligence in theatre build trust: each pooling pair ends higher than without pooling, and every pooling change is between pooling partners', () => {
    const withoutPooling = variant(coalition, (draft) => {
      for (const relation of draft.relations ?? []) relation.intelligencePooling = false;
    });
    const pooling = coalition.relations.filter((relation) => relation.intelligencePooling).map((relation) => [...relation.between].sort().join());
    expect(pooling.length).toBeGreaterThan(0);
    const unpooled = runs(withoutPooling);
    let rose = 0;
    base.forEach((metrics, i) => {
      const before = new Map(unpooled[i]!.relations.map((r) => [r.between.join(), r.trustEnd]));
      for (const relation of metrics.relations) {
        const key = relation.between.join();
        const without = before.get(key) ?? relation.trustStart;
        if (pooling.includes(key)) {
          expect(relation.trustEnd, key).toBeGreaterThanOrEqual(without);
          if (relation.trustEnd > without) rose++;
        }
      }
    });
    expect(rose).toBeGreaterThan(SEEDS.length);
    const trace: TraceEntry[] = [];
    runScenario(coalition, { seed: 1, trace: (entry) => trace.push(entry) });
    const pooled = trace.filter((entry) => entry.event === 'trust.changed' && (entry.data as { cause: string }).cause === 'intelligence-pooled');
    expect(pooled.length).toBeGreaterThan(0);
    for (const entry of pooled) expect(pooling).toContain((entry.data as { between: string[] }).between.join());
  });

  it('rival forces collide, and deconfliction channels cut incidents', () => {
    // The lever of docs/calibration.md: a channel between every pair of rivals against none at all.
    // (The shipped US-Russia channel alone moves the total by about one incident over 10 seeds,
    // too close to compare reliably.)
    const rivals = new Set(rivalPairs(coalition).map(([a, b]) => relationKey(a, b)));
    const channels = (open: boolean) =>
      runs(variant(coalition, (draft) => {
        for (const relation of draft.relations ?? []) if (rivals.has(relationKey(relation.between[0], relation.between[1]))) relation.hotline = open;
      }));
    const total = (metrics: RunMetrics[]) => metrics.reduce((sum, m) => sum + m.incidents, 0);
    const none = total(channels(false));
    expect(total(base)).toBeGreaterThan(0);
    expect(total(channels(true))).toBeLessThan(none / 2);
    // Incidents cost the rivals trust: the relation records the fall.
    const usaRus = base.flatMap((m) => m.relations.filter((r) => r.between.join() === 'rus,usa'));
    expect(usaRus.some((r) => r.trustMin < r.trustStart)).toBe(true);
  });
});

describe('cyclone with refused help: access comes from the agents', () => {
  const cyclone = shipped('cyclone-refused-help.yaml');

  it('has no inject that decides for the model (trust, policy, mandate)', () => {
    for (const inject of cyclone.injects) expect(['pressure', 'none', 'need.add']).toContain(inject.effect.type);
  });

  it('the ASEAN envoy mediates and the US gets in (civilian relief) in most seeds', () => {
    const metrics = runs(cyclone);
    expect(metrics.filter((m) => m.mediations.some((x) => x.outcome === 'accepted')).length).toBeGreaterThan(SEEDS.length / 2);
    expect(metrics.filter((m) => m.nations.usa!.firstDeployHours !== null).length).toBeGreaterThan(SEEDS.length / 2);
    for (const m of metrics) expect(m.nations.usa!.conditions).toContain('civilian-only');
  });

  it('without the envoy, access for the distrusted donors depends on talks alone and comes later', () => {
    const noEnvoy = variant(cyclone, (draft) => {
      for (const org of draft.organizations ?? []) org.envoy = null;
    });
    // The US (trust 0.15 with Myanmar): Japan (0.5, and it notifies its deployment) gets in by talks alone.
    const arrived = (metrics: RunMetrics[]) => metrics.filter((m) => m.nations.usa!.firstDeployHours !== null).length;
    const stall = (metrics: RunMetrics[]) => metrics.reduce((sum, m) => sum + m.nations.usa!.stallHours.consent + m.nations.usa!.stallHours.talks + m.nations.usa!.stallHours.mediation, 0);
    const withEnvoy = runs(cyclone);
    const without = runs(noEnvoy);
    expect(arrived(withEnvoy)).toBeGreaterThanOrEqual(arrived(without));
    expect(stall(withEnvoy)).toBeLessThan(stall(without));
  });
});

describe('consent is granted once', () => {
  it('a request re-sent after talks that won admission does not bring a second grant (cyclone, border clash)', () => {
    for (const file of ['cyclone-refused-help.yaml', 'border-clash.yaml']) {
      for (const seed of SEEDS.slice(0, 5)) {
        const trace: TraceEntry[] = [];
        runScenario(shipped(file), { seed, trace: (entry) => trace.push(entry) });
        const grants = trace.filter((entry) => entry.event === 'consent.granted').map((entry) => `${entry.agent}>${(entry.data as { host: string }).host}`);
        expect(grants.length, `${file} seed ${seed}`).toBe(new Set(grants).size);
      }
    }
  });
});

describe('border clash: the regional mandate comes from the agents', () => {
  const clash = shipped('border-clash.yaml');
  const mandated = (metrics: RunMetrics[]) => metrics.filter((m) => m.nations.idn!.mandateHours !== null).length;

  it('has no inject that decides for the model (trust, policy, mandate)', () => {
    for (const inject of clash.injects) expect(['pressure', 'none', 'need.add', 'escalation', 'hotline.down']).toContain(inject.effect.type);
  });

  it("Thailand's no deadlocks ASEAN; the chair's envoy mediates and, once Thailand accepts, the mandate passes; the observers still never deploy", () => {
    const metrics = runs(clash);
    expect(mandated(metrics)).toBeGreaterThan(SEEDS.length / 2);
    expect(mandated(metrics)).toBeLessThan(SEEDS.length);
    for (const m of metrics) {
      const mediation = m.mediations.find((x) => x.host === 'tha');
      expect(mediation?.mediator).toBe('asean');
      // A mandate only ever follows an accepted mediation: Thailand votes for it only then.
      if (m.nations.idn!.mandateHours !== null) expect(mediation!.outcome).toBe('accepted');
      // A mandate is not consent: Thailand's army keeps armed observers out whatever ASEAN decides.
      expect(m.nations.idn!.unitsDelivered).toBe(0);
    }
  });

  it('without an envoy, the mandate deadlocks in every seed', () => {
    const noEnvoy = variant(clash, (draft) => {
      for (const org of draft.organizations ?? []) org.envoy = null;
    });
    const metrics = runs(noEnvoy);
    expect(mandated(metrics)).toBe(0);
    for (const m of metrics) expect(m.mediations).toEqual([]);
  });
});
