import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderContents, temporaryDir } from '../experiment/helpers.js';

/**
 * A real Slurm cluster of one node (this machine): munged, slurmctld and slurmd started
 * as root by slurm-cluster.sh, the documented job-array script submitted with
 * `sbatch --wait`, one task requeued halfway through, the shards merged and compared
 * byte for byte with a single-machine batch. Slurm comes from .ci/install-slurm.sh.
 */

const ARRAY_SCRIPT = resolve('docs/cluster/slurm-array.sh');
const CLUSTER_SCRIPT = resolve('test/cluster/slurm-cluster.sh');
const EXPERIMENT = resolve('test/cluster/fixtures/array.yaml');
const CLI = resolve('bin/crisis-sim.mjs');
const SHARDS = 3;
const RUNS = 600;

/** Why this machine cannot start a Slurm cluster, or undefined when it can. */
function unavailable(): string | undefined {
  if (process.platform !== 'linux') return 'Slurm test needs Linux';
  if (process.getuid?.() !== 0) return 'Slurm test needs root (slurmd runs jobs as their user)';
  const missing = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'scontrol'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  return missing.length > 0 ? `Slurm test skipped: ${missing.join(', ')} not installed (run .ci/install-slurm.sh)` : undefined;
}

const reason = unavailable();
if (reason) console.warn(reason);

describe.skipIf(reason !== undefined)('a batch on a real Slurm cluster', () => {
  const work = temporaryDir('crisis-sim-slurm-');
  const clusterDir = resolve(work, 'cluster');
  const results = resolve(work, 'results');
  let env: NodeJS.ProcessEnv = {};

  beforeAll(() => {
    // With this process's id: the daemons stop when it ends, even if it is killed before afterAll.
    const started = spawnSync('bash', [CLUSTER_SCRIPT, 'start', clusterDir, String(process.pid)], { encoding: 'utf8' });
    if (started.status !== 0) throw new Error(`the Slurm cluster did not start: ${started.stderr}`);
    // The jobs call `crisis-sim` from the PATH, as the documented script does.
    const bin = resolve(work, 'bin');
    mkdirSync(bin);
    symlinkSync(CLI, resolve(bin, 'crisis-sim'));
    env = { ...process.env, SLURM_CONF: resolve(clusterDir, 'slurm.conf'), PATH: `${bin}:${process.env.PATH}` };
  }, 30_000);

  afterAll(() => {
    spawnSync('scancel', ['--full', '--quiet', '--partition=test'], { env });
    spawnSync('bash', [CLUSTER_SCRIPT, 'stop', clusterDir]);
  });

  const scontrol = (...args: string[]) => execFileSync('scontrol', args, { env, encoding: 'utf8' });

  it('runs the documented job array, survives a requeued task, and merges into exactly the single-machine results', async () => {
    // The array script as documented, with the array and CPUs sized for this machine.
    const sbatch = spawn('sbatch', ['--parsable', '--wait', `--array=1-${SHARDS}`, '--cpus-per-task=1', ARRAY_SCRIPT, EXPERIMENT, results], { cwd: work, env });
    let stdout = '';
    let stderr = '';
    sbatch.stdout.on('data', (chunk) => (stdout += chunk));
    sbatch.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((done) => sbatch.on('close', done));

    // Once shard 1 has journaled some runs, kill and requeue its task (as a node failure or preemption would).
    const jobId = await until(() => /^(\d+)/.exec(stdout)?.[1]);
    const journal = resolve(results, 'shard-1', 'runs.jsonl');
    await until(() => existsSync(journal) && statSync(journal).size > 0);
    scontrol('requeue', `${jobId}_1`);
    // A requeued job waits two minutes before it may start again; let it start now.
    await until(() => /JobState=PENDING/.test(scontrol('show', 'job', `${jobId}_1`)));
    scontrol('update', `JobId=${jobId}_1`, 'StartTime=now');

    expect(await exited, stderr).toBe(0);
    expect(scontrol('show', 'job', `${jobId}_1`)).toMatch(/Restarts=1/);
    // The requeued task resumed its shard: the runs journaled before the kill were kept, not run again.
    const log = readFileSync(resolve(work, `slurm-${jobId}_1.out`), 'utf8');
    const kept = Number(/resuming: (\d+) finished runs kept/.exec(log)?.[1]);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(RUNS / SHARDS);
    const shardRuns = readFileSync(journal, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { run: number }).run);
    expect(shardRuns).toEqual(Array.from({ length: RUNS / SHARDS }, (_, k) => k * SHARDS));

    const shardDirs = readdirSync(results).sort().map((name) => resolve(results, name));
    expect(shardDirs).toHaveLength(SHARDS);
    const merged = resolve(work, 'merged');
    execFileSync(CLI, ['merge', ...shardDirs, '--out', merged], { env, stdio: 'pipe' });
    const single = resolve(work, 'single');
    execFileSync(CLI, ['batch', EXPERIMENT, '--out', single], { env, stdio: 'pipe' });
    expect(folderContents(merged)).toEqual(folderContents(single));
  }, 300_000);
});

/** Polls every 50 ms until `probe` returns something truthy (at most 60 s). */
async function until<T>(probe: () => T | undefined | false): Promise<T> {
  for (let waited = 0; waited < 60_000; waited += 50) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${probe.toString()}`);
}
