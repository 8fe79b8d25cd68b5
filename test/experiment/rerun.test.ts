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

  it('writes the run\'s time series every k hours in long form, consistent with its metrics', () => {
    const series = join(temporaryDir(), 'series.csv');
    const rerun = cli('rerun', SMALL, '--run', '5', '--json', '--series', series, '--every-hours', '24');
    expect(rerun.status).toBe(0);
    const metrics = JSON.parse(rerun.stdout).metrics;
    const [header, ...lines] = readFileSync(series, 'utf8').trim().split('\n');
    expect(header).toBe('run,point,replication,seed,hours,variable,subject,value,unit,scenarioHash,engine,experimentHash,masterSeed');
    const rows = lines.map((line) => line.split(',')).map(([run, , , , hours, variable, subject, value]) => ({ run, hours: Number(hours), variable, subject, value: Number(value) }));
    expect(new Set(rows.map((row) => row.hours))).toEqual(new Set([0, 24, 48, 72, 96, 120, 144, 168, 192, 216, 240]));
    expect(rows.every((row) => row.run === '5')).toBe(true);
    for (const row of rows.filter((candidate) => candidate.variable === 'coverage' || candidate.variable === 'trust')) expect(row.value).toBeGreaterThanOrEqual(0);
    for (const row of rows.filter((candidate) => candidate.variable === 'coverage' || candidate.variable === 'trust')) expect(row.value).toBeLessThanOrEqual(1);
    const usa = rows.filter((row) => row.variable === 'unitsDeployed' && row.subject === 'usa').map((row) => row.value);
    expect(usa).toEqual([...usa].sort((a, b) => a - b));
    expect(usa.at(-1)).toBe(metrics.nations.usa.unitsDelivered);
    // Half of the needs were met at needsMet50Hours, not before.
    const coverage = rows.filter((row) => row.variable === 'coverage');
    for (const row of coverage.filter((candidate) => candidate.hours < metrics.needsMet50Hours)) expect(row.value).toBeLessThan(0.5);
  }, 60_000);

  it('refuses a run index outside the experiment in one line', () => {
    const rerun = cli('rerun', SMALL, '--run', '12');
    expect(rerun.status).toBe(1);
    expect(rerun.stderr).toBe('crisis-sim: --run must be a run index from 0 to 11, got "12"\n');
  });
});
