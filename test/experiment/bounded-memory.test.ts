import fc from 'fast-check';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineReader } from '../../src/experiment/line-reader.js';
import { sealManifest } from '../../src/experiment/manifest.js';
import type { RunOutcome } from '../../src/experiment/records.js';
import { sensitivityCsv } from '../../src/experiment/sensitivity.js';
import { differencesCsv, summaryCsv } from '../../src/experiment/summary.js';
import { ResultTable } from '../../src/experiment/table.js';
import { temporaryDir } from './helpers.js';

/**
 * The pieces that keep a batch's memory flat: the result table spills values to disk in
 * blocks and reads them back a column at a time; journals are read line by line through
 * one chunk. Both must give exactly what holding everything in memory gives.
 */

const POINTS = 3;
const COLUMNS = 4;
const manifest = sealManifest({
  id: 'bounded',
  name: 'bounded',
  question: '',
  design: 'full-factorial',
  seed: 1,
  replications: 40,
  stopping: null,
  horizonHours: null,
  series: null,
  factors: [],
  baselinePoint: 0,
  points: Array.from({ length: POINTS }, (_, index) => ({ index, values: {}, scenario: 's', scenarioHash: 'sha256:0' })),
  columns: Array.from({ length: COLUMNS }, (_, k) => ({ name: `m${k}`, censorable: k % 2 === 0 })),
});

const outcomeArbitrary = fc.record({
  run: fc.integer({ min: 0, max: POINTS * 40 - 1 }),
  status: fc.constantFrom<RunOutcome['status']>('ok', 'ok', 'ok', 'error', 'timeout'),
  values: fc.array(fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }), { minLength: COLUMNS, maxLength: COLUMNS }),
  notApplicable: fc.array(fc.boolean(), { minLength: COLUMNS, maxLength: COLUMNS }),
  censoredAtHours: fc.option(fc.double({ min: 0, max: 1000, noNaN: true }), { nil: null }),
});

describe('a result table in bounded memory', () => {
  it('should answer every question exactly as the outcomes held in memory would, whatever the block size', () => {
    fc.assert(
      fc.property(fc.array(outcomeArbitrary, { maxLength: 120 }), fc.integer({ min: 1, max: 7 }), fc.array(fc.integer({ min: 0, max: POINTS * 40 - 1 })), (generated, blockRuns, kept) => {
        const scratchDir = temporaryDir('crisis-sim-spill-');
        const table = new ResultTable(manifest, { scratchDir, blockRuns });
        const model = new Map<number, RunOutcome>();
        for (const { run, status, values, notApplicable, censoredAtHours } of generated) {
          const kept = status === 'ok' ? values : values.map(() => null);
          const outcome: RunOutcome = { run, status, error: status === 'ok' ? null : 'failed', censoredAtHours, values: kept, notApplicable: kept.flatMap((value, k) => (value === null && notApplicable[k] ? [k] : [])) };
          expect(table.add(outcome)).toBe(!model.has(run));
          if (!model.has(run)) model.set(run, outcome);
        }
        // The scratch file is deleted as soon as it is opened: nothing is left even after a kill.
        expect(readdirSync(scratchDir)).toEqual([]);
        const check = (runs: Map<number, RunOutcome>) => {
          const sorted = [...runs.keys()].sort((a, b) => a - b);
          expect(table.size).toBe(runs.size);
          expect(table.runs()).toEqual(sorted);
          for (let point = 0; point < POINTS; point += 1) {
            const finished = sorted.filter((run) => run % POINTS === point && runs.get(run)!.status === 'ok');
            expect(table.runsOfPoint(point)).toEqual(finished);
            for (let column = 0; column < COLUMNS; column += 1) {
              const values = finished.map((run) => runs.get(run)!.values[column]!).filter((value) => value !== null);
              expect(table.observed(point, column)).toEqual({ values, missing: finished.length - values.length });
            }
          }
          for (let run = 0; run < POINTS * 40; run += 1) {
            const outcome = runs.get(run);
            expect(table.ok(run)).toBe(outcome?.status === 'ok');
            expect(table.value(run, 1)).toBe(outcome?.values[1]);
            expect(table.status(run, 2)).toBe(outcome === undefined ? undefined : outcome.values[2] !== null ? 'observed' : outcome.notApplicable.includes(2) ? 'not-applicable' : 'censored');
            expect(table.censoredAt(run)).toBe(outcome?.censoredAtHours ?? null);
          }
        };
        check(model);
        table.keepOnly(kept);
        check(new Map([...model].filter(([run]) => kept.includes(run))));
        table.close();
      }),
      { numRuns: 60 },
    );
  });
});

describe('reading a journal line by line', () => {
  it('should give every complete line with its byte offset, and flag a cut-short last line, for any chunk size', () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'é', '{', '"', '9', ' '), maxLength: 40 });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.option(line.filter((text) => text !== ''), { nil: undefined }), fc.integer({ min: 1, max: 16 }), (lines, partial, chunkBytes) => {
        const path = join(temporaryDir('crisis-sim-lines-'), 'runs.jsonl');
        const content = lines.map((text) => `${text}\n`).join('') + (partial ?? '');
        writeFileSync(path, content);
        const reader = new LineReader(path, chunkBytes);
        const read: { text: string; offset: number; bytes: number }[] = [];
        for (let next = reader.next(); next; next = reader.next()) read.push(next);
        reader.close();
        let offset = 0;
        const expected = lines.map((text) => {
          const bytes = Buffer.byteLength(text) + 1;
          const entry = { text, offset, bytes };
          offset += bytes;
          return entry;
        });
        expect(read).toEqual(expected);
        expect(reader.partial).toBe(partial !== undefined);
      }),
      { numRuns: 200 },
    );
  });
});

describe('summaries of a very large design point', () => {
  it('should summarize 260,000 runs of two arms without holding them as objects or overflowing the stack', () => {
    const replications = 130_000;
    const large = sealManifest({
      ...manifest,
      id: 'large',
      replications,
      factors: [{ name: 'hotline', path: 'relations[a-b].hotline', values: [false, true] }],
      columns: [
        { name: 'firstResponseHours', censorable: true },
        { name: 'escalations', censorable: false },
      ],
      points: [false, true].map((hotline, index) => ({ index, values: { hotline }, scenario: 's', scenarioHash: 'sha256:0' })),
    });
    const table = new ResultTable(large, { scratchDir: temporaryDir('crisis-sim-spill-') });
    for (let run = 0; run < 2 * replications; run += 1) {
      const arm = run % 2;
      // Metric 0 (a milestone) is reached at 10 + replication mod 100 hours, 20 h later with the hotline; every tenth run never reaches it.
      const reached = run % 10 !== 0;
      const hours = 10 + (Math.floor(run / 2) % 100) + 20 * arm;
      table.add({ run, status: 'ok', error: null, censoredAtHours: 500, values: [reached ? hours : null, arm], notApplicable: [] });
    }
    expect(summaryCsv(table)).toContain('firstResponseHours');
    expect(differencesCsv(table)).toContain('escalations');
    expect(sensitivityCsv(table)).toContain('hotline');
    table.close();
  }, 120_000);
});
