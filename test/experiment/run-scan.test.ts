import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { round6 } from '../../src/experiment/columns.js';
import type { ExperimentManifest } from '../../src/experiment/manifest.js';
import { fromExperimentRun, type RunOutcome } from '../../src/experiment/records.js';
import { runLines } from '../../src/experiment/run-format.js';
import { RunLineScanner } from '../../src/experiment/run-scan.js';
import { outcomeRow } from '../../src/experiment/table.js';
import { manifestArb, outcomeArb } from './run-arbitraries.js';

/** What the general path makes of a runs.jsonl line: the outcome JSON.parse gives, formatted again, and the table's row. */
function generalPath(manifest: ExperimentManifest, line: string): { jsonl: string; csv: string; row: number[] } {
  const outcome = fromExperimentRun(manifest, JSON.parse(line));
  return { ...runLines(manifest, outcome), row: [...outcomeRow(outcome, new Float64Array(manifest.columns.length + 1))] };
}

/** Scans a line; when it is accepted, what the scanner makes of it, in the same shape as generalPath. */
function scanned(scanner: RunLineScanner, line: Buffer): { run: number; jsonl: string; csv: string; row: number[] } | undefined {
  const run = scanner.scan(line, 0, line.length - 1);
  if (run < 0) return undefined;
  return { run, jsonl: line.toString('utf8'), csv: Buffer.from(scanner.csvRow()).toString('utf8'), row: [...scanner.row] };
}

/** Finished runs as the engine gives them: values rounded to 6 decimals, no error, no series. */
function finishedArb(manifest: ExperimentManifest): fc.Arbitrary<RunOutcome> {
  const value = fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(round6));
  return fc
    .record({
      run: fc.nat({ max: manifest.points.length * manifest.replications - 1 }),
      censoredAtHours: fc.option(value),
      cells: fc.array(fc.oneof(fc.constant(null), fc.constant('na' as const), value), { minLength: manifest.columns.length, maxLength: manifest.columns.length }),
    })
    .map(({ run, censoredAtHours, cells }) => ({
      run,
      status: 'ok' as const,
      error: null,
      censoredAtHours,
      values: cells.map((cell) => (cell === 'na' ? null : cell)),
      notApplicable: cells.flatMap((cell, k) => (cell === 'na' && manifest.columns[k]!.censorable ? [k] : [])),
    }));
}

const directManifest = manifestArb.filter((manifest) => manifest.columns.every((column) => column.name.startsWith('m.') || column.name === 'usa.accessHours'));

describe('RunLineScanner', () => {
  it('reads every finished run as the batch writes it, giving the same runs.csv row and values as parsing and formatting it again', () => {
    fc.assert(
      fc.property(directManifest.chain((manifest) => fc.tuple(fc.constant(manifest), finishedArb(manifest))), ([manifest, outcome]) => {
        const { jsonl } = runLines(manifest, outcome);
        const result = scanned(new RunLineScanner(manifest), Buffer.from(jsonl));
        expect(result).toEqual({ run: outcome.run, ...generalPath(manifest, jsonl) });
      }),
      { numRuns: 300 },
    );
  });

  it('accepts a line only when it reads as parsing and formatting it again would write it, for any outcome and any edited byte', () => {
    const edit = fc.constantFrom(...'0159.-e,:"}{n ');
    fc.assert(
      fc.property(
        manifestArb.chain((manifest) => fc.tuple(fc.constant(manifest), outcomeArb(manifest), fc.option(fc.tuple(fc.nat(), edit)))),
        ([manifest, outcome, change]) => {
          const line = Buffer.from(runLines(manifest, outcome).jsonl);
          if (change) line[change[0] % (line.length - 1)] = change[1].charCodeAt(0);
          const result = scanned(new RunLineScanner(manifest), line);
          if (!result) return;
          const text = line.toString('utf8');
          expect(result).toEqual({ run: result.run, ...generalPath(manifest, text) });
          expect(result.jsonl).toBe(generalPath(manifest, text).jsonl);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves numbers String would write otherwise, and failed runs, to the general path', () => {
    const manifest = fc.sample(directManifest, { numRuns: 1, seed: 3 })[0]!;
    manifest.columns = [{ name: 'a', censorable: true }, { name: 'b', censorable: false }];
    const outcome: RunOutcome = { run: 0, status: 'ok', error: null, censoredAtHours: 10, values: [1.5, 2], notApplicable: [] };
    const line = runLines(manifest, outcome).jsonl;
    const scan = (text: string) => new RunLineScanner(manifest).scan(Buffer.from(text), 0, Buffer.byteLength(text) - 1);
    expect(scan(line)).toBe(0);
    for (const variant of [line.replace(':1.5', ':1.50'), line.replace(':1.5', ':15e-1'), line.replace(':1.5', ': 1.5'), line.replace(':1.5', ':0.00000001'), line.replace(':10,', ':-0,'), line.replace(':2}', ':12345678901234567}')]) {
      expect(variant).not.toBe(line);
      expect(scan(variant)).toBe(-1);
    }
    expect(scan(runLines(manifest, { ...outcome, status: 'error', error: 'boom' }).jsonl)).toBe(-1);
  });
});
