/**
 * Scenario runs/s of this checkout against another one, as ratios measured in one process.
 *
 *   npx tsx bench/compare.ts --baseline /path/to/other/checkout          # every scenario
 *   npx tsx bench/compare.ts --baseline ../base --scenarios border-clash --rounds 7
 *
 * Timings on the shared machine swing with its load, so a figure measured before a change
 * and one measured after it, minutes apart, say little. This script imports the engine of
 * both checkouts (each with its own node_modules, so neither shares JIT feedback with the
 * other) and times them in alternating rounds, baseline then candidate, then candidate
 * then baseline, ...: a busy moment of the machine hits both. Each round runs one scenario
 * for `--seconds` CPU seconds (default 0.5) in each version, seeds 1, 2, 3, ... after a
 * warm-up. Printed: each version's median runs/s, the median of the per-round ratios
 * (candidate / baseline), and the ratio of the best rounds: other processes only ever add
 * time (cache and core contention), so on a loaded machine the best of many short rounds
 * is the steadier estimate of each version's own cost.
 * Both versions run the scenario files of this checkout; with --own-scenarios each version
 * runs its own checkout's files (a change to a shipped scenario, such as a longer horizon,
 * is then part of what is compared; needed when the baseline cannot read the new files).
 */
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuSeconds, median } from './timing.js';

interface Engine {
  label: string;
  run: (file: string, seed: number) => void;
}

const { values: args } = parseArgs({
  options: {
    baseline: { type: 'string' },
    scenarios: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '0.5' },
    'own-scenarios': { type: 'boolean', default: false },
  },
});
if (args.baseline === undefined) fail('--baseline <checkout> is required (a git worktree of the commit to compare with, with node_modules)');
const rounds = Number(args.rounds);
const seconds = Number(args.seconds);
if (!Number.isInteger(rounds) || rounds < 1) fail(`--rounds must be a whole number >= 1 (got "${args.rounds}")`);
if (!(seconds > 0)) fail(`--seconds must be a positive number (got "${args.seconds}")`);

function fail(message: string): never {
  console.error(`compare: ${message}`);
  process.exit(2);
}

/** Loads the engine of the checkout at `root`: `run(file, seed)` runs one scenario file of this checkout (or of `root`, with `ownScenarios`). */
async function engineAt(root: string, label: string, ownScenarios: boolean): Promise<Engine> {
  const source = (path: string) => import(pathToFileURL(join(root, 'src', path)).href);
  const { runScenario } = await source('engine/run.ts');
  const { loadScenarioFile } = await source('scenario/load.ts');
  const loaded = new Map<string, unknown>();
  return {
    label,
    run: (file, seed) => {
      if (!loaded.has(file)) loaded.set(file, loadScenarioFile(ownScenarios ? join(root, file) : file));
      runScenario(loaded.get(file), { seed });
    },
  };
}

/** Runs of `file` per CPU second over `seconds`, starting at seed `firstSeed`. */
function runsPerCpuSecond(engine: Engine, file: string, firstSeed: number): number {
  const start = cpuSeconds();
  let runs = 0;
  while (cpuSeconds() - start < seconds) engine.run(file, firstSeed + runs++);
  return runs / (cpuSeconds() - start);
}

const baseline = await engineAt(resolve(args.baseline), 'baseline', args['own-scenarios']);
const candidate = await engineAt(resolve('.'), 'this checkout', args['own-scenarios']);
const wanted = args.scenarios?.split(',');
const files = readdirSync('scenarios')
  .filter((name) => name.endsWith('.yaml') && (!wanted || wanted.includes(name.replace(/\.yaml$/, ''))))
  .sort();
console.log(`compare: ${resolve('.')} against ${resolve(args.baseline)}`);
console.log(`${rounds} alternating rounds of ${seconds} CPU s per version; load average ${loadavg().map((load) => load.toFixed(1)).join(', ')}\n`);
console.log(`  ${'scenario'.padEnd(28)}${'baseline runs/s'.padEnd(18)}${'this runs/s'.padEnd(14)}${'best/best'.padEnd(11)}median ratio (rounds)`);
for (const name of files) {
  const file = join('scenarios', name);
  for (const engine of [baseline, candidate]) for (let seed = 1; seed <= 30; seed++) engine.run(file, seed);
  const rates = { baseline: [] as number[], candidate: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [baseline, candidate] : [candidate, baseline];
    for (const engine of order) {
      const rate = runsPerCpuSecond(engine, file, 1000 * round + 1);
      (engine === baseline ? rates.baseline : rates.candidate).push(rate);
    }
  }
  const ratios = rates.candidate.map((rate, i) => rate / rates.baseline[i]!);
  console.log(
    `  ${name.replace(/\.yaml$/, '').padEnd(28)}${median(rates.baseline).toFixed(0).padEnd(18)}${median(rates.candidate).toFixed(0).padEnd(14)}` +
      `${(Math.max(...rates.candidate) / Math.max(...rates.baseline)).toFixed(2).concat('x').padEnd(11)}${median(ratios).toFixed(2)}x (${ratios.map((ratio) => ratio.toFixed(2)).join(' ')})`,
  );
}
console.log(`\nload average at the end ${loadavg().map((load) => load.toFixed(1)).join(', ')}`);
