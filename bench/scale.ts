/**
 * Scale benchmark (issue 16): peak RSS and runs/s of batches of 1,000, 10,000 and 100,000
 * runs (2 workers, the 12-nation scenario of twelve-nations.ts, 172 metrics), then the
 * time and peak RSS of merging the largest batch split into 100 shards.
 *
 *   npx tsx bench/scale.ts                          # 1k, 10k, 100k runs; merge of 100 shards
 *   npx tsx bench/scale.ts --runs 1000,10000 --shards 20
 *   npx tsx bench/scale.ts --synthetic-merge        # 1k runs; merge of 100 synthetic shards of 1,000
 *
 * Each batch and the merge run in a fresh child process, so each peak RSS is its own. The
 * shard folders are cut from the largest batch's results (each shard's runs, in run order,
 * its shard.json, the same experiment.json): byte for byte what `batch --shard K/N` writes
 * (test/experiment/reproducibility.test.ts), without running the runs a second time. The
 * bench checks that the merge gives back the unsharded batch's files exactly.
 *
 * `--synthetic-merge` skips the long batches: it writes the 100 shards of a
 * 100,000-replication experiment from the outcomes of a 1,000-run batch, reused in turn
 * (run i gets the metrics of run i mod 1,000), formatted as the batch formats them. The
 * merge does the same work on them (read, check, copy, spill, summarize) as on real ones.
 * Then it resumes the finished 1,000-run batch and the merged 100,000-run folder
 * (`batch --resume` reads every run back and runs none): the peak RSS of resuming.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBatch } from '../src/experiment/batch.js';
import { LineReader } from '../src/experiment/line-reader.js';
import { loadExperimentFile } from '../src/experiment/load.js';
import { mergeResults } from '../src/experiment/merge.js';
import { forEachJournalRun, readManifest } from '../src/experiment/results-dir.js';
import type { RunOutcome } from '../src/experiment/records.js';
import { runLines } from '../src/experiment/run-format.js';
import { RESULT_FILES } from '../src/experiment/results-files.js';
import { writeTwelveNationExperiment } from './twelve-nations.js';

const SELF = fileURLToPath(import.meta.url);
const WORKERS = 2;

interface Measurement {
  seconds: number;
  /** CPU time of the batch or merge, all threads (user + system): less moved by the machine's load than wall time. */
  cpuSeconds: number;
  peakRssMb: number;
}

/** Child mode: one batch or one merge, then its wall time and peak RSS as JSON on stdout. */
async function child(args: string[]): Promise<void> {
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  if (args[0] === 'batch' || args[0] === 'resume') await runBatch(loadExperimentFile(args[1]!), { outDir: args[2]!, workers: WORKERS, resume: args[0] === 'resume' });
  else mergeResults(args.slice(2), args[1]!);
  const cpu = process.cpuUsage(startedCpu);
  const measurement: Measurement = { seconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(measurement));
}

function inChild(args: string[]): Measurement {
  const result = spawnSync(process.execPath, ['--import', 'tsx', SELF, 'child', ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`benchmark child failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Measurement;
}

/** Cuts a finished unsharded results folder into `count` shard folders, as `batch --shard K/N` writes them. */
function cutIntoShards(dir: string, count: number, into: string): string[] {
  const shards = Array.from({ length: count }, (_, k) => join(into, `shard-${k + 1}`));
  const manifest = readFileSync(join(dir, RESULT_FILES.manifest));
  shards.forEach((shard, k) => {
    mkdirSync(shard);
    writeFileSync(join(shard, RESULT_FILES.manifest), manifest);
    writeFileSync(join(shard, RESULT_FILES.shard), `${JSON.stringify({ index: k + 1, count })}\n`);
  });
  for (const name of [RESULT_FILES.journal, RESULT_FILES.runs]) {
    const fds = shards.map((shard) => openSync(join(shard, name), 'w'));
    const reader = new LineReader(join(dir, name), 1 << 20);
    let run = 0;
    for (let line = reader.next(); line; line = reader.next()) {
      const text = `${line.text}\n`;
      if (name === RESULT_FILES.runs && line.offset === 0) for (const fd of fds) writeSync(fd, text);
      else writeSync(fds[run++ % count]!, text);
    }
    reader.close();
    for (const fd of fds) closeSync(fd);
  }
  return shards;
}

/** Writes `count` shards of the experiment in `file` (not run) from the outcomes of `source`, reused in turn. */
function synthesizeShards(source: string, file: string, count: number, into: string): string[] {
  const outcomes: RunOutcome[] = [];
  forEachJournalRun(source, readManifest(source), (outcome) => outcomes.push(outcome));
  const manifest = loadExperimentFile(file).manifest;
  const total = manifest.points.length * manifest.replications;
  return Array.from({ length: count }, (_, k) => {
    const shard = join(into, `shard-${k + 1}`);
    mkdirSync(shard);
    writeFileSync(join(shard, RESULT_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(shard, RESULT_FILES.shard), `${JSON.stringify({ index: k + 1, count })}\n`);
    const jsonl = openSync(join(shard, RESULT_FILES.journal), 'w');
    const csv = openSync(join(shard, RESULT_FILES.runs), 'w');
    writeSync(csv, readFileSync(join(source, RESULT_FILES.runs), 'utf8').split('\n', 1)[0]! + '\n');
    for (let run = k; run < total; run += count) {
      const lines = runLines(manifest, { ...outcomes[run % outcomes.length]!, run });
      writeSync(jsonl, lines.jsonl);
      writeSync(csv, lines.csv);
    }
    closeSync(jsonl);
    closeSync(csv);
    return shard;
  });
}

function sameFiles(a: string, b: string): boolean {
  return [RESULT_FILES.manifest, RESULT_FILES.journal, RESULT_FILES.runs, RESULT_FILES.summary, RESULT_FILES.differences, RESULT_FILES.sensitivity].every((name) => readFileSync(join(a, name)).equals(readFileSync(join(b, name))));
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1]! : fallback;
}

async function main(): Promise<void> {
  const sizes = option('--runs', '1000,10000,100000').split(',').map(Number);
  const shardCount = Number(option('--shards', '100'));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(shardCount) || shardCount < 1) throw new Error('--runs takes whole numbers separated by commas, --shards a whole number');
  const folder = mkdtempSync(join(tmpdir(), 'crisis-sim-bench-scale-'));
  if (process.argv.includes('--synthetic-merge')) return syntheticMerge(folder, shardCount);
  console.log(`machine: load average ${loadavg().map((load) => load.toFixed(1)).join(' ')} before the benchmark`);
  console.log(`| runs | workers | wall s | runs/s | peak RSS MB | RSS / RSS at ${sizes[0]} runs |`);
  console.log('|---|---|---|---|---|---|');
  let first: number | undefined;
  let largest = '';
  for (const size of sizes) {
    largest = join(folder, `out-${size}`);
    const measurement = inChild(['batch', writeTwelveNationExperiment(folder, size), largest]);
    first ??= measurement.peakRssMb;
    console.log(`| ${size} | ${WORKERS} | ${measurement.seconds.toFixed(1)} | ${(size / measurement.seconds).toFixed(0)} | ${measurement.peakRssMb.toFixed(0)} | ${(measurement.peakRssMb / first).toFixed(2)}x |`);
    if (size !== sizes[sizes.length - 1]) rmSync(largest, { recursive: true });
  }
  const shardsFolder = join(folder, 'shards');
  mkdirSync(shardsFolder);
  const shards = cutIntoShards(largest, shardCount, shardsFolder);
  const merged = join(folder, 'merged');
  const merge = inChild(['merge', merged, ...shards]);
  const runs = sizes[sizes.length - 1]!;
  console.log(`\nmerge of ${shardCount} shards of ${runs / shardCount} runs: ${merge.seconds.toFixed(1)} s (${merge.cpuSeconds.toFixed(1)} CPU s), ${(runs / merge.seconds).toFixed(0)} runs/s, peak RSS ${merge.peakRssMb.toFixed(0)} MB; identical to the unsharded batch: ${sameFiles(merged, largest) ? 'yes' : 'NO'}`);
  console.log(`machine: load average ${loadavg().map((load) => load.toFixed(1)).join(' ')} after the benchmark`);
  rmSync(folder, { recursive: true });
}

/** A 1,000-run batch, then the merge of `shardCount` synthetic shards of 1,000 runs (see the header). */
function syntheticMerge(folder: string, shardCount: number): void {
  const source = join(folder, 'out-1000');
  const batch = inChild(['batch', writeTwelveNationExperiment(folder, 1000), source]);
  console.log(`batch of 1000 runs, ${WORKERS} workers: ${batch.seconds.toFixed(1)} s, peak RSS ${batch.peakRssMb.toFixed(0)} MB`);
  const runs = shardCount * 1000;
  const shardsFolder = join(folder, 'shards');
  mkdirSync(shardsFolder);
  const shards = synthesizeShards(source, writeTwelveNationExperiment(folder, runs), shardCount, shardsFolder);
  const merged = join(folder, 'merged');
  const merge = inChild(['merge', merged, ...shards]);
  console.log(`merge of ${shardCount} synthetic shards of 1000 runs: ${merge.seconds.toFixed(1)} s (${merge.cpuSeconds.toFixed(1)} CPU s), ${(runs / merge.seconds).toFixed(0)} runs/s, peak RSS ${merge.peakRssMb.toFixed(0)} MB`);
  // --resume of a finished folder: reads every run back from the journal, runs nothing, rewrites the results.
  const small = inChild(['resume', join(folder, 'bench-1000.yaml'), source]);
  const large = inChild(['resume', join(folder, `bench-${runs}.yaml`), merged]);
  console.log(`--resume of finished batches (every run read back, none run): 1000 runs ${small.seconds.toFixed(1)} s, peak RSS ${small.peakRssMb.toFixed(0)} MB; ${runs} runs ${large.seconds.toFixed(1)} s, peak RSS ${large.peakRssMb.toFixed(0)} MB (${(large.peakRssMb / small.peakRssMb).toFixed(2)}x)`);
  console.log(`machine: load average ${loadavg().map((load) => load.toFixed(1)).join(' ')} after the benchmark`);
  rmSync(folder, { recursive: true });
}

if (process.argv[2] === 'child') await child(process.argv.slice(3));
else await main();
