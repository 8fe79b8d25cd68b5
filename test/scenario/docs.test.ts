import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenarioText, runScenario, loadScenarioText } from '../../src/index.js';
import { documentedFields, renderFieldReference, REFERENCE_BEGIN, REFERENCE_END } from '../../src/scenario/reference.js';
import { MODEL_RULES_BEGIN, MODEL_RULES_END, renderModelRules } from '../../src/scenario/model-rules.js';
import { parametersSchema } from '../../src/scenario/schema.js';
import { ROOT } from './helpers.js';

/** docs/scenario-format.md is checked against the schema: current, every field described, examples true. */

const DOC = readFileSync(join(ROOT, 'docs/scenario-format.md'), 'utf8');

describe('docs/scenario-format.md', () => {
  it('holds the field reference generated from the schema (run `crisis-sim schema --docs docs/scenario-format.md` after changing the schema)', () => {
    const section = DOC.slice(DOC.indexOf(REFERENCE_BEGIN), DOC.indexOf(REFERENCE_END) + REFERENCE_END.length);
    expect(section).toBe(renderFieldReference());
  });

  it('holds the model rules generated from the engine\'s constants (same command)', () => {
    const section = DOC.slice(DOC.indexOf(MODEL_RULES_BEGIN), DOC.indexOf(MODEL_RULES_END) + MODEL_RULES_END.length);
    expect(section).toBe(renderModelRules());
  });

  it('the relations reference states the message latency with and without a hotline, as the defaults are', () => {
    const defaults = parametersSchema.parse({});
    const relations = DOC.slice(DOC.indexOf('### relations[]'), DOC.indexOf('### organizations[]'));
    expect(relations).toContain(`takes ${defaults.hotlineLatencyHours} h each way instead of ${defaults.diplomaticLatencyHours} h`);
  });

  it('documents every field of the format with a description', () => {
    const fields = documentedFields();
    expect(fields.length).toBeGreaterThan(100);
    expect(fields.filter((field) => !field.description?.trim()).map((field) => field.path)).toEqual([]);
    for (const path of ['nations[].sovereignty.pressureToOpen', 'relations[].hotline', 'crisis.escalation.perHour', 'injects[].expectedAction', 'parameters.drawdownHours']) {
      expect(fields.map((field) => field.path)).toContain(path);
    }
  });

  const examples = [...DOC.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!).filter((block) => block.includes('\ncrisis:'));

  it('has a worked example for each crisis kind', () => {
    const kinds = examples.map((block) => /\n {2}kind: (\w+)/.exec(block)?.[1]);
    expect(kinds.sort()).toEqual(['conflict', 'disaster', 'terrorism']);
  });

  for (const [index, example] of examples.entries()) {
    it(`worked example ${index + 1} validates without warnings and runs`, () => {
      expect(checkScenarioText(example, `example-${index + 1}.yaml`).issues).toEqual([]);
      const result = runScenario(loadScenarioText(example), { seed: 1 });
      expect(result.metrics.firstResponseHours).not.toBeNull();
    });
  }
});
