import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BINARY, CARIBBEAN, scratchDir } from '../drill/binary.js';
import { mutated } from './fuzz-helpers.js';

/**
 * A sample of the fuzz cases through the CLI as users call it, one process each: every
 * command exits 0 or 1, and everything it prints on stderr is one of the CLI's own line
 * shapes (`crisis-sim: ...`, `file:line:col: error: ...`, a count): never a stack trace,
 * never a JavaScript error name. The sample is fixed (seeded), so a failure replays.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const SAMPLE_SEED = 17;
const dir = scratchDir();
copyFileSync(CARIBBEAN, join(dir, 'base.yaml'));
copyFileSync(join(ROOT, 'scenarios/border-clash.yaml'), join(dir, 'border-clash.yaml'));

const EXPERIMENT = readFileSync(join(ROOT, 'scenarios/experiments/hotline-escalation.yaml'), 'utf8').replace('scenarios: [../border-clash.yaml]', 'scenarios: [border-clash.yaml]');
const MSEL = ['Inject ID,Scenario Time (h),Event Title,Event Type,Effect Parameters', 'a1,1,Aftershock,need.add,capability=medical; amount=3', ''].join('\r\n');
const TRACE = ['{"type":"header","engine":{"name":"crisis-sim","version":"0.1.0"},"scenario":"x","scenarioHash":"sha256:0","seed":1,"scenarioDocument":{}}', '{"type":"event","t":1,"agent":"usa","event":"x"}', '{"type":"summary"}'].join('\n');
const SCRIPT = ['act', 'note a team note', 'fire airport-congestion', 'inject pressure 0.2 | Press | Brief', 'advance 12h', 'undo', 'end'].join('\n');

/** One sampled mutation of a base text. */
function sample(base: string, index: number): string {
  return fc.sample(mutated(base), { numRuns: index + 1, seed: SAMPLE_SEED })[index]!;
}

/** The commands to run: the input file each reads, its mutated content, and the arguments. */
const CASES: { name: string; file: string; text: string; args: string[] }[] = [
  { name: 'validate, scenario case 1', file: 'case1.yaml', text: sample(readFileSync(CARIBBEAN, 'utf8'), 0), args: ['validate', 'case1.yaml'] },
  { name: 'run, scenario case 2', file: 'case2.yaml', text: sample(readFileSync(CARIBBEAN, 'utf8'), 1), args: ['run', 'case2.yaml', '--until', '48'] },
  { name: 'rerun, experiment', file: 'case.exp.yaml', text: sample(EXPERIMENT, 0), args: ['rerun', 'case.exp.yaml', '--run', '0'] },
  { name: 'msel import', file: 'case.csv', text: sample(MSEL, 0), args: ['msel', 'import', 'case.csv', '--into', 'base.yaml', '-o', 'imported.yaml'] },
  { name: 'report, trace', file: 'case.jsonl', text: sample(TRACE, 0), args: ['report', 'case.jsonl', '-o', 'case.md'] },
  { name: 'drill, script', file: 'case.txt', text: sample(SCRIPT, 0), args: ['drill', 'base.yaml', '--play', 'usa', '--script', 'case.txt', '--log', 'case-drill.jsonl'] },
];

/** Lines the CLI itself writes on stderr. */
const CLI_LINE = /^(crisis-sim: |\S.*:\d+:\d+: (error|warning): |\d+ files? checked: |imported \d+ injects |run \d+: design point )/;

function crisisSimAsync(args: readonly string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BINARY, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => done({ status, stderr }));
  });
}

describe('fuzz cases through the CLI, one process each', () => {
  for (const testCase of CASES) writeFileSync(join(dir, testCase.file), testCase.text);
  const results = Promise.all(CASES.map((testCase) => crisisSimAsync(testCase.args)));

  CASES.forEach((testCase, index) => {
    it(`${testCase.name}: exit 0 or 1, only the CLI's own lines on stderr`, async () => {
      const { status, stderr } = (await results)[index]!;
      expect([0, 1]).toContain(status);
      expect(stderr).not.toMatch(/\n\s+at |\b(TypeError|RangeError|SyntaxError|ReferenceError)\b|node:internal/);
      for (const line of stderr.split('\n').filter((each) => each !== '')) expect(line).toMatch(CLI_LINE);
      if (status === 1) expect(stderr).not.toBe('');
    }, 240_000);
  });
});
