/**
 * Runs of one scenario per CPU second, in a process of its own (spawned by bench/run.ts).
 *
 *   npx tsx bench/scenario-rate.ts <scenario.yaml> <warmup CPU s> <repeat CPU s> <repeats>
 *
 * A fresh process per scenario is what a batch worker is, and it keeps one scenario's
 * warm-up from speeding up the next one's. Prints one JSON line:
 * `{ "id", "warmupRunsPerSecond", "steadyRunsPerSecond" }`, where the warm-up figure is the
 * rate over the first `warmup` CPU seconds after loading (V8 still compiling the run's code:
 * what a single `crisis-sim run` or a short batch sees) and the steady figure the median of
 * the repeats after it (what a batch of thousands of runs sees). Seeds 1, 2, 3, ..., never
 * the same one twice. On a scenario that does not load, prints `{ "id", "skipped" }`.
 */
import { runScenario } from '../src/engine/run.js';
import { loadScenarioFile, type LoadedScenario } from '../src/scenario/load.js';
import { cpuSeconds, median, ratePerCpuSecond } from './timing.js';

const [file, warmupText, repeatText, repeatsText] = process.argv.slice(2);
const warmupSeconds = Number(warmupText);
const repeatSeconds = Number(repeatText);
const repeats = Number(repeatsText);
if (file === undefined || !(warmupSeconds > 0) || !(repeatSeconds > 0) || !Number.isInteger(repeats) || repeats < 1) {
  console.error('usage: scenario-rate.ts <scenario.yaml> <warmup CPU s > 0> <repeat CPU s > 0> <repeats >= 1>');
  process.exit(2);
}

let loaded: LoadedScenario;
try {
  loaded = loadScenarioFile(file);
} catch (error) {
  console.log(JSON.stringify({ id: file, skipped: (error as Error).message.split('\n')[0] }));
  process.exit(0);
}

let seed = 1;
/** Runs the scenario for `seconds` CPU seconds; returns how many runs it made. */
function runFor(seconds: number): number {
  const start = cpuSeconds();
  let runs = 0;
  while (cpuSeconds() - start < seconds) {
    runScenario(loaded, { seed: seed++ });
    runs++;
  }
  return runs;
}

const warmupRunsPerSecond = ratePerCpuSecond(() => runFor(warmupSeconds));
const steadyRunsPerSecond = median(Array.from({ length: repeats }, () => ratePerCpuSecond(() => runFor(repeatSeconds))));
console.log(JSON.stringify({ id: loaded.scenario.id, warmupRunsPerSecond, steadyRunsPerSecond }));
