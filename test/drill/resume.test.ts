import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDrillLog } from '../../src/index.js';
import { BINARY, CARIBBEAN, crisisSim, fingerprints, scratchDir, writeScript } from './binary.js';

const REHEARSAL = resolve(import.meta.dirname, '../../scenarios/drills/caribbean-two-teams.txt');
const commands = readFileSync(REHEARSAL, 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));

describe('resume after a planned break', () => {
  it('gives the same log and the same after-action report as the drill played without a break', () => {
    const root = scratchDir();
    const [whole, split] = [join(root, 'whole'), join(root, 'split')];
    mkdirSync(whole);
    mkdirSync(split);
    const uninterrupted = crisisSim(['drill', CARIBBEAN, '--play', 'usa,hti', '--script', REHEARSAL, '--log', 'drill.jsonl'], { cwd: whole });
    expect(uninterrupted.status).toBe(0);

    const breakAt = commands.indexOf('fire airport-congestion');
    const before = writeScript(split, 'before.txt', commands.slice(0, breakAt));
    const after = writeScript(split, 'after.txt', commands.slice(breakAt));
    const first = crisisSim(['drill', CARIBBEAN, '--play', 'usa,hti', '--script', before, '--log', 'drill.jsonl'], { cwd: split });
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Resume with: crisis-sim drill --resume drill.jsonl');
    const second = crisisSim(['drill', '--resume', 'drill.jsonl', '--script', after], { cwd: split });
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/Resumed: \d+ logged actions replayed exactly/);

    expect(readFileSync(join(split, 'drill.jsonl'), 'utf8')).toBe(readFileSync(join(whole, 'drill.jsonl'), 'utf8'));
    for (const file of ['drill.report.html', 'drill.debrief.md']) {
      expect(readFileSync(join(split, file), 'utf8')).toBe(readFileSync(join(whole, file), 'utf8'));
    }
  });
});

describe('save', () => {
  it('writes a compact copy of the log that resumes to the same state, and never overwrites the live log', () => {
    const dir = scratchDir();
    const script = writeScript(dir, 'save.txt', ['act', 'continue', 'half', 'undo', 'all', 'note kept', 'save copy.jsonl', 'save live.jsonl', 'fingerprint']);
    const run = crisisSim(['drill', CARIBBEAN, '--play', 'hti', '--script', script, '--log', 'live.jsonl'], { cwd: dir });
    expect(run.stdout).toContain('Wrote a compact copy of the log (undone actions left out) to copy.jsonl');
    expect(run.stdout).toContain('error: live.jsonl is the live decision log; save a copy under another name');
    const copy = readDrillLog(join(dir, 'copy.jsonl'));
    expect(copy.actions.map((action) => action.type)).toEqual(['decide', 'advance', 'decide', 'note']);
    const resumed = crisisSim(['drill', '--resume', 'copy.jsonl', '--script', writeScript(dir, 'after.txt', ['fingerprint'])], { cwd: dir });
    expect(resumed.status).toBe(0);
    expect(fingerprints(resumed.stdout)).toEqual(fingerprints(run.stdout));
  });
});

/** Starts a drill reading commands from a pipe, and lets the test type and wait for output. */
function liveDrill(cwd: string, args: readonly string[]) {
  const child = spawn(process.execPath, [BINARY, 'drill', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const waitFor = async (pattern: RegExp, count = 1) => {
    const deadline = Date.now() + 60_000;
    while ((output.match(new RegExp(pattern.source, 'gm'))?.length ?? 0) < count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output so far:\n${output}`);
      await new Promise((done) => setTimeout(done, 50));
    }
  };
  return { child, type: (line: string) => child.stdin.write(`${line}\n`), waitFor, output: () => output };
}

describe('recovery from a crash', () => {
  it('loses no confirmed decision when the process is killed, and resumes at the exact state', async () => {
    const dir = scratchDir();
    const drill = liveDrill(dir, [CARIBBEAN, '--play', 'usa,hti', '--log', 'crash.jsonl']);
    await drill.waitFor(/^DECISION #2 for Haiti/);
    drill.type('act');
    drill.type('continue');
    drill.type('half');
    drill.type('continue');
    drill.type('standby');
    await drill.waitFor(/^Recorded: /, 3);
    drill.type('fingerprint');
    await drill.waitFor(/^State at /);
    const [lastFingerprint] = fingerprints(drill.output());
    const exited = new Promise((done) => drill.child.on('exit', done));
    drill.child.kill('SIGKILL');
    await exited;

    const log = readDrillLog(join(dir, 'crash.jsonl'));
    const decided = log.actions.flatMap((action) => (action.type === 'decide' ? [`${action.nation} ${action.kind} ${action.choice}`] : []));
    expect(decided).toEqual(['hti act act', 'hti offer half', 'usa act standby']);
    // A line torn by the crash is ignored on resume (it was never confirmed).
    appendFileSync(join(dir, 'crash.jsonl'), '{"type":"decide","decis');

    const resumed = crisisSim(['drill', '--resume', 'crash.jsonl', '--script', writeScript(dir, 'after.txt', ['fingerprint', 'status hti'])], { cwd: dir });
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toContain(`Resumed: ${log.actions.length} logged actions replayed exactly.`);
    expect(fingerprints(resumed.stdout)).toEqual([lastFingerprint]);
  }, 120_000);
});
