import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadScenarioFile, ScenarioError } from '../../src/index.js';
import { checkScenarioFile } from '../../src/scenario/load.js';
import { cli, EARTHQUAKE_TEXT, tempDir, tempFile } from './helpers.js';

/** `extends:`: a designer's variant of a base exercise, merged by the documented rules. */

function variant(body: string, dir = tempDir()): { dir: string; file: string } {
  tempFile('base.yaml', EARTHQUAKE_TEXT, dir);
  return { dir, file: tempFile('variant.yaml', `extends: base.yaml\n${body}`, dir) };
}

describe('extends', () => {
  it('overrides fields, merges nations by id and appends new list items', () => {
    const { file } = variant(
      [
        'id: earthquake-no-sofa',
        'nations:',
        '  - id: usa',
        '    budgetMusd: 5',
        '    decision: { authorize: 72 }',
        '  - id: cub',
        '    name: Cuba',
        '    resources: [{ capability: medical, units: 6 }]',
        'relations:',
        '  - { between: [hti, usa], sofa: false }',
        '  - { between: [cub, hti], trust: 0.8 }',
      ].join('\n'),
    );
    const { scenario } = loadScenarioFile(file);
    const base = loadScenarioFile(join(file, '../base.yaml')).scenario;
    expect(scenario.id).toBe('earthquake-no-sofa');
    const usa = scenario.nations.find((nation) => nation.id === 'usa')!;
    expect(usa.budgetMusd).toBe(5);
    expect(usa.decision.authorize).toBe(72);
    // Fields the variant does not mention come from the base, deep inside merged mappings too.
    expect(usa.decision.decide).toEqual({ triangular: [2, 4, 8] });
    expect(usa.resources).toEqual(base.nations.find((nation) => nation.id === 'usa')!.resources);
    expect(scenario.nations.map((nation) => nation.id)).toEqual([...base.nations.map((nation) => nation.id), 'cub']);
    const usaHti = scenario.relations.find((relation) => relation.between.includes('usa'))!;
    expect(usaHti).toMatchObject({ between: ['hti', 'usa'], sofa: false, mou: true, hotline: true });
    expect(scenario.relations).toHaveLength(base.relations.length + 1);
    expect(scenario.injects).toEqual(base.injects);
  });

  it('remove: true deletes a base item; lists without keys are replaced whole', () => {
    const { file } = variant(['nations:', '  - { id: mex, remove: true }', 'relations:', '  - { between: [mex, hti], remove: true }', 'objectives: [Only this one]'].join('\n'));
    const { scenario } = loadScenarioFile(file);
    expect(scenario.nations.some((nation) => nation.id === 'mex')).toBe(false);
    expect(scenario.relations.some((relation) => relation.between.includes('mex'))).toBe(false);
    expect(scenario.objectives).toEqual(['Only this one']);
  });

  it('points an error in the variant at the variant file and line', () => {
    const { file } = variant('nations:\n  - id: usa\n    budgetMusd: lots\n');
    const [issue] = checkScenarioFile(file).issues;
    expect(formatIssue(issue!)).toBe(`${file}:4:17: error: expected a number, got "lots" (nations[1].budgetMusd)`);
  });

  it('points an error that comes from the base at the base file', () => {
    const dir = tempDir();
    tempFile('base.yaml', EARTHQUAKE_TEXT.replace('consent: required', 'consent: requird'), dir);
    const file = tempFile('variant.yaml', 'extends: base.yaml\nhorizonHours: 480\n', dir);
    const [issue] = checkScenarioFile(file).issues;
    expect(issue!.file).toBe(join(dir, 'base.yaml'));
    expect(issue!.position.line).toBe(33);
    expect(issue!.message).toMatch(/did you mean "required"/);
  });

  it('an unknown key written in the variant is pointed at in the variant', () => {
    const { file } = variant('nations:\n  - id: usa\n    budgetMsd: 5\n');
    const [issue] = checkScenarioFile(file).issues;
    expect(issue).toMatchObject({ file, position: { line: 4, col: 5 }, message: 'unknown field "budgetMsd"; did you mean "budgetMusd"?' });
  });

  it('resolves extends relative to the extending file, through a chain', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'bases'));
    tempFile('base.yaml', EARTHQUAKE_TEXT, join(dir, 'bases'));
    tempFile('middle.yaml', 'extends: base.yaml\nhorizonHours: 480\n', join(dir, 'bases'));
    const file = tempFile('leaf.yaml', 'extends: bases/middle.yaml\nid: leaf\n', dir);
    const { scenario } = loadScenarioFile(file);
    expect(scenario).toMatchObject({ id: 'leaf', horizonHours: 480, name: 'Caribbean earthquake (consenting host)' });
  });

  it('detects a cycle and names every file in it', () => {
    const dir = tempDir();
    const a = tempFile('a.yaml', 'extends: b.yaml\nid: a\n', dir);
    tempFile('b.yaml', 'extends: a.yaml\nid: b\n', dir);
    const issues = checkScenarioFile(a).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'extends.cycle', message: `extends cycle: ${a} -> ${join(dir, 'b.yaml')} -> ${join(dir, 'a.yaml')}` });
    expect(issues[0]!.position.line).toBe(1);
  });

  it('a file extending itself is a cycle', () => {
    const file = tempFile('self.yaml', 'id: self\nextends: self.yaml\n');
    expect(checkScenarioFile(file).issues.map((issue) => [issue.code, issue.position.line])).toEqual([['extends.cycle', 2]]);
  });

  it('a missing base, a non-string extends and removing an unknown item are errors at the extending file', () => {
    const missing = tempFile('m.yaml', 'extends: nowhere.yaml\n');
    expect(checkScenarioFile(missing).issues[0]!.message).toBe('cannot read base scenario "nowhere.yaml": file not found');
    const wrongType = tempFile('w.yaml', 'extends: [a.yaml]\n');
    expect(checkScenarioFile(wrongType).issues[0]!.message).toBe('expected the path of the base scenario file, got ["a.yaml"]');
    const { file } = variant('nations:\n  - { id: nzl, remove: true }\n');
    expect(checkScenarioFile(file).issues[0]).toMatchObject({ code: 'extends.remove_unknown', file, position: { line: 3 } });
  });

  it('loadScenarioFile throws every issue and the CLI validates and runs a variant', () => {
    const { file } = variant('horizonHours: 240\n');
    expect(() => loadScenarioFile(tempFile('bad.yaml', 'extends: missing.yaml\n'))).toThrow(ScenarioError);
    expect(cli(['validate', file]).status).toBe(0);
    const run = cli(['run', file, '--json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).horizonHours).toBe(240);
  });
});
