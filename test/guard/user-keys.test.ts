import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, loadScenarioText, ScenarioError } from '../../src/index.js';
import { loadExperimentText } from '../../src/experiment/load.js';
import { mselToInjects } from '../../src/msel/import.js';
import { initialWorld } from '../../src/model/world.js';
import { reportInputOf } from '../report/helpers.js';

/** Keys users choose (ids, MSEL effect parameters, factor paths) that are also names of JavaScript's object machinery. */

const ROOT = join(import.meta.dirname, '../..');
const EARTHQUAKE = readFileSync(join(ROOT, 'scenarios/caribbean-earthquake.yaml'), 'utf8');

function renamed(from: string, to: string) {
  return loadScenarioText(EARTHQUAKE.replace(new RegExp(`\\b${from}\\b`, 'g'), to), join(ROOT, 'scenarios/renamed.yaml')).scenario;
}

describe('ids that are names of object machinery', () => {
  it('a nation with id constructor gets its after-action report (immer refused the patches)', () => {
    const report = buildReport(reportInputOf(renamed('hti', 'constructor')));
    expect(report.markdown).toContain('constructor');
    expect(report.html).toContain('<svg');
  });

  it('a capability named constructor gives the same run as any other name', () => {
    const named = (name: string) => JSON.stringify(reportInputOf(renamed('medical', name)).result.metrics).replaceAll(name, 'X');
    expect(named('constructor')).toBe(named('medicine'));
    expect(buildReport(reportInputOf(renamed('medical', 'constructor'))).markdown).toContain('constructor');
  });
});

describe('world records keyed by ids', () => {
  it('read nothing for a key named like an inherited member (relations are keyed "a|b", which no member name is)', () => {
    const world = initialWorld(loadScenarioText(EARTHQUAKE, join(ROOT, 'scenarios/caribbean-earthquake.yaml')).scenario);
    const records = Object.entries(world).filter(([name, value]) => typeof value === 'object' && name !== 'relations');
    expect(records.map(([name]) => name)).toContain('umbrella');
    for (const [name, record] of records) {
      for (const key of ['constructor', 'toString', 'hasOwnProperty']) expect((record as Record<string, unknown>)[key], `${name}.${key}`).toBeUndefined();
    }
  });
});

describe('MSEL effect parameters named like built-in properties', () => {
  for (const key of ['toString', 'constructor', 'hasOwnProperty', '__proto__', 'valueOf']) {
    it(`"${key}" is an unknown field at its cell, not a crash`, () => {
      const csv = `Inject ID,Scenario Time (h),Event Title,Event Type,Effect Parameters\na1,1,T,need.add,capability=medical; amount=3; ${key}=3\n`;
      const { issues } = mselToInjects(csv, 'x.csv');
      expect(issues.map((issue) => [issue.position.line, issue.position.col, issue.code])).toEqual([[2, 5, 'schema.unrecognized_key']]);
      expect(issues[0]!.message).toContain(`unknown field "${key}"`);
      expect(({} as Record<string, unknown>)['3']).toBeUndefined();
    });
  }
});

describe('experiment factor paths', () => {
  const experiment = (path: string) =>
    [
      'id: pollute',
      'name: Pollution attempt',
      'scenarios: [../../scenarios/caribbean-earthquake.yaml]',
      'factors:',
      `  - { name: evil, path: "${path}", values: [0.9] }`,
      'replications: 2',
      '',
    ].join('\n');

  for (const path of ['__proto__.polluted', 'nations.hti.__proto__.polluted', 'nations[hti].constructor.prototype.polluted']) {
    it(`${path} pollutes nothing and is blamed on the factor's path`, () => {
      let error: unknown;
      try {
        loadExperimentText(experiment(path), join(ROOT, 'test/guard/x.yaml'));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ScenarioError);
      const issues = (error as ScenarioError).issues;
      expect(issues.length).toBeGreaterThan(0);
      expect(issues[0]!.path.slice(0, 2)).toEqual(['factors', 0]);
      expect(issues[0]!.position.line).toBe(5);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    });
  }
});
