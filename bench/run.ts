/**
 * `npm run bench`: the engine's speed against the targets of issue 3.
 *
 * Prints kernel events/s (a pure schedule/step loop), M/M/1 customers/s on the plain kernel
 * and with an xstate actor as the server, the same M/M/1 in SimPy when a python3 with SimPy
 * is found (Debian: `apt-get install python3-simpy`), the ratios to SimPy, and runs/s of
 * every scenario in scenarios/*.yaml on one core, each with PASS or MISS against its target.
 *
 * Method (see docs/performance.md): everything is timed in CPU seconds of its own process;
 * each figure is the median of several repeats after warm-up runs; the M/M/1 versions and
 * SimPy run interleaved, round by round, with the same seed in a round, and each ratio is
 * the median of the per-round ratios. Options: --rounds N (default 5), --customers N
 * (M/M/1 customers per repeat, default 100000), --scenario-seconds S (CPU seconds per
 * scenario repeat, default 0.5), --scenario-warmup S (CPU seconds of runs before a
 * scenario's repeats, reported as its own figure, default 4: V8 takes 4-6 s to finish
 * optimizing a run's code, see docs/performance.md), --node-defaults (keep Node's default
 * heap sizes). Each scenario runs in a process of its own (bench/scenario-rate.ts).
 * Batch experiments have their own bench: bench/batch.ts.
 *
 * Unless --node-defaults is given, the bench re-runs itself with a 64 MB young-generation
 * semi-space (`--max-semi-space-size=64`): xstate allocates several kilobytes of short-lived
 * objects per transition, and with Node's default young generation many of them are
 * promoted and collected by full GCs, which halves the M/M/1 rates when the plain and the
 * xstate versions run in one process (measured, see docs/performance.md).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { arch, availableParallelism, platform } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ENGINE } from '../src/version.js';
import { runCancelLoop } from './cancel.js';
import { runKernelLoop } from './kernel-loop.js';
import { erlangCWaitHours, mD1WaitHours, runQueue } from './queues.js';
import { runMm1Actor, runMm1Plain, runMm1TransitionActor, type Mm1Options } from './mm1.js';
import { findSimPy, runSimPy } from './simpy.js';
import { formatRate, median, ratePerCpuSecond } from './timing.js';

const TARGETS = { plainOverSimPy: 10, actorOverSimPy: 2, scenarioRunsPerSecond: 200 } as const;
const KERNEL_EVENTS = 2_000_000;
const SCENARIO_DIR = 'scenarios';

const YOUNG_GENERATION_FLAG = '--max-semi-space-size=64';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    customers: { type: 'string', default: '100000' },
    'scenario-seconds': { type: 'string', default: '0.5' },
    'scenario-warmup': { type: 'string', default: '4' },
    'node-defaults': { type: 'boolean', default: false },
  },
});
const heapFlags = `${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`;
if (!args['node-defaults'] && !heapFlags.includes('--max-semi-space-size')) {
  // Same node, same loader flags (tsx), same script and arguments; only the heap differs.
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${YOUNG_GENERATION_FLAG}`.trim() },
  });
  process.exit(child.status ?? 1);
}
const rounds = positiveInteger('rounds', args.rounds);
const customers = positiveInteger('customers', args.customers);
const scenarioSeconds = Number(args['scenario-seconds']);
if (!(scenarioSeconds > 0)) fail(`--scenario-seconds must be a positive number of seconds (got "${args['scenario-seconds']}")`);
const scenarioWarmup = Number(args['scenario-warmup']);
if (!(scenarioWarmup > 0)) fail(`--scenario-warmup must be a positive number of seconds (got "${args['scenario-warmup']}")`);

const verdicts: boolean[] = [];

/** Prints one aligned line: label, figure, and optionally a target verdict. */
function line(label: string, figure: string, target?: { text: string; met: boolean }): void {
  let text = `  ${label.padEnd(56)}${figure.padEnd(34)}`;
  if (target) {
    verdicts.push(target.met);
    text += `${target.text.padEnd(18)}${target.met ? 'PASS' : 'MISS'}`;
  }
  console.log(text.trimEnd());
}

function positiveInteger(name: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) fail(`--${name} must be a positive whole number (got "${text}")`);
  return value;
}

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}

function benchKernel(): void {
  runKernelLoop(KERNEL_EVENTS);
  const rates = Array.from({ length: rounds }, () => ratePerCpuSecond(() => runKernelLoop(KERNEL_EVENTS)));
  console.log(`kernel: pure schedule/step loop, 1000 pending events, ${KERNEL_EVENTS / 1e6}M events per repeat`);
  line('kernel', `${formatRate(median(rates))} events/s`);
}

/** Cancel cost as pending events grow: flat (O(log n)) is the target, not a time. */
function benchCancel(): void {
  const operations = 500_000;
  console.log(`\nkernel: schedule + cancel of a random pending event, ${operations / 1000}k per repeat`);
  for (const pending of [1_000, 10_000, 100_000]) {
    runCancelLoop(pending, operations / 5);
    const rate = median(Array.from({ length: rounds }, () => ratePerCpuSecond(() => runCancelLoop(pending, operations))));
    line(`schedule + cancel, ${formatRate(pending)} pending`, `${(1e9 / rate).toFixed(0)} ns per pair`);
  }
}

/** The Resource primitive against closed forms over 1M customers (the tests use fewer where the tolerance allows). */
function benchQueues(): void {
  const options = { customers: 1_000_000, warmupCustomers: 10_000, seed: 1 } as const;
  console.log('\nResource: 1M customers, mean wait in queue against closed forms');
  const mmc = runQueue({ ...options, servers: 3, arrivalRates: [2.1], meanServiceHours: 1, service: 'exponential' });
  const erlang = erlangCWaitHours(2.1, 1, 3);
  const mmcError = Math.abs(mmc.meanWaitHours - erlang) / erlang;
  line('M/M/3 rho 0.7 vs Erlang C', `Wq ${mmc.meanWaitHours.toFixed(4)} h vs ${erlang.toFixed(4)} h`, { text: '<= 3% off', met: mmcError <= 0.03 });
  const md1 = runQueue({ ...options, servers: 1, arrivalRates: [0.6], meanServiceHours: 1, service: 'deterministic' });
  const pk = mD1WaitHours(0.6, 1);
  const md1Error = Math.abs(md1.meanWaitHours - pk) / pk;
  line('M/D/1 rho 0.6 vs Pollaczek-Khinchine', `Wq ${md1.meanWaitHours.toFixed(4)} h vs ${pk.toFixed(4)} h`, { text: '<= 3% off', met: md1Error <= 0.03 });
}

function benchMm1(): void {
  const options = (seed: number): Mm1Options => ({ arrivalRate: 0.9, serviceRate: 1, customers, warmupCustomers: 0, seed });
  const simpy = findSimPy();
  console.log(`\nM/M/1 (lambda 0.9/h, mu 1/h), ${customers} customers per repeat, ${rounds} interleaved rounds`);
  // Warm-up: enough runs for the JIT to settle on both versions' hot paths.
  for (let i = 0; i < 3; i++) runMm1Plain(options(0));
  runMm1Actor(options(0));
  runMm1TransitionActor(options(0));
  const plain: number[] = [];
  const actor: number[] = [];
  const transitionActor: number[] = [];
  const python: number[] = [];
  const waits = { plain: [] as number[], actor: [] as number[], transitionActor: [] as number[], simpy: [] as number[] };
  let simpyLabel = '';
  for (let round = 1; round <= rounds; round++) {
    plain.push(ratePerCpuSecond(() => {
      const result = runMm1Plain(options(round));
      waits.plain.push(result.meanWaitHours);
      return result.customersSimulated;
    }));
    actor.push(ratePerCpuSecond(() => {
      const result = runMm1Actor(options(round));
      waits.actor.push(result.meanWaitHours);
      return result.customersSimulated;
    }));
    transitionActor.push(ratePerCpuSecond(() => {
      const result = runMm1TransitionActor(options(round));
      waits.transitionActor.push(result.meanWaitHours);
      return result.customersSimulated;
    }));
    if ('python' in simpy) {
      const run = runSimPy(simpy.python, customers, round);
      python.push(run.customersPerSecond);
      waits.simpy.push(run.meanWaitHours);
      simpyLabel = `SimPy ${run.simpy} (Python ${run.python})`;
    }
  }
  const wq = (list: number[]) => `Wq ${median(list).toFixed(2)} h`;
  line('plain kernel (reusable actions)', `${formatRate(median(plain))} customers/s, ${wq(waits.plain)}`);
  line('xstate state-machine server (`after` service times)', `${formatRate(median(actor))} customers/s, ${wq(waits.actor)}`);
  line('xstate transition-actor server (delayed self-events)', `${formatRate(median(transitionActor))} customers/s, ${wq(waits.transitionActor)}`);
  if (!('python' in simpy)) {
    console.log(`  SimPy: not run (${simpy.reason})`);
    return;
  }
  line(simpyLabel, `${formatRate(median(python))} customers/s, ${wq(waits.simpy)}`);
  const plainRatio = median(plain.map((rate, i) => rate / python[i]!));
  const actorRatio = median(actor.map((rate, i) => rate / python[i]!));
  const transitionRatio = median(transitionActor.map((rate, i) => rate / python[i]!));
  line('ratio plain kernel / SimPy', `${plainRatio.toFixed(1)}x`, { text: `>= ${TARGETS.plainOverSimPy}x`, met: plainRatio >= TARGETS.plainOverSimPy });
  line('ratio xstate state-machine server / SimPy', `${actorRatio.toFixed(2)}x`, { text: `>= ${TARGETS.actorOverSimPy}x`, met: actorRatio >= TARGETS.actorOverSimPy });
  line('ratio xstate transition-actor server / SimPy', `${transitionRatio.toFixed(2)}x`, { text: `>= ${TARGETS.actorOverSimPy}x`, met: transitionRatio >= TARGETS.actorOverSimPy });
}

/** What bench/scenario-rate.ts prints for one scenario. */
type ScenarioRate = { id: string; skipped: string } | { id: string; warmupRunsPerSecond: number; steadyRunsPerSecond: number };

/** Measures one scenario file in a fresh process (same node, loader and heap flags as this one). */
function measureScenario(file: string): ScenarioRate {
  const script = join(import.meta.dirname, 'scenario-rate.ts');
  const child = spawnSync(process.execPath, [...process.execArgv, script, file, String(scenarioWarmup), String(scenarioSeconds), String(rounds)], { encoding: 'utf8' });
  const last = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{')) return { id: file, skipped: `measurement failed (${child.stderr.trim().split('\n')[0] ?? `exit ${child.status}`})` };
  return JSON.parse(last) as ScenarioRate;
}

/**
 * Every shipped scenario, each in its own process: the rate over its first
 * `--scenario-warmup` CPU seconds, and the steady rate after it, which the target applies to
 * (the target is for batch experiments, whose workers run a scenario hundreds or thousands
 * of times; see docs/performance.md, "What npm run bench measures of a scenario").
 */
function benchScenarios(): void {
  const files = readdirSync(SCENARIO_DIR).filter((name) => name.endsWith('.yaml')).sort();
  console.log(`\nscenarios: runScenario on one core, a fresh process each: the rate over the first ${scenarioWarmup} CPU s, then the median of ${rounds} repeats of ${scenarioSeconds} CPU s (steady)`);
  const target = { text: `>= ${TARGETS.scenarioRunsPerSecond} runs/s` };
  for (const name of files) {
    const rate = measureScenario(join(SCENARIO_DIR, name));
    if ('skipped' in rate) {
      console.log(`  ${name.padEnd(44)}skipped: ${rate.skipped}`);
      continue;
    }
    const figure = `${rate.warmupRunsPerSecond.toFixed(0)} first, ${rate.steadyRunsPerSecond.toFixed(0)} steady runs/s`;
    line(rate.id, figure, { ...target, met: rate.steadyRunsPerSecond >= TARGETS.scenarioRunsPerSecond });
  }
}

console.log(`crisis-sim bench: ${ENGINE.name} ${ENGINE.version}, Node ${process.version}, ${platform()} ${arch()}, ${availableParallelism()} CPUs`);
console.log('figures are per CPU second of one process, medians over repeats; timings are noisy, ratios matter');
const semiSpace = /--max-semi-space-size=(\d+)/.exec(heapFlags);
console.log(`heap: ${semiSpace ? `young-generation semi-space ${semiSpace[1]} MB` : "Node's defaults"} (--node-defaults to compare)\n`);
benchKernel();
benchCancel();
benchQueues();
benchMm1();
benchScenarios();
const missed = verdicts.filter((met) => !met).length;
console.log(`\ntargets: ${verdicts.length - missed} PASS, ${missed} MISS`);
