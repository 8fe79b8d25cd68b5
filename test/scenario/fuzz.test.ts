import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkScenarioText } from '../../src/index.js';
import { shippedScenarios } from './helpers.js';

/**
 * Mutated versions of the shipped scenarios: the loader either loads them or returns
 * positioned issues, and never throws.
 */

const sources = shippedScenarios().map((file) => readFileSync(file, 'utf8'));

/** One edit of a scenario text: a deletion, an insertion, a swapped or duplicated line, a replaced scalar. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('- ', ': ', '{', ']', '&a ', '*a', '\t', '"', '\n  ', '__proto__: 1\n', '<<: *a\n', 'extends: x.yaml\n')) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('scalar' as const), at: fc.nat(), value: fc.constantFrom('-1', '1e309', 'null', '~', '""', '[]', '{}', 'true', 'usa', '0.5', 'NaN', '.inf', 'x'.repeat(200)) }),
);

function apply(text: string, edit: typeof mutation extends fc.Arbitrary<infer T> ? T : never): string {
  const lines = text.split('\n');
  switch (edit.kind) {
    case 'delete': {
      const at = edit.at % text.length;
      return text.slice(0, at) + text.slice(at + edit.length);
    }
    case 'insert': {
      const at = edit.at % (text.length + 1);
      return text.slice(0, at) + edit.text + text.slice(at);
    }
    case 'swap': {
      const [a, b] = [edit.at % lines.length, edit.other % lines.length];
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'duplicate': {
      const at = edit.at % lines.length;
      lines.splice(at, 0, lines[at]!);
      return lines.join('\n');
    }
    case 'scalar': {
      const at = edit.at % lines.length;
      lines[at] = lines[at]!.replace(/:\s+[^{[\s][^,}\]]*$/, `: ${edit.value}`);
      return lines.join('\n');
    }
  }
}

describe('mutated shipped scenarios', () => {
  it('should either load or return positioned errors, never throw', () => {
    fc.assert(
      fc.property(fc.nat({ max: sources.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (which, edits) => {
        const text = edits.reduce(apply, sources[which]!);
        const { scenario, issues } = checkScenarioText(text, 'mutant.yaml');
        const lineCount = text.split('\n').length;
        if (scenario === undefined) expect(issues.some((issue) => issue.severity === 'error')).toBe(true);
        for (const issue of issues) {
          expect(issue.message.length).toBeGreaterThan(0);
          expect(issue.position.line).toBeGreaterThanOrEqual(1);
          expect(issue.position.col).toBeGreaterThanOrEqual(1);
          if (issue.file === 'mutant.yaml') expect(issue.position.line).toBeLessThanOrEqual(lineCount + 1);
        }
      }),
      { numRuns: 120 },
    );
    expect(({} as Record<string, unknown>)['1']).toBeUndefined();
  });
});
