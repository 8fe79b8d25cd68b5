import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperimentFile, runBatch } from '../../src/index.js';
import { FIXTURES, temporaryDir } from './helpers.js';

const SMALL = join(FIXTURES, 'small.yaml');

function cli(...args: string[]) {
  return spawnSync(process.execPath, [resolve('bin/crisis-sim.mjs'), ...args], { encoding: 'utf8' });
}

describe('crisis-sim rerun', () => {
  it('reproduces run N of a batch alone, with its trace', async () => {
    const dir = temporaryDir();
    await runBatch(loadExperimentFile(SMALL), { outDir: dir, workers: 0 });
    const recorded = JSON.parse(readFileSync(join(dir, 'runs.jsonl'), 'utf8').split('\n')[5]!);
    const trace = join(temporaryDir(), 'run-5.jsonl');
    const rerun = cli('rerun', SMALL, '--run', '5', '--json', '--trace', trace);
    expect(rerun.status).toBe(0);
    expect(rerun.stderr).toBe(`run 5: design point 1 (protocol=false, consentDelay=36), replication 1, seed ${recorded.seed}\n`);
    const output = JSON.parse(rerun.stdout);
    expect(output).toMatchObject({ seed: recorded.seed, scenarioHash: recorded.scenarioHash, censoredAtHours: recorded.censoredAtHours });
    for (const name of ['firstResponseHours', 'needsMet50Hours', 'unmetNeedHours']) expect(output.metrics[name], name).toBe(recorded.metrics[name]);
    expect(output.metrics.nations.usa.firstDeployHours).toBe(recorded.metrics['usa.firstDeployHours']);
    const header = JSON.parse(readFileSync(trace, 'utf8').split('\n')[0]!);
    expect(header).toMatchObject({ type: 'header', seed: recorded.seed, scenarioHash: recorded.scenarioHash, horizonHours: 240 });
  }, 60_000);

  it('refuses a run index outside the experiment in one line', () => {
    const rerun = cli('rerun', SMALL, '--run', '12');
    expect(rerun.status).toBe(1);
    expect(rerun.stderr).toBe('crisis-sim: --run must be a run index from 0 to 11, got "12"\n');
  });
});
