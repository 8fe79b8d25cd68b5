import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkScenarioText } from '../../src/index.js';
import { parseCommand } from '../../src/drill/commands.js';
import { DrillError } from '../../src/drill/errors.js';
import { parseImprovementCsv } from '../../src/drill/improvement-csv.js';
import { loadExperimentText } from '../../src/experiment/load.js';
import { mselToInjects } from '../../src/msel/import.js';
import { IMPROVEMENT_COLUMNS } from '../../src/report/exercise.js';
import { parseTrace, TraceFileError } from '../../src/report/trace-input.js';
import type { ScenarioIssue } from '../../src/scenario/issues.js';
import { CARIBBEAN, crisisSim, scratchDir } from '../drill/binary.js';
import { cliPrintable, mutated, positioned, timed } from './fuzz-helpers.js';

/**
 * Fuzzing every text input format in-process (10,650 cases per run): no stack
 * traces (every failure is a domain error the CLI prints as one line), no hangs (each case
 * well under a second), every scenario-style problem positioned at a real line and column.
 */

const ROOT = join(import.meta.dirname, '../..');
const EARTHQUAKE = readFileSync(join(ROOT, 'scenarios/caribbean-earthquake.yaml'), 'utf8');
const EXPERIMENT = readFileSync(join(ROOT, 'scenarios/experiments/hotline-escalation.yaml'), 'utf8');
const MSEL = ['Inject ID,Scenario Time (h),Event Title,Event Type,Effect Parameters', 'a1,1,Aftershock,need.add,capability=medical; amount=3', ''].join('\r\n');
const IMPROVEMENT_PLAN = [
  '# crisis-sim improvement plan: engine crisis-sim 0.1.0, scenario x (sha256:0), seed 1, drill log drill.jsonl',
  IMPROVEMENT_COLUMNS.map(([, label]) => label).join(','),
  IMPROVEMENT_COLUMNS.map(([field]) => (field === 'startDate' || field === 'completionDate' ? '2026-01-15' : `${field} text`)).join(','),
  '',
].join('\r\n');
/** A real trace cut to its header, three events and its summary: cases get past the header's hash check. */
const TRACE_LINES = (() => {
  const dir = scratchDir();
  crisisSim(['run', CARIBBEAN, '--seed', '1', '--until', '24', '--trace', 'run.jsonl'], { cwd: dir });
  const lines = readFileSync(join(dir, 'run.jsonl'), 'utf8').trimEnd().split('\n');
  return [...lines.slice(0, 4), lines.at(-1)!];
})();

describe('fuzzing every input format', () => {
  it('scenario YAML: every problem positioned, nothing thrown', () => {
    fc.assert(
      fc.property(mutated(EARTHQUAKE), (text) => timed(() => positioned(checkScenarioText(text, 'fuzz.yaml').issues, text))),
      { numRuns: 150 },
    );
  }, 120_000);

  it('experiment files: a positioned ScenarioError or a loaded experiment', () => {
    fc.assert(
      fc.property(mutated(EXPERIMENT), (text) =>
        timed(() => {
          try {
            loadExperimentText(text, join(ROOT, 'scenarios/experiments/fuzz.yaml'));
          } catch (error) {
            cliPrintable(error);
            if ('issues' in (error as object)) positioned((error as { issues: ScenarioIssue[] }).issues, text);
          }
        }),
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('MSEL CSV: every problem at its cell, nothing thrown', () => {
    fc.assert(
      fc.property(mutated(MSEL), (text) => timed(() => positioned(mselToInjects(text, 'fuzz.csv').issues, text))),
      { numRuns: 2000 },
    );
  });

  it('trace files: a TraceFileError naming file:line, or a run', () => {
    expect(parseTrace(TRACE_LINES.join('\n'), 'base.jsonl').trace).toHaveLength(3);
    fc.assert(
      fc.property(mutated(TRACE_LINES.join('\n')), (text) =>
        timed(() => {
          try {
            parseTrace(text, 'fuzz.jsonl');
          } catch (error) {
            if (!(error instanceof TraceFileError)) throw error;
            expect(error.message).toMatch(/^fuzz\.jsonl(:\d+)?: /);
          }
        }),
      ),
      { numRuns: 2000 },
    );
  });

  it('Improvement Plan CSV (ip import): rows or a DrillError naming file:line:col', () => {
    expect(parseImprovementCsv(IMPROVEMENT_PLAN, 'ip.csv')).toHaveLength(1);
    fc.assert(
      fc.property(mutated(IMPROVEMENT_PLAN), (text) =>
        timed(() => {
          try {
            parseImprovementCsv(text, 'fuzz.csv');
          } catch (error) {
            if (!(error instanceof DrillError)) throw error;
            expect(error.message).toMatch(/^fuzz\.csv:\d+:\d+: /);
          }
        }),
      ),
      { numRuns: 500 },
    );
  });

  it('drill commands: a command or a DrillError, never anything else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), mutated('decide 1 2'), mutated('inject aftershock at 3h'), mutated('save drill.jsonl')), (line) =>
        timed(() => {
          try {
            parseCommand(line);
          } catch (error) {
            if (!(error instanceof DrillError)) throw error;
          }
        }),
      ),
      { numRuns: 5850 },
    );
  });
});
