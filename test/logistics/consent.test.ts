import { describe, expect, it } from 'vitest';
import { scenarioVariant as variant, shippedScenario as shipped } from '../fixtures/scenarios.js';
import { runScenario, type RunMetrics, type Scenario, type ScenarioInput, type TraceEntry } from '../../src/index.js';
import { earthquakeWith, issuesOf } from '../scenario/helpers.js';
import { expectOwnDrawsUnchanged } from '../fixtures/draws.js';

/** Consent per asset, mission and area (issue 12): each rule and condition moves what it should, with fixed seeds. */
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const cyclone = shipped('cyclone-refused-help.yaml');
const haiti = shipped('caribbean-earthquake.yaml');

type Rules = NonNullable<NonNullable<ScenarioInput['nations'][number]['sovereignty']>['consentRules']>;

function sovereigntyOf(draft: ScenarioInput, host: string) {
  return draft.nations.find(({ id }) => id === host)!.sovereignty!;
}

/** Myanmar consenting automatically with no armed-forces rule, so only the consent rules keep anyone out. */
function myanmarWith(rules: Rules): Scenario {
  return variant(cyclone, (draft) => Object.assign(sovereigntyOf(draft, 'mmr'), { consent: 'automatic', armedForces: 'allowed', foreignPersonnelCap: null, consentRules: rules }));
}

function haitiWith(rules: Rules, edit: (draft: ScenarioInput) => void = () => {}): Scenario {
  return variant(haiti, (draft) => {
    sovereigntyOf(draft, 'hti').consentRules = rules;
    edit(draft);
  });
}

interface Arrival {
  t: number;
  nation: string;
  capability: string;
}

function traced(scenario: Scenario, seed: number): { metrics: RunMetrics; trace: TraceEntry[]; arrivals: Arrival[] } {
  const trace: TraceEntry[] = [];
  const { metrics } = runScenario(scenario, { seed, trace: (entry) => trace.push(entry) });
  const arrivals = trace
    .filter((entry) => entry.event === 'units.arrived')
    .map((entry) => ({ t: entry.t, nation: entry.agent.replace('nation:', ''), capability: (entry.data as { capability: string }).capability }));
  return { metrics, trace, arrivals };
}

const arrivedPools = (arrivals: Arrival[]) => new Set(arrivals.map(({ nation, capability }) => `${nation}:${capability}`));
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('a host consents per asset and per nation, whatever the consent mode', () => {
  it('civilian flights yes, warships no: a rule refusing military assets keeps every armed-forces pool out, civilian ones arrive (Myanmar 2008)', () => {
    const open = myanmarWith([]);
    const civilianOnly = myanmarWith([{ assets: 'military', answer: 'refuse' }]);
    for (const seed of SEEDS) {
      const [runBefore, runAfter] = [traced(open, seed), traced(civilianOnly, seed)];
      // What a host admits draws nothing: every nation's own delays are the same.
      expectOwnDrawsUnchanged(runBefore.metrics, runAfter.metrics, cyclone.nations.map(({ id }) => id), `seed ${seed}`);
      const before = arrivedPools(runBefore.arrivals);
      const after = arrivedPools(runAfter.arrivals);
      expect(before.has('usa:helicopters'), `seed ${seed}`).toBe(true);
      expect(after.has('usa:helicopters'), `seed ${seed}`).toBe(false);
      expect(after.has('usa:medical'), `seed ${seed}`).toBe(false);
      expect(after.has('usa:airlift'), `seed ${seed}`).toBe(true);
      expect(after.has('chn:medical'), `seed ${seed}`).toBe(true);
    }
  });

  it('grants some nations and not others: military assets of Thailand only', () => {
    const scenario = myanmarWith([
      { assets: 'military', nations: ['tha'], answer: 'grant' },
      { assets: 'military', answer: 'refuse' },
    ]);
    for (const seed of SEEDS) {
      const pools = arrivedPools(traced(scenario, seed).arrivals);
      expect(pools.has('tha:airlift'), `seed ${seed}`).toBe(true);
      expect([...pools].filter((pool) => pool.startsWith('sgp:') || pool.startsWith('ind:') || pool === 'usa:helicopters'), `seed ${seed}`).toEqual([]);
    }
  });

  it('consents per mission: refusing helicopters keeps only them out; US military medical teams still come', () => {
    const scenario = myanmarWith([{ capabilities: ['helicopters'], answer: 'refuse' }]);
    for (const seed of SEEDS) {
      const pools = arrivedPools(traced(scenario, seed).arrivals);
      expect([...pools].some((pool) => pool.endsWith(':helicopters') && !pool.startsWith('mmr:')), `seed ${seed}`).toBe(false);
      expect(pools.has('usa:medical'), `seed ${seed}`).toBe(true);
    }
  });

  it('a nation every pool of which is refused waits in awaitingClearance (a consent stall), not for resources', () => {
    const scenario = myanmarWith([{ nations: ['fra'], answer: 'refuse' }]);
    const { metrics, trace } = traced(scenario, 1);
    expect(metrics.nations.fra!.unitsDelivered).toBe(0);
    expect(trace.some((entry) => entry.agent === 'nation:fra' && entry.event === 'state' && entry.to === 'awaitingClearance')).toBe(true);
    expect(metrics.nations.fra!.stallHours.resources).toBe(0);
  });
});

describe('the shipped cyclone consents per asset (Myanmar 2008: warships no)', () => {
  /** Myanmar trusting the Western donors as much as its neighbours, so its armed-forces rule alone would let their militaries in. */
  const trusted = (rules: 'shipped' | 'none') =>
    variant(cyclone, (draft) => {
      for (const relation of draft.relations ?? []) if (relation.between.includes('mmr') && relation.between.some((id) => ['usa', 'fra', 'gbr'].includes(id))) relation.trust = 0.8;
      if (rules === 'none') sovereigntyOf(draft, 'mmr').consentRules = [];
    });
  const arrivals = (scenario: Scenario, pool: string) => SEEDS.filter((seed) => arrivedPools(traced(scenario, seed).arrivals).has(pool)).length;

  it('as shipped: neighbours\' military medical teams come, no Western military pool ever does', () => {
    for (const seed of SEEDS) {
      const pools = arrivedPools(traced(cyclone, seed).arrivals);
      expect(pools.has('ind:medical') || pools.has('sgp:medical'), `seed ${seed}`).toBe(true);
      expect([...pools].filter((pool) => ['usa:helicopters', 'usa:medical', 'fra:helicopters', 'fra:water', 'gbr:helicopters'].includes(pool)), `seed ${seed}`).toEqual([]);
    }
  });

  it('the French and British warships stay out whatever the trust; the US, under the armed-forces rule alone, comes once trusted', () => {
    const withRules = trusted('shipped');
    const withoutRules = trusted('none');
    expect(arrivals(withRules, 'gbr:helicopters') + arrivals(withRules, 'fra:helicopters')).toBe(0);
    expect(arrivals(withoutRules, 'gbr:helicopters') + arrivals(withoutRules, 'fra:helicopters')).toBeGreaterThan(0);
    expect(arrivals(withRules, 'usa:helicopters')).toBeGreaterThan(0);
  });
});

describe('conditions of a grant', () => {
  it('unarmed: military pools come, but armed tasks (security) stay out; security coverage suffers', () => {
    const unarmed = haitiWith([{ assets: 'military', conditions: ['unarmed'] }]);
    for (const seed of SEEDS.slice(0, 4)) {
      const before = arrivedPools(traced(haiti, seed).arrivals);
      const after = arrivedPools(traced(unarmed, seed).arrivals);
      expect(before.has('bra:security'), `seed ${seed}`).toBe(true);
      expect(after.has('bra:security'), `seed ${seed}`).toBe(false);
      expect(after.has('bra:engineering'), `seed ${seed}`).toBe(true);
    }
    const unmet = (scenario: Scenario) => mean(SEEDS.map((seed) => runScenario(scenario, { seed }).metrics.unmetNeedHours));
    expect(unmet(unarmed)).toBeGreaterThan(unmet(haiti));
  });

  it('time-limited: the pool goes home forHours after its first unit lands, and unmet need grows', () => {
    const limited = haitiWith([{ nations: ['usa'], conditions: ['time-limited'], forHours: 96 }]);
    const { trace, arrivals } = traced(limited, 1);
    const left = trace.filter((entry) => entry.agent === 'nation:usa' && entry.event === 'pool.left');
    expect(left.length).toBeGreaterThan(0);
    for (const entry of left) {
      // A nation may hold several pools of one capability: some US arrival of it is this pool's first, 96 h before it leaves.
      const capability = (entry.data as { capability: string }).capability;
      const stays = arrivals.filter((arrival) => arrival.nation === 'usa' && arrival.capability === capability).map(({ t }) => entry.t - t);
      expect(stays.some((hours) => Math.abs(hours - 96) < 1e-6), `${capability} at ${entry.t}`).toBe(true);
      expect(Math.max(...stays)).toBeGreaterThanOrEqual(96 - 1e-6);
    }
    const unmet = (scenario: Scenario) => mean(SEEDS.map((seed) => runScenario(scenario, { seed }).metrics.unmetNeedHours));
    expect(unmet(limited)).toBeGreaterThan(unmet(haiti));
  });

  it('host-liaison: with two liaison officers, at most two military pools are ever in theatre; without a limit, more', () => {
    const rules: Rules = [{ assets: 'military', conditions: ['host-liaison'] }];
    const scarce = haitiWith(rules, (draft) => void (sovereigntyOf(draft, 'hti').liaisonOfficers = 2));
    const plenty = haitiWith(rules);
    const military = (scenario: Scenario, seed: number) => {
      const pools = arrivedPools(traced(scenario, seed).arrivals);
      return [...pools].filter((pool) => {
        const [nation, capability] = pool.split(':');
        return scenario.nations.find(({ id }) => id === nation)!.resources.some((resource) => resource.capability === capability && resource.military);
      }).length;
    };
    for (const seed of SEEDS.slice(0, 4)) {
      expect(military(scarce, seed), `seed ${seed}`).toBeLessThanOrEqual(2);
      expect(military(plenty, seed), `seed ${seed}`).toBeGreaterThan(2);
    }
  });
});

describe('consent per area: the ports of entry a grant allows', () => {
  it('US assets confined to Santo Domingo land there, never at Port-au-Prince, and arrive later', () => {
    const confined = haitiWith([{ nations: ['usa'], via: ['sdq-airport'] }]);
    const landedAt = (trace: TraceEntry[], port: string) =>
      trace.filter((entry) => entry.agent === `port:${port}` && entry.event === 'movement.landed' && (entry.data as { nation: string }).nation === 'usa').length;
    const firstUs: number[] = [];
    const firstUsBefore: number[] = [];
    for (const seed of SEEDS.slice(0, 4)) {
      const { trace, metrics } = traced(confined, seed);
      expect(landedAt(trace, 'pap-airport'), `seed ${seed}`).toBe(0);
      expect(landedAt(trace, 'sdq-airport'), `seed ${seed}`).toBeGreaterThan(0);
      firstUs.push(metrics.nations.usa!.firstDeployHours!);
      firstUsBefore.push(runScenario(haiti, { seed }).metrics.nations.usa!.firstDeployHours!);
    }
    expect(mean(firstUs)).toBeGreaterThan(mean(firstUsBefore));
  });

  it('a via naming an unknown port is an error at the field, with the closest id', () => {
    const issues = issuesOf(earthquakeWith('      intelligenceSharing: full\n', '      intelligenceSharing: full\n      consentRules: [{ via: [sdq-airprt] }]\n'));
    expect(issues.map((issue) => `${issue.code} ${issue.message}`)).toContainEqual(expect.stringMatching(/ref\.unknown unknown port id "sdq-airprt".*sdq-airport/));
  });
});
