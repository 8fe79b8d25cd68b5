import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRow, jsonlLine, toExperimentRun } from '../../src/experiment/records.js';
import { RunFormatter } from '../../src/experiment/run-format.js';
import { manifestArb, outcomeArb } from './run-arbitraries.js';

describe('RunFormatter', () => {
  it('writes the same runs.jsonl and runs.csv lines as the record path, for any outcome', () => {
    fc.assert(
      fc.property(manifestArb.chain((manifest) => fc.tuple(fc.constant(manifest), fc.array(outcomeArb(manifest), { minLength: 1, maxLength: 4 }))), ([manifest, outcomes]) => {
        const formatter = new RunFormatter(manifest);
        for (const outcome of outcomes) {
          const run = toExperimentRun(manifest, outcome);
          expect(formatter.lines(outcome)).toEqual({ jsonl: jsonlLine(run), csv: csvRow(manifest, run) });
        }
      }),
      { numRuns: 300 },
    );
  });
});
