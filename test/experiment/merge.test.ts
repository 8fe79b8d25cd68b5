import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperimentFile, mergeResults, ResultsError, runBatch } from '../../src/index.js';
import { FIXTURES, folderContents, temporaryDir } from './helpers.js';

const SMALL = join(FIXTURES, 'small.yaml');

/** The small experiment run as three shards; their folders. */
async function smallShards(): Promise<string[]> {
  const shards: string[] = [];
  for (const index of [1, 2, 3]) {
    const dir = temporaryDir();
    await runBatch(loadExperimentFile(SMALL), { outDir: dir, workers: 0, shard: { index, count: 3 } });
    shards.push(dir);
  }
  return shards;
}

describe('merge', () => {
  it('leaves earlier merged results as they were, and no scratch file, when a shard is missing', async () => {
    const shards = await smallShards();
    const merged = temporaryDir();
    mergeResults(shards, merged);
    const before = folderContents(merged);

    expect(() => mergeResults(shards.slice(0, 2), merged)).toThrow(ResultsError);
    expect(folderContents(merged)).toEqual(before);
    const fresh = join(temporaryDir(), 'not-yet');
    expect(() => mergeResults(shards.slice(1), fresh)).toThrow(/first missing: run 0/);
    expect(existsSync(fresh)).toBe(false);

    // Merging again gives the same bytes, from shards given in any order.
    mergeResults([...shards].reverse(), merged);
    expect(folderContents(merged)).toEqual(before);
    expect(readdirSync(merged).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('refuses a damaged or edited shard naming its file and line, leaving earlier results as they were; a line only formatted differently still merges exactly', async () => {
    const whole = temporaryDir();
    await runBatch(loadExperimentFile(SMALL), { outDir: whole, workers: 0 });
    const shards = await smallShards();
    const merged = temporaryDir();
    mergeResults(shards, merged);
    const before = folderContents(merged);
    expect(before).toEqual(folderContents(whole));
    const journal = join(shards[1]!, 'runs.jsonl');
    const original = readFileSync(journal, 'utf8');
    const lines = original.split('\n');
    const edited = (line: number, text: string) => writeFileSync(journal, lines.map((other, k) => (k === line - 1 ? text : other)).join('\n'));

    // Spaces and a reordered key: valid JSON, the same run; read the general way, written as a batch writes it.
    const respaced = JSON.stringify(JSON.parse(lines[1]!), null, 0).replace('"point":', '"point": ').replace(/^\{"run":(\d+),/, '{ "run" : $1 ,');
    edited(2, respaced);
    mergeResults(shards, merged);
    expect(folderContents(merged)).toEqual(before);

    const cases: [string, string | RegExp][] = [
      [lines[1]!.slice(0, 300), 'not JSON'],
      [lines[1]!.replace('"status":"ok"', '"status":"fine"'), 'unknown status fine'],
      [lines[1]!.replace(/"firstResponseHours":[^,]+/, '"firstResponseHours":"soon"'), 'metric firstResponseHours is not a number'],
      [lines[1]!.replace(/^\{"run":\d+/, '{"run":0'), "run 0 is not one of shard 2/3's runs"],
    ];
    for (const [text, reason] of cases) {
      edited(2, text);
      expect(() => mergeResults(shards, merged)).toThrow(`${journal}:2: not a run of this experiment (${reason}); the file is damaged or was edited, so nothing was merged`);
      expect(folderContents(merged)).toEqual(before);
      expect(readdirSync(merged).filter((name) => name.startsWith('.'))).toEqual([]);
    }
    // From the command line: that one line, no stack trace.
    const cli = spawnSync(process.execPath, [resolve('bin/crisis-sim.mjs'), 'merge', ...shards, '--out', merged], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toBe(`crisis-sim: ${journal}:2: not a run of this experiment (run 0 is not one of shard 2/3's runs); the file is damaged or was edited, so nothing was merged\n`);
    expect(folderContents(merged)).toEqual(before);
  }, 60_000);
});
