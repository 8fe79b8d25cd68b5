/**
 * Batch-experiment benchmark (issue 6): runs/s of one core, the speed-up of 2 workers over
 * 1, wall time and peak memory of 1,000 and 10,000 replications of a 12-nation scenario.
 *
 *   npx tsx bench/batch.ts               # 3 rounds of 10,000 runs with 1 and 2 workers, then 1,000 with 2
 *   npx tsx bench/batch.ts --rounds 5    # more rounds
 *   npx tsx bench/batch.ts --quick       # one round of 1,000 runs
 *
 * The 12-nation scenario is described in twelve-nations.ts. Each batch runs in a fresh child process so its peak RSS is its own. The
 * 1-worker and 2-worker batches alternate round by round (1, 2 then 2, 1, ...), so a busy
 * moment of the shared machine hits both; the speed-up is the median of the rounds'.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/engine/run.js';
import { runBatch } from '../src/experiment/batch.js';
import { loadExperimentFile } from '../src/experiment/load.js';
import { writeTwelveNationExperiment } from './twelve-nations.js';

const SELF = fileURLToPath(import.meta.url);

interface Measurement {
  seconds: number;
  /** CPU time of the whole process (all threads), user + system. */
  cpuSeconds: number;
  peakRssMb: number;
  firstResultSeconds: number;
}

/** Child mode: one batch, then its timings and peak RSS as JSON on stdout. */
async function child(file: string, out: string, workers: number): Promise<void> {
  const started = performance.now();
  let first = 0;
  await runBatch(loadExperimentFile(file), { outDir: out, workers, onRun: () => (first ||= performance.now()) });
  const usage = process.resourceUsage();
  const measurement: Measurement = { seconds: (performance.now() - started) / 1000, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024, firstResultSeconds: (first - started) / 1000 };
  process.stdout.write(JSON.stringify(measurement));
}

function batch(folder: string, replications: number, workers: number): Measurement {
  const file = writeTwelveNationExperiment(folder, replications);
  const out = mkdtempSync(join(folder, `out-${replications}-${workers}-`));
  const result = spawnSync(process.execPath, ['--import', 'tsx', SELF, 'child', file, out, String(workers)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`benchmark batch failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Measurement;
}

/** Runs per second of the engine alone, in this thread. */
function singleCoreRate(folder: string): number {
  const experiment = loadExperimentFile(writeTwelveNationExperiment(folder, 1));
  const point = { ...experiment.points[0]!.run, file: '', warnings: [] };
  for (let seed = 0; seed < 30; seed += 1) runScenario(point, { seed });
  const runs = 300;
  const started = performance.now();
  for (let seed = 0; seed < runs; seed += 1) runScenario(point, { seed });
  return runs / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const roundsFlag = process.argv.indexOf('--rounds');
  const rounds = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : quick ? 1 : 3;
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a whole number >= 1');
  const folder = mkdtempSync(join(tmpdir(), 'crisis-sim-bench-batch-'));
  const rows: string[][] = [];
  const add = (what: string, workers: number, runs: number, m: Measurement) =>
    rows.push([what, String(workers), String(runs), m.seconds.toFixed(1), (runs / m.seconds).toFixed(0), ((1000 * m.cpuSeconds) / runs).toFixed(1), m.firstResultSeconds.toFixed(2), m.peakRssMb.toFixed(0)]);

  console.log(`machine: load average ${loadavg().map((load) => load.toFixed(1)).join(' ')} before the benchmark`);
  const rate = singleCoreRate(folder);
  console.log(`engine alone, one core: ${rate.toFixed(0)} runs/s (12-nation scenario, 720 h horizon)\n`);

  const speedupRuns = quick ? 1000 : 10_000;
  const speedups: number[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    const order = round % 2 === 1 ? [1, 2] : [2, 1];
    const seconds: Record<number, number> = {};
    for (const workers of order) {
      const measurement = batch(folder, speedupRuns, workers);
      seconds[workers] = measurement.seconds;
      add(`round ${round}`, workers, speedupRuns, measurement);
    }
    speedups.push(seconds[1]! / seconds[2]!);
  }
  if (!quick) add('memory', 2, 1000, batch(folder, 1000, 2));

  console.log('| batch | workers | runs | wall s | runs/s | CPU ms/run (all threads) | first result s (worker start-up) | peak RSS MB |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  const sorted = [...speedups].sort((a, b) => a - b);
  const median = (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
  console.log(`\nspeed-up of 2 workers over 1, per round: ${speedups.map((speedup) => `${speedup.toFixed(2)}x`).join(', ')}; median ${median.toFixed(2)}x`);
  console.log(`machine: load average ${loadavg().map((load) => load.toFixed(1)).join(' ')} after the benchmark`);
}

if (process.argv[2] === 'child') await child(process.argv[3]!, process.argv[4]!, Number(process.argv[5]));
else await main();
