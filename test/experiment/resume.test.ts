import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperimentFile, loadExperimentText, replicationSeed, runBatch } from '../../src/index.js';
import { FIXTURES, folderContents, temporaryDir } from './helpers.js';

const experiment = loadExperimentFile(join(FIXTURES, 'small.yaml'));
/** The small experiment with a line of its file changed. */
const variant = (from: string, to: string) => loadExperimentText(readFileSync(join(FIXTURES, 'small.yaml'), 'utf8').replace(from, to), join(FIXTURES, 'variant.yaml'));

/** Leaves a results folder as a kill -9 would: the first `keep` runs journaled, the next one cut mid-line, no summaries. */
function interrupt(dir: string, keep: number): void {
  const journal = join(dir, 'runs.jsonl');
  const lines = readFileSync(journal, 'utf8').split('\n');
  writeFileSync(journal, `${lines.slice(0, keep).join('\n')}\n${lines[keep]!.slice(0, 40)}`);
  const csv = join(dir, 'runs.csv');
  truncateSync(csv, readFileSync(csv, 'utf8').split('\n').slice(0, keep + 1).join('\n').length + 25);
  for (const file of ['summary.csv', 'differences.csv', 'sensitivity.csv']) rmSync(join(dir, file));
}

describe('resume', () => {
  it('keeps every run finished before the interruption exactly once and ignores the cut-short line', async () => {
    const reference = temporaryDir();
    await runBatch(experiment, { outDir: reference, workers: 0 });
    const dir = temporaryDir();
    await runBatch(experiment, { outDir: dir, workers: 0 });
    interrupt(dir, 5);

    const newRuns: number[] = [];
    let started: { resumed: number; ignoredLines: number } | undefined;
    const summary = await runBatch(experiment, { outDir: dir, workers: 0, resume: true, onStart: (info) => (started = info), onRun: (run) => newRuns.push(run.run) });

    expect(started).toMatchObject({ resumed: 5, ignoredLines: 1 });
    expect(summary).toMatchObject({ runs: 12, resumed: 5, failed: 0 });
    expect(newRuns.sort((a, b) => a - b)).toEqual([5, 6, 7, 8, 9, 10, 11]);
    expect(folderContents(dir)).toEqual(folderContents(reference));
  });

  it('under a stopping rule, with duplicate and failed lines in the journal, gives what an uninterrupted batch gives', async () => {
    const stopping = loadExperimentText(
      readFileSync(join(FIXTURES, 'small.yaml'), 'utf8').replace('replications: 3', 'replications: 16').concat('stopping: { metric: firstResponseHours, halfWidth: 1.5, minReplications: 4, step: 4 }\n'),
      join(FIXTURES, 'stopping-resume.yaml'),
    );
    const reference = temporaryDir();
    await runBatch(stopping, { outDir: reference, workers: 0 });
    const dir = temporaryDir();
    await runBatch(stopping, { outDir: dir, workers: 0 });
    const lines = readFileSync(join(dir, 'runs.jsonl'), 'utf8').trim().split('\n');
    // Runs 0-9 twice (the second copy ignored), run 12 failed (to be run again), then a line cut short.
    const failed = { ...JSON.parse(lines[12]!), status: 'error', error: 'Error: worker lost', metrics: {}, metricStatus: {} };
    writeFileSync(join(dir, 'runs.jsonl'), `${[...lines.slice(0, 10), ...lines.slice(0, 10), JSON.stringify(failed)].join('\n')}\n${lines[10]!.slice(0, 30)}`);
    for (const file of ['summary.csv', 'differences.csv', 'sensitivity.csv']) rmSync(join(dir, file));

    const rerun: number[] = [];
    const summary = await runBatch(stopping, { outDir: dir, workers: 0, resume: true, onRun: (run) => rerun.push(run.run) });
    expect(summary.resumed).toBe(10);
    expect(rerun).toContain(12);
    expect(rerun.filter((run) => run < 10)).toEqual([]);
    expect(folderContents(dir)).toEqual(folderContents(reference));
  });

  it('starts afresh when asked to resume a folder without results (job scripts can always pass --resume)', async () => {
    const reference = temporaryDir();
    await runBatch(experiment, { outDir: reference, workers: 0 });
    const dir = temporaryDir();
    const summary = await runBatch(experiment, { outDir: dir, workers: 0, resume: true });
    expect(summary).toMatchObject({ runs: 12, resumed: 0 });
    expect(folderContents(dir)).toEqual(folderContents(reference));
  });

  it('refuses to start over results without --resume, and to resume a different experiment', async () => {
    const dir = temporaryDir();
    await runBatch(experiment, { outDir: dir, workers: 0 });
    await expect(runBatch(experiment, { outDir: dir, workers: 0 })).rejects.toThrow(/already holds batch results: add --resume/);
    await expect(runBatch(variant('seed: 7', 'seed: 8'), { outDir: dir, workers: 0, resume: true })).rejects.toThrow(/holds results of a different experiment/);
  });
});

describe('per-run time limit', () => {
  it('reports a run over its time limit with its seed and design point, and the batch goes on', async () => {
    const dir = temporaryDir();
    const failures: { status: string; error: string | null; point: number; seed: number }[] = [];
    const summary = await runBatch(variant('replications: 3', 'replications: 1'), { outDir: dir, workers: 1, timeLimitSeconds: 0.001, onFailedRun: (run) => failures.push(run) });
    expect(summary).toMatchObject({ runs: 4, failed: 4 });
    expect(failures.map((run) => run.status)).toEqual(['timeout', 'timeout', 'timeout', 'timeout']);
    expect(failures[0]!.error).toMatch(/exceeded the time limit of 0.001 s/);
    // Each failure names its design point and seed, so it can be re-run alone.
    expect(failures.map((run) => run.point).sort()).toEqual([0, 1, 2, 3]);
    expect(new Set(failures.map((run) => run.seed))).toEqual(new Set([replicationSeed(variant('replications: 3', 'replications: 1').manifest.seed, 0)]));
    const rows = folderContents(dir)['runs.csv']!.trim().split('\n');
    expect(rows).toHaveLength(5);
    expect(rows[1]).toMatch(/,false,6,timeout,,0,0,.*,exceeded the time limit of 0.001 s$/);
  }, 60_000);
});
