import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/crisis-sim.mjs');
const EARTHQUAKE = join(import.meta.dirname, '../../scenarios/caribbean-earthquake.yaml');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'crisis-sim-run-')), name);
  writeFileSync(path, content);
  return path;
}

describe('crisis-sim run', () => {
  it('prints a readable summary with milestones per nation, stalls by cause and run metrics', () => {
    const { status, stdout } = cli('run', EARTHQUAKE, '--seed', '3');
    expect(status).toBe(0);
    expect(stdout).toContain('first foreign response');
    expect(stdout).toMatch(/Milestones/);
    expect(stdout).toMatch(/bureaucracy\s+mandate\s+consent\s+talks\s+mediation\s+resources\s+interoperability\s+intelligence/);
    expect(stdout).toMatch(/preparedness\s+\d+\.\d MUSD a year/);
    expect(stdout).toMatch(/^usa\s/m);
  });

  it('tells a milestone a nation did not need (n/a) from one it did not reach by the horizon (—)', () => {
    const { stdout } = cli('run', EARTHQUAKE, '--seed', '1', '--until', '60');
    const row = (nation: string) => stdout.match(new RegExp(`^${nation}\\s+(.*)$`, 'm'))![1]!.trim().split(/\s+/);
    // Columns: detect, decide, authorize, mandate, consent, first deploy, full deploy.
    expect(row('hti').slice(3, 5)).toEqual(['n/a', 'n/a']); // the host asks no one
    expect(row('bra')[3]).toBe('—'); // Brazil needs the UN's mandate and has none by 60 h
  });

  it('--json prints one object with provenance and the named metrics', () => {
    const { status, stdout } = cli('run', EARTHQUAKE, '--seed', '5', '--json');
    expect(status).toBe(0);
    const output = JSON.parse(stdout);
    expect(output).toMatchObject({ scenario: 'caribbean-earthquake', kind: 'disaster', seed: 5, horizonHours: 4320 });
    expect(output.engine.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(output.scenarioHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    for (const key of ['firstResponseHours', 'needsMet50Hours', 'needsMet90Hours', 'unmetNeedHours', 'peakUnmetNeed', 'escalations', 'attacks']) {
      expect(output.metrics).toHaveProperty(key);
    }
    expect(Object.keys(output.metrics.nations.usa.stallHours).sort()).toEqual(['bureaucracy', 'clearance', 'consent', 'intelligence', 'interoperability', 'logistics', 'mandate', 'mediation', 'resources', 'talks']);
    expect(output.metrics.nations.usa).toHaveProperty('cost');
  });

  it('gives byte-identical output for the same seed, and --until censors milestones at that horizon', () => {
    expect(cli('run', EARTHQUAKE, '--seed', '9', '--json').stdout).toBe(cli('run', EARTHQUAKE, '--seed', '9', '--json').stdout);
    const early = JSON.parse(cli('run', EARTHQUAKE, '--until', '10', '--json').stdout);
    expect(early.horizonHours).toBe(10);
    expect(early.censoredAtHours).toBe(10);
    expect(early.metrics.firstResponseHours).toBeNull();
  });

  it('--trace writes JSON Lines: a header with provenance, events, and a summary', () => {
    const trace = join(mkdtempSync(join(tmpdir(), 'crisis-sim-trace-')), 'run.jsonl');
    expect(cli('run', EARTHQUAKE, '--trace', trace).status).toBe(0);
    const lines = readFileSync(trace, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ type: 'header', scenario: 'caribbean-earthquake', seed: 1 });
    expect(lines[0].scenarioHash).toMatch(/^sha256:/);
    expect(lines.at(-1).type).toBe('summary');
    const events = lines.slice(1, -1);
    expect(events.length).toBeGreaterThan(50);
    for (let i = 1; i < events.length; i++) expect(events[i].t).toBeGreaterThanOrEqual(events[i - 1].t);
    expect(events.some((event) => event.agent === 'nation:usa' && event.event === 'state' && event.to === 'deployed')).toBe(true);
  });

  describe('bad input exits non-zero with a clear message and no stack trace', () => {
    const expectCleanError = (result: ReturnType<typeof cli>, ...fragments: string[]) => {
      expect(result.status).not.toBe(0);
      for (const fragment of fragments) expect(result.stderr).toContain(fragment);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    };
    const base = readFileSync(EARTHQUAKE, 'utf8');

    it('a missing file', () => {
      expectCleanError(cli('run', 'no/such/scenario.yaml'), 'no/such/scenario.yaml', 'not found');
    });

    it('invalid YAML, with its line', () => {
      const file = tempFile('broken.yaml', 'id: x\nname: [unclosed\n');
      expectCleanError(cli('run', file), `${file}:`, 'error');
    });

    it('an unknown nation id in a relation, naming the field', () => {
      const file = tempFile('unknown.yaml', base.replace('between: [gbr, hti]', 'between: [gbx, hti]'));
      const result = cli('run', file);
      expectCleanError(result, 'gbx', 'relations[4].between[0]');
      expect(result.stderr).toMatch(new RegExp(`${file}:\\d+:\\d+: error`));
    });

    it('a negative delay, naming the field', () => {
      const file = tempFile('negative.yaml', base.replace('decision: { detect: 0.5, decide: 2, authorize: 4 }', 'decision: { detect: 0.5, decide: -2, authorize: 4 }'));
      expectCleanError(cli('run', file), 'nations[0].decision.decide');
    });

    it('a bad seed', () => {
      expectCleanError(cli('run', EARTHQUAKE, '--seed', 'abc'), '--seed');
    });
  });

  it('--help describes the command', () => {
    const { status, stdout } = cli('run', '--help');
    expect(status).toBe(0);
    expect(stdout).toContain('--seed');
    expect(stdout).toContain('--trace');
  });
});

describe('crisis-sim run output files', () => {
  it('an unwritable trace path gives one clear error and touches nothing', () => {
    const folder = mkdtempSync(join(tmpdir(), 'crisis-sim-out-'));
    const blocker = join(folder, 'file');
    writeFileSync(blocker, 'not a folder');
    const result = cli('run', EARTHQUAKE, '--trace', join(blocker, 'trace.jsonl'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`cannot write ${join(blocker, 'trace.jsonl')}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(blocker, 'utf8')).toBe('not a folder');
  });
});
