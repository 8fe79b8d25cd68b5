import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenarioText, loadScenarioText, modelRules } from '../../src/index.js';
import { DIPLOMACY } from '../../src/model/diplomacy.js';
import { MILITARY_CLEARANCE } from '../../src/model/levers.js';
import { SUPPLY } from '../../src/model/supply.js';
import { MODEL_RULES_MARKER, modelRulesComment } from '../../src/scenario/model-rules.js';
import { crisisSchema, parametersSchema, UNDECLARED_PAIR_TRUST } from '../../src/scenario/schema.js';
import { cli, ROOT, tempDir, TEMPLATES } from './helpers.js';

/** `crisis-sim new <kind>`: a designer's starting point validates and runs as written. */

describe('crisis-sim new', () => {
  for (const kind of ['disaster', 'conflict', 'terrorism']) {
    it(`writes a commented ${kind} scenario that validates and runs`, () => {
      const dir = tempDir();
      const file = join(dir, `my-${kind}-drill.yaml`);
      const created = cli(['new', kind, '-o', file]);
      expect(created.status, created.stderr).toBe(0);
      const text = readFileSync(file, 'utf8');
      expect(text).toMatch(/^# yaml-language-server: \$schema=.*docs\/scenario\.schema\.json$/m);
      expect(text.split('\n').filter((line) => line.trim().startsWith('#')).length).toBeGreaterThan(5);
      // The id follows the file name; the schema path is right for where the file is.
      expect(text).toMatch(new RegExp(`^id: my-${kind}-drill$`, 'm'));
      const schemaPath = /\$schema=(.*)$/m.exec(text)![1]!;
      expect(readFileSync(join(dir, schemaPath), 'utf8')).toBe(readFileSync(join(ROOT, 'docs/scenario.schema.json'), 'utf8'));
      expect(cli(['validate', '--lint', '--strict', file])).toMatchObject({ status: 0, stdout: '', stderr: '1 file checked: valid\n' });
      const run = cli(['run', file, '--json']);
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ kind, scenario: `my-${kind}-drill` });
    });
  }

  it('prints to stdout without -o, with the schema path relative to the working directory', () => {
    const { status, stdout } = cli(['new', 'conflict']);
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe('# yaml-language-server: $schema=docs/scenario.schema.json');
    expect(checkScenarioText(stdout, 'stdout.yaml').issues).toEqual([]);
  });

  it('refuses to overwrite an existing file unless --force', () => {
    const file = join(tempDir(), 'mine.yaml');
    writeFileSync(file, 'my work\n');
    const refused = cli(['new', 'disaster', '-o', file]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(`crisis-sim: cannot write ${file}: the file already exists; pass --force to replace it, or choose another file\n`);
    expect(readFileSync(file, 'utf8')).toBe('my work\n');
    expect(cli(['new', 'disaster', '-o', file, '--force']).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^id: mine$/m);
  });

  it('names the closest kind for a misspelt one', () => {
    const { status, stderr } = cli(['new', 'disater']);
    expect(status).toBe(1);
    expect(stderr).toBe('crisis-sim: unknown crisis kind "disater"; expected one of disaster, conflict, terrorism; did you mean "disaster"?\n');
  });

  it('states the unit scale, the message latency and the clearance rules with the numbers of the code', () => {
    const { status, stdout } = cli(['new', 'disaster']);
    expect(status).toBe(0);
    // The comment block read as prose: comment marks and line wrapping taken out.
    const prose = stdout.split('\n').filter((line) => line.startsWith('#')).map((line) => line.replace(/^#\s*/, '')).join(' ').replace(/\s+/g, ' ');
    const defaults = parametersSchema.parse({});
    for (const statement of [
      `meets ${SUPPLY.needUnitsPerResourceUnit} unit of need of its capability`,
      `${defaults.duplication * 100}% of that capability's supply is lost to duplicated effort`,
      `${defaults.duplicationWithCell * 100}% once a cell works`,
      `reaches ${crisisSchema.shape.resolveAtCoverage.parse(undefined)} (crisis.resolveAtCoverage)`,
      `takes ${defaults.diplomaticLatencyHours} h each way`,
      `${defaults.hotlineLatencyHours} h over a hotline`,
      `add ${2 * defaults.diplomaticLatencyHours} h to the host's consentDelay`,
      `trust >= ${MILITARY_CLEARANCE.trustAtLeast}, or that offers liaison officers`,
      `trusted partners (trust >= ${DIPLOMACY.hostTrustBar}, an MOU`,
      `not listed under relations has trust ${UNDECLARED_PAIR_TRUST}`,
    ]) {
      expect(prose).toContain(statement);
    }
    expect(stdout).not.toContain(MODEL_RULES_MARKER);
  });

  it('writes the rules from the file\'s own parameters, and the templates hold no copied numbers', () => {
    const slow = parametersSchema.parse({ diplomaticLatencyHours: 20, duplication: 0.3 });
    const comment = modelRulesComment({ parameters: slow, crisis: { resolveAtCoverage: 0.8 } }).replace(/\n#\s*/g, ' ');
    expect(comment).toContain('takes 20 h each way');
    expect(comment).toContain('add 40 h to the host');
    expect(comment).toContain('30% of that capability');
    expect(comment).toContain('reaches 0.8');
    // The same rules through the public API, for a scenario as loaded.
    const loaded = loadScenarioText(readFileSync(TEMPLATES[0]!, 'utf8'));
    expect(modelRules(loaded.scenario).map((rule) => rule.title)).toEqual(['Units', 'Messages', 'Clearance']);
    for (const template of TEMPLATES) {
      const text = readFileSync(template, 'utf8');
      expect(text, template).toContain(MODEL_RULES_MARKER);
      expect(text, template).not.toMatch(/each way|trust >= /);
    }
  });

  it('the templates are the ones shipped in scenarios/templates', () => {
    for (const template of TEMPLATES) expect(checkScenarioText(readFileSync(template, 'utf8'), template).issues).toEqual([]);
  });
});
