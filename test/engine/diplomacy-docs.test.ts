import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRUST_RULES } from '../../src/engine/trust/rules.js';
import { CONFIDENCE_BUILDING } from '../../src/model/confidence-building.js';
import { DIPLOMACY } from '../../src/model/diplomacy.js';
import { UNDECLARED_PAIR_TRUST } from '../../src/scenario/schema.js';

const doc = readFileSync(join(import.meta.dirname, '../../docs/model.md'), 'utf8');

describe('docs/model.md is built against the diplomacy coefficients', () => {
  it('lists every DIPLOMACY coefficient with its value', () => {
    for (const [name, value] of Object.entries(DIPLOMACY)) {
      const shown = Array.isArray(value) ? value.join(', ') : String(value);
      expect(doc, name).toContain(`| \`${name}\` | ${shown} |`);
    }
  });

  it('lists every confidence-building coefficient with its value', () => {
    for (const [name, value] of Object.entries(CONFIDENCE_BUILDING)) expect(doc, name).toContain(`| \`${name}\` | ${value} |`);
  });

  it('lists every trust cause with its size', () => {
    for (const [cause, size] of Object.entries(TRUST_RULES)) {
      const row = new RegExp(`\\| \`${cause}\` \\| ([^|]+) \\|`).exec(doc);
      expect(row, cause).not.toBeNull();
      if (cause === 'inject') continue;
      expect(row![1], cause).toContain(String(Math.abs(size)));
    }
  });

  it('states the trust of an undeclared pair', () => {
    expect(doc).toContain(`has trust ${UNDECLARED_PAIR_TRUST} (\`UNDECLARED_PAIR_TRUST\`)`);
  });
});
