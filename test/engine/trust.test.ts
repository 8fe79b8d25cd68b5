import { describe, expect, it } from 'vitest';
import { loadScenarioFile, runScenario, scenarioSchema, type TraceEntry } from '../../src/index.js';
import { NO_RELATION } from '../../src/model/relations.js';
import { UNDECLARED_PAIR_TRUST } from '../../src/scenario/schema.js';
import { TRUST_CAUSES } from '../../src/engine/trust/rules.js';

function trustChanges(file: string, seed: number): TraceEntry[] {
  const trace: TraceEntry[] = [];
  runScenario(loadScenarioFile(file), { seed, trace: (entry) => trace.push(entry) });
  return trace.filter((entry) => entry.event === 'trust.changed');
}

describe('trust changes', () => {
  it('every change of trust is a trace entry with a named cause, and trust stays in [0, 1]', () => {
    const changes = trustChanges('scenarios/border-clash.yaml', 3);
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      const data = change.data as { cause: string; trust: number; between: string[] };
      expect(TRUST_CAUSES).toContain(data.cause);
      expect(data.trust).toBeGreaterThanOrEqual(0);
      expect(data.trust).toBeLessThanOrEqual(1);
      expect(data.between).toHaveLength(2);
    }
  });

  it('an undeclared pair has one trust everywhere: engine default, schema text', () => {
    expect(NO_RELATION.trust).toBe(UNDECLARED_PAIR_TRUST);
    const description = scenarioSchema.shape.relations.description ?? '';
    expect(description).toContain(`trust ${UNDECLARED_PAIR_TRUST}`);
  });
});
