import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperimentFile, runBatch } from '../../src/index.js';
import { FIXTURES, folderContents, temporaryDir } from './helpers.js';

const BIN = resolve('bin/crisis-sim.mjs');
const SMALL = join(FIXTURES, 'small.yaml');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('crisis-sim batch, merge and plot', () => {
  it('batch --help documents workers, resume, shards and the time limit', () => {
    const { status, stdout } = cli('batch', '--help');
    expect(status).toBe(0);
    for (const option of ['--out <dir>', '--workers <n>', '--resume', '--shard <K/N>', '--time-limit <seconds>']) expect(stdout).toContain(option);
  });

  it('writes the same results as the library, with plain progress lines when stderr is not a terminal', async () => {
    const dir = temporaryDir();
    const { status, stderr } = cli('batch', SMALL, '--out', dir, '--workers', '2');
    expect(status).toBe(0);
    expect(stderr).toMatch(/^batch: 12\/12 runs \(100%\), [\d.]+ runs\/s$/m);
    expect(stderr).toContain(`12 runs: results in ${dir}`);
    const library = temporaryDir();
    await runBatch(loadExperimentFile(SMALL), { outDir: library, workers: 0 });
    expect(folderContents(dir)).toEqual(folderContents(library));
  }, 60_000);

  it('names file, line, column and field of a bad factor value, without a stack trace', () => {
    const { status, stderr } = cli('batch', join(FIXTURES, 'bad-value.yaml'), '--out', temporaryDir());
    expect(status).toBe(1);
    expect(stderr).toMatch(/^test\/experiment\/fixtures\/bad-value\.yaml:7:17: error: factor "consentDelay" = -5/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to overwrite results, and a malformed --shard, in one line each', () => {
    const dir = temporaryDir();
    expect(cli('batch', SMALL, '--out', dir, '--workers', '0').status).toBe(0);
    const again = cli('batch', SMALL, '--out', dir, '--workers', '0');
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(`crisis-sim: ${dir} already holds batch results: add --resume to continue them, or choose another --out folder\n`);
    expect(cli('batch', SMALL, '--out', temporaryDir(), '--shard', '3/2').stderr).toBe('crisis-sim: --shard must be K/N with 1 <= K <= N, got "3/2"\n');
  });

  it('merges shards into exactly the unsharded results, and plots them', async () => {
    const whole = temporaryDir();
    await runBatch(loadExperimentFile(SMALL), { outDir: whole, workers: 0 });
    const shards = [1, 2].map((k) => {
      const dir = temporaryDir();
      const run = cli('batch', SMALL, '--out', dir, '--workers', '0', '--shard', `${k}/2`);
      expect(run.status).toBe(0);
      expect(existsSync(join(dir, 'summary.csv'))).toBe(false);
      return dir;
    });
    const merged = temporaryDir();
    const merge = cli('merge', ...shards, '--out', merged);
    expect(merge.status).toBe(0);
    expect(folderContents(merged)).toEqual(folderContents(whole));

    const incomplete = cli('merge', shards[0]!, '--out', temporaryDir());
    expect(incomplete.status).toBe(1);
    expect(incomplete.stderr).toMatch(/^crisis-sim: the results are incomplete: 6 planned runs missing \(first missing: run 1, design point 1, replication 0\)/);

    const plots = temporaryDir();
    const plot = cli('plot', merged, '-o', plots);
    expect(plot.status).toBe(0);
    const files = readdirSync(plots).sort();
    expect(files).toContain('firstResponseHours-by-consentDelay.svg');
    expect(files).toContain('firstResponseHours-distribution.svg');
    expect(files).toContain('firstResponseHours-sensitivity.svg');
    expect(readFileSync(join(plots, 'firstResponseHours-by-protocol.svg'), 'utf8')).toMatch(/^<svg [^>]*role="img"/);
    expect(cli('plot', merged, '-o', plots, '--metric', 'firstResponseHour').stderr).toBe(`crisis-sim: no metric "firstResponseHour" in ${merged}; did you mean "firstResponseHours"?\n`);
  }, 60_000);

  it('resumes after kill -9 without losing or repeating a run', async () => {
    const folder = temporaryDir();
    const file = join(folder, 'longer.yaml');
    writeFileSync(file, readFileSync(SMALL, 'utf8').replace('../../../scenarios/', `${resolve('scenarios')}/`).replace('replications: 3', 'replications: 60'));
    const dir = join(folder, 'out');
    const child = spawn(process.execPath, [BIN, 'batch', file, '--out', dir, '--workers', '1'], { stdio: 'ignore' });
    const journal = join(dir, 'runs.jsonl');
    const linesAtKill = await new Promise<number>((done) => {
      const poll = setInterval(() => {
        const lines = existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').length - 1 : 0;
        if (lines >= 10) {
          clearInterval(poll);
          child.kill('SIGKILL');
          done(lines);
        }
      }, 20);
    });
    await new Promise((done) => child.once('exit', done));
    expect(linesAtKill).toBeLessThan(240);
    expect(existsSync(join(dir, 'summary.csv'))).toBe(false);

    const resumed = cli('batch', file, '--out', dir, '--resume', '--workers', '2');
    expect(resumed.status).toBe(0);
    const kept = Number(/resuming: (\d+) finished runs kept/.exec(resumed.stderr)![1]);
    expect(kept).toBeGreaterThanOrEqual(linesAtKill - 1);
    expect(kept).toBeLessThan(240);
    const reference = temporaryDir();
    await runBatch(loadExperimentFile(file), { outDir: reference, workers: 0 });
    expect(folderContents(dir)).toEqual(folderContents(reference));
  }, 120_000);
});
