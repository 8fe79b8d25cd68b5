import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAGING } from '../../src/engine/logistics/rules.js';

const model = readFileSync(join(import.meta.dirname, '../../docs/model.md'), 'utf8');

describe('docs/model.md, ports of entry', () => {
  it('states the staging rule with the coefficient the code uses', () => {
    expect(model).toContain(`trust ≥ ${STAGING.trustWithoutAgreement} (\`STAGING.trustWithoutAgreement\``);
  });
});
