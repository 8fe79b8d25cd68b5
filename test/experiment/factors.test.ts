import { describe, expect, it } from 'vitest';
import { applyFactor, FactorPathError, parsePath } from '../../src/experiment/factor-path.js';
import { designPoints, resolveFactors } from '../../src/experiment/design.js';
import { experimentSchema } from '../../src/experiment/schema.js';
import { loadScenarioFile } from '../../src/index.js';
import { UNDECLARED_PAIR_TRUST } from '../../src/scenario/schema.js';

const { scenario } = loadScenarioFile('scenarios/caribbean-earthquake.yaml');

describe('factor paths', () => {
  it('reads dotted fields and bracketed selectors', () => {
    expect(parsePath('relations[usa-hti].hotline')).toEqual(['relations', 'usa-hti', 'hotline']);
    expect(parsePath('nations.hti.sovereignty.consentDelay')).toEqual(['nations', 'hti', 'sovereignty', 'consentDelay']);
    expect(() => parsePath('nations..hti')).toThrow(FactorPathError);
  });

  it('finds a relation by its two nation ids in either order, without touching the original', () => {
    const before = scenario.relations.find((r) => r.between.includes('usa') && r.between.includes('hti'))!;
    const changed = applyFactor(scenario, 'relations[hti-usa].protocol', !before.protocol);
    expect(changed.relations.find((r) => r.between.includes('usa') && r.between.includes('hti'))!.protocol).toBe(!before.protocol);
    expect(before.protocol).toBe(scenario.relations.find((r) => r.between.includes('usa') && r.between.includes('hti'))!.protocol);
  });

  it('adds a relation that does not exist yet, at the trust of an undeclared pair (only the factor\'s lever moves)', () => {
    const changed = applyFactor(scenario, 'relations[chn-usa].hotline', true);
    expect(changed.relations.at(-1)).toEqual({ between: ['chn', 'usa'], trust: UNDECLARED_PAIR_TRUST, hotline: true });
  });

  it('names the ids it knows when a nation id is wrong', () => {
    expect(() => applyFactor(scenario, 'nations.xyz.budgetMusd', 5)).toThrow(/no element with id "xyz" in "nations" \(ids: hti, usa/);
  });
});

describe('designs', () => {
  const definition = (extra: Record<string, unknown>) =>
    experimentSchema.parse({
      id: 'd',
      name: 'd',
      scenarios: ['x.yaml'],
      replications: 1,
      factors: [
        { name: 'a', path: 'crisis.severity', values: [0.2, 0.5, 0.8] },
        { name: 'b', path: 'parameters.diplomaticLatencyHours', range: { from: 0, to: 24, steps: 2 } },
      ],
      ...extra,
    });

  it('full factorial crosses every value of every factor, the first varying slowest', () => {
    const d = definition({});
    const points = designPoints('full-factorial', resolveFactors(d, ['x']), [0, 0], { seed: 1 });
    expect(points.map((p) => [p.values['a'], p.values['b']])).toEqual([[0.2, 0], [0.2, 24], [0.5, 0], [0.5, 24], [0.8, 0], [0.8, 24]]);
  });

  it('one-at-a-time moves each factor alone away from the baseline', () => {
    const d = definition({ design: 'one-at-a-time' });
    const points = designPoints('one-at-a-time', resolveFactors(d, ['x']), [1, 0], { seed: 1 });
    expect(points.map((p) => [p.values['a'], p.values['b']])).toEqual([[0.5, 0], [0.2, 0], [0.8, 0], [0.5, 24]]);
  });

  it('a latin hypercube uses each of its strata exactly once per factor', () => {
    const d = definition({ design: 'latin-hypercube', samples: 10 });
    const points = designPoints('latin-hypercube', resolveFactors(d, ['x']), [0, 0], { seed: 3, samples: 10 });
    const strata = points.map((p) => Math.floor(((p.values['b'] as number) / 24) * 10)).sort((x, y) => x - y);
    expect(strata).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(designPoints('latin-hypercube', resolveFactors(d, ['x']), [0, 0], { seed: 3, samples: 10 })).toEqual(points);
  });
});
