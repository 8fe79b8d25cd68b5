import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIPLOMACY } from '../../src/model/diplomacy.js';
import { MILITARY_CLEARANCE } from '../../src/model/levers.js';
import { NO_RELATION } from '../../src/model/relations.js';
import { LINT_LIMITS } from '../../src/scenario/lint.js';
import { parametersSchema } from '../../src/scenario/schema.js';
import { checkScenarioText } from '../../src/index.js';
import { cli, EARTHQUAKE_TEXT, earthquakeWith, ROOT, tempFile } from '../scenario/helpers.js';

/** `crisis-sim validate --lint`: what runs but does nothing, as warnings; exit 0 unless --strict. */
describe('validate --lint', () => {
  const silentNoOps = earthquakeWith('armedForces: allowed', 'armedForces: restricted')
    .replace('mandateFrom: [un] }\n    frameworks: [un-peacekeeping]', '}\n    frameworks: [un-peacekeeping]')
    .replace('coordinationCell: { setup: { triangular: [24, 48, 72] } }', 'coordinationCell: { setup: { triangular: [24, 48, 72] }, engagedBy: mandate }')
    .replace('    to: All players', '    to: Contributors')
    .replace('{ capability: search-rescue, initial: 10, halfLifeHours: 96 }', '{ capability: search-rescue, initial: 1, halfLifeHours: 96 }')
    .replace(/^horizonHours: 4320$/m, 'horizonHours: 30')
    .replace('    atHours: 192', '    atHours: 9')
    .replace('    atHours: 60', '    atHours: 20');

  it('names every silent no-op with the rule and number behind it, and passes', () => {
    const file = tempFile('noops.yaml', silentNoOps);
    const { status, stdout, stderr } = cli(['validate', '--lint', file]);
    expect(status).toBe(0);
    expect(stderr).toMatch(/^1 file checked: valid \(\d+ warnings\)\n$/);
    const codes = [
      /warning: the military units of "fra" \(medical\) can never deploy: host "hti" clears foreign armed forces only with a SOFA, a protocol or trust >= 0\.7, and fra has none \(trust 0\.6\); its civilian units can/,
      /warning: the coordination cell of "un" never starts/,
      /warning: inject "aftershock" is addressed to "Contributors", which names no nation or organization/,
      /warning: need for 1 units of "search-rescue" against 12 units available: a few units meet it and most contributors stand down/,
      /warning: horizonHours 30 is 30 h; if you meant 30 days write "30d" \(30 d = 720 h\) \(horizonHours\)/,
      /warning: consent from "hti" reaches can, .* no sooner than 24 h after they ask, though its consentDelay is about 3 h: without a hotline each request and answer takes 12 h \(parameters.diplomaticLatencyHours\); a hotline makes it 0\.5 h/,
    ];
    for (const code of codes) expect(stdout).toMatch(code);
  });

  it('--strict makes them fail; without --lint they are not checked', () => {
    const file = tempFile('noops.yaml', silentNoOps);
    expect(cli(['validate', '--lint', '--strict', file]).status).toBe(1);
    expect(cli(['validate', file]).stdout).not.toMatch(/never starts/);
  });

  it('an inject after a horizon that looks like days says how to write days', () => {
    const text = earthquakeWith('horizonHours: 4320', 'horizonHours: 30');
    const { status, stdout } = cli(['validate', tempFile('short.yaml', text)]);
    expect(status).toBe(1);
    expect(stdout).toMatch(/error: inject at 192 h is after the horizon \(30 h\); horizonHours 30 is read as hours: for 30 days write "30d" \(30 d = 720 h\) \(injects\[0\]\.atHours\)/);
  });

  it('inject times that all look like days are pointed out with the hours spelled out', () => {
    const text = earthquakeWith('    atHours: 192', '    atHours: 9').replace('    atHours: 60', '    atHours: 3');
    const { stdout } = cli(['validate', '--lint', tempFile('days.yaml', text)]);
    expect(stdout).toMatch(/warning: every inject is within the first 9 h of a 4320 h horizon; if the times are days write e\.g\. "9d" \(9 d = 216 h\) \(injects\[0\]\.atHours\)/);
  });
});

/** Lint messages of a scenario text, through the public checker (as `validate --lint` reads it). */
function lintMessages(text: string): string {
  return checkScenarioText(text, 'scenario.yaml', { lint: true }).issues.map((issue) => issue.message).join('\n');
}

describe('validate --lint stays quiet where the model does act', () => {
  const coalition = readFileSync(join(ROOT, 'scenarios/coalition-intervention.yaml'), 'utf8');

  it('a restricting host that admits on liaison officers clears military units (the coalition scenario)', () => {
    expect(lintMessages(coalition)).not.toMatch(/never deploy/);
    const civilianOnly = coalition.replace('acceptsWith: [liaison-officers]', 'acceptsWith: [liaison-officers, civilian-only]');
    expect(lintMessages(civilianOnly)).toMatch(/the military units of "usa" \(.*\) can never deploy/);
  });

  it('a cell engaged by members starts when a member responds, one engaged at onset always; one engaged by a mandate needs one', () => {
    const byMembers = earthquakeWith('coordinationCell: { setup: { triangular: [24, 48, 72] } }', 'coordinationCell: { setup: { triangular: [24, 48, 72] }, engagedBy: members }').replace('mandateFrom: [un] }', '}');
    expect(lintMessages(byMembers)).not.toMatch(/"un" never starts/);
    const byMandate = byMembers.replace('engagedBy: members', 'engagedBy: mandate');
    expect(lintMessages(byMandate)).toMatch(/the coordination cell of "un" never starts: it starts with a mandate \(engagedBy: mandate\)/);
    expect(lintMessages(byMembers.replace('engagedBy: members', 'engagedBy: onset'))).not.toMatch(/"un" never starts/);
  });

  it('latency is not pointed out where consent needs no message, or takes longer than the round trip', () => {
    expect(lintMessages(EARTHQUAKE_TEXT)).toMatch(/consent from "hti"/);
    expect(lintMessages(earthquakeWith('consent: required', 'consent: automatic'))).not.toMatch(/consent from/);
    expect(lintMessages(earthquakeWith('consentDelay: { triangular: [1, 3, 6] }', 'consentDelay: { triangular: [12, 30, 48] }'))).not.toMatch(/consent from/);
  });
});

describe('the lint table in docs/scenario-format.md', () => {
  it('states the numbers of the code', () => {
    const docs = readFileSync(join(ROOT, 'docs/scenario-format.md'), 'utf8');
    const defaults = parametersSchema.parse({});
    expect(docs).toContain(`trust ≥ ${MILITARY_CLEARANCE.trustAtLeast} (\`MILITARY_CLEARANCE\`)`);
    expect(docs).toContain(`below its trust bar of ${DIPLOMACY.hostTrustBar} with no MOU`);
    expect(docs).toContain(`undeclared pairs have trust ${NO_RELATION.trust}`);
    expect(docs).toContain(`are ${LINT_LIMITS.oversupplyRatio} times its initial need or more, or less than half of it`);
    expect(LINT_LIMITS.undersupplyShare).toBe(0.5);
    expect(docs).toContain(`a whole number of at most ${LINT_LIMITS.dayLikeHorizonHours}`);
    expect(docs).toContain(`(default ${defaults.diplomaticLatencyHours} h) each way, \`hotlineLatencyHours\` (${defaults.hotlineLatencyHours} h)`);
  });
});
