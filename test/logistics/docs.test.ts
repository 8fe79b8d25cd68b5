import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAGING } from '../../src/engine/logistics/rules.js';
import { CLEARANCE_FACTORS, CLEARANCES } from '../../src/engine/logistics/clearance.js';
import { CONSENT_TERMS } from '../../src/engine/logistics/consent-terms.js';
import { clearanceSchema, parametersSchema } from '../../src/scenario/schema.js';
import { modelRules } from '../../src/index.js';
import { HANDOVER } from '../../src/model/operations.js';
import { RETASKING } from '../../src/model/retasking.js';

const model = readFileSync(join(import.meta.dirname, '../../docs/model.md'), 'utf8');

describe('docs/model.md, ports of entry', () => {
  it('states the staging rule with the coefficient the code uses', () => {
    expect(model).toContain(`trust ≥ ${STAGING.trustWithoutAgreement} (\`STAGING.trustWithoutAgreement\``);
  });
});

describe('docs/model.md, consent per asset and legal clearance', () => {
  it('lists the armed tasks an unarmed grant refuses', () => {
    expect(model).toContain(`(\`CONSENT_TERMS.armedTasks\`: ${CONSENT_TERMS.armedTasks.join(', ')})`);
  });

  it('states the clearance factors of a SOFA and a protocol as the code has them', () => {
    for (const agreement of ['sofa', 'protocol'] as const) {
      const row = `| ${agreement === 'sofa' ? 'SOFA' : 'protocol'} | ${CLEARANCES.map((clearance) => CLEARANCE_FACTORS[agreement][clearance]).join(' | ')} |`;
      expect(model).toContain(row);
    }
  });

  it('states the default clearance hours the schema has', () => {
    const defaults = clearanceSchema.parse({});
    for (const [clearance, delay] of Object.entries(defaults)) {
      expect(model).toMatch(new RegExp(`\\| \`${clearance}\` \\|[^\\n]*\\| triangular\\(${(delay as { triangular: number[] }).triangular.join(', ')}\\) \\|`));
    }
  });
});

describe('docs/model.md, operations that last', () => {
  it('states the hand-over rule with the coefficients the code uses', () => {
    expect(model).toContain(`\`handoverCoverage\` (${HANDOVER.handoverCoverage})`);
    expect(model).toContain(`\`residualNeed\` (${HANDOVER.residualNeed} units)`);
    expect(model).toContain(`\`checkHours\` (${HANDOVER.checkHours} h)`);
  });
});

describe('the model rules `crisis-sim new` writes, on legal clearance', () => {
  it('say what CLEARANCE_FACTORS do: a SOFA waives visas and status, a protocol halves customs, visas and diplomatic clearance', () => {
    const text = modelRules({ parameters: parametersSchema.parse({}), crisis: { resolveAtCoverage: 0.9 } }).map((rule) => rule.text).join(' ');
    expect(text).toContain('a SOFA waives visas and status');
    expect([CLEARANCE_FACTORS.sofa.visas, CLEARANCE_FACTORS.sofa.status]).toEqual([0, 0]);
    expect(text).toContain('a protocol halves customs, visas and diplomatic clearance');
    expect([CLEARANCE_FACTORS.protocol.customs, CLEARANCE_FACTORS.protocol.visas, CLEARANCE_FACTORS.protocol.diplomatic]).toEqual([0.5, 0.5, 0.5]);
  });
});

describe('docs/model.md, team actions', () => {
  it('lists every re-tasking pair with the hours the code uses, and no other', () => {
    const rows = Object.entries(RETASKING).flatMap(([from, targets]) => Object.entries(targets).map(([to, hours]) => `| ${from} | ${to} | ${hours} |`));
    for (const row of rows) expect(model).toContain(row);
    const section = model.slice(model.indexOf('## Team actions'), model.indexOf('## Stalls'));
    expect(section.split('\n').filter((line) => /^\| [a-z-]+ \| [a-z-]+ \| \d+ \|$/.test(line))).toEqual(rows);
  });
});
