import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/json-schema.js';
import { cli, earthquakeWith, ROOT, SHAPE_ERRORS, shippedScenarios, TEMPLATES } from './helpers.js';

/** The exported JSON Schema (what editors use) agrees with the loader on shipped and broken scenarios. */

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(scenarioJsonSchema());

describe('the scenario JSON Schema', () => {
  for (const file of [...shippedScenarios(), ...TEMPLATES]) {
    it(`accepts ${basename(file)}`, () => {
      const ok = validate(parse(readFileSync(file, 'utf8')));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  for (const mistake of SHAPE_ERRORS) {
    it(`rejects ${mistake.name}`, () => {
      expect(validate(parse(earthquakeWith(mistake.find, mistake.replace)))).toBe(false);
    });
  }

  it('accepts a partial file with extends (its base supplies the rest) but not a partial file without', () => {
    const variant = { extends: 'base.yaml', nations: [{ id: 'usa', budgetMusd: 5 }, { id: 'mex', remove: true }] };
    expect(validate(variant)).toBe(true);
    const { extends: _, ...partial } = variant;
    expect(validate(partial)).toBe(false);
  });

  it('every shipped scenario points editors at it', () => {
    for (const file of shippedScenarios()) {
      expect(readFileSync(file, 'utf8').split('\n')[0], file).toBe('# yaml-language-server: $schema=../docs/scenario.schema.json');
    }
  });

  it('docs/scenario.schema.json is current (regenerate with `crisis-sim schema -o docs/scenario.schema.json`)', () => {
    expect(readFileSync(join(ROOT, 'docs/scenario.schema.json'), 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('crisis-sim schema prints the same schema', () => {
    const { status, stdout } = cli(['schema']);
    expect(status).toBe(0);
    expect(stdout).toBe(scenarioJsonSchemaText());
  });
});
