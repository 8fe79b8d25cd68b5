import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventLimitError, Kernel, loadScenarioText, MAX_EVENTS_PER_RUN, ScenarioError } from '../../src/index.js';
import { parseHours, UserError } from '../../src/cli/errors.js';
import { loadExperimentText } from '../../src/experiment/load.js';

/** Sizes and rates that used to exhaust memory, spin for ever or overflow: refused up front, at the field to change. */

const ROOT = join(import.meta.dirname, '../..');
const EARTHQUAKE = readFileSync(join(ROOT, 'scenarios/caribbean-earthquake.yaml'), 'utf8');

function issuesOf(load: () => unknown) {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).issues;
  }
  throw new Error('not refused');
}

function experiment(lines: string[]): string {
  return ['id: big', 'name: Big', 'scenarios: [../../scenarios/caribbean-earthquake.yaml]', ...lines, ''].join('\n');
}

const load = (text: string) => () => loadExperimentText(text, join(ROOT, 'test/guard/big.yaml'));

describe('experiment size', () => {
  it('40 two-valued factors: refused at factors, before any design point is built', () => {
    const factors = Array.from({ length: 40 }, (_, k) => `  - { name: f${k}, path: nations.hti.budgetMusd, values: [1, 2] }`);
    const [issue] = issuesOf(load(experiment(['factors:', ...factors, 'replications: 2'])));
    expect(issue).toMatchObject({ code: 'experiment.too_large', path: ['factors'] });
    expect(issue!.message).toMatch(/1\.10e\+12 design points; the limit is 10000/);
  });

  it('a billion replications and a range of a billion steps: refused at their fields', () => {
    expect(issuesOf(load(experiment(['replications: 1000000000'])))[0]).toMatchObject({ path: ['replications'], position: { line: 4 } });
    const range = issuesOf(load(experiment(['factors:', '  - { name: b, path: nations.hti.budgetMusd, range: { from: 1, to: 2, steps: 1000000000 } }', 'replications: 2'])));
    expect(range[0]!.path).toEqual(['factors', 0, 'range', 'steps']);
  });

  it('design points x replications over the run limit: refused at replications', () => {
    const [issue] = issuesOf(load(experiment(['factors:', '  - { name: b, path: nations.hti.budgetMusd, range: { from: 1, to: 2, steps: 1000 } }', 'replications: 100000'])));
    expect(issue).toMatchObject({ code: 'experiment.too_large', path: ['replications'] });
  });
});

describe('rates, horizons and growth', () => {
  it('a hazard of 1000 events per hour is refused at perHour', () => {
    const text = EARTHQUAKE.replace('crisis:\n', 'crisis:\n  escalation: { perHour: 1000 }\n');
    const issues = issuesOf(() => loadScenarioText(text, 'x.yaml'));
    expect(issues.some((issue) => issue.path.join('.') === 'crisis.escalation.perHour')).toBe(true);
  });

  it('a need doubling every hour over ten years is refused at doublingHours, not run to Infinity', () => {
    const text = EARTHQUAKE.replace(/horizonHours: \d+/, 'horizonHours: 87600').replace('halfLifeHours: 96', 'doublingHours: 1');
    const issues = issuesOf(() => loadScenarioText(text, 'x.yaml'));
    expect(issues.map((issue) => issue.path.join('.'))).toContain('crisis.needs.0.doublingHours');
    expect(issuesOf(() => loadScenarioText(EARTHQUAKE.replace('initial: 10,', 'initial: 1e308,'), 'x.yaml'))[0]!.path.join('.')).toBe('crisis.needs.0.initial');
  });

  it('--until 1e308 is refused with the limit', () => {
    expect(() => parseHours('1e308', '--until')).toThrow(UserError);
    expect(() => parseHours('1e308', '--until')).toThrow(/at most 87600 hours/);
  });

  it('a run that repeats without bound stops with EventLimitError instead of spinning', () => {
    const kernel = new Kernel({ maxEvents: MAX_EVENTS_PER_RUN });
    const again = () => void kernel.schedule(0.001, again);
    kernel.schedule(0, again);
    expect(() => kernel.run(1e6)).toThrow(EventLimitError);
    expect(kernel.eventsProcessed).toBe(MAX_EVENTS_PER_RUN + 1);
  });
});
