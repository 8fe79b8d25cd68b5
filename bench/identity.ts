/**
 * Result identity across a code change: optimizations must not move a single bit.
 *
 *   npx tsx bench/identity.ts record --root /work/main > /tmp/reference.json   # hashes of another checkout
 *   npx tsx bench/identity.ts check /tmp/reference.json                          # this checkout against them
 *
 * For every scenario in `<root>/scenarios/*.yaml` and seeds 1..N (`--seeds N`, default 20)
 * it runs the scenario twice through `<root>/src` and records SHA-256 digests of:
 * - `trace`: every trace entry of the run, as JSON, unrounded (the order, times and data);
 * - `result`: the run's result (provenance, metrics, phase timeline) as JSON, unrounded;
 * - `history`: the world's immer patches and inverse patches (what drills replay and undo);
 * and checks that the second run, made the way `runScenario` and batches make it (no trace
 * sink, no history kept), gives the same `result` as the traced one. `check` compares this
 * checkout's digests with a recorded file and exits 1 on the first list of differences.
 *
 * `--root` imports the engine of another checkout (its own node_modules), so a reference
 * can be taken from main, or any commit checked out with `git worktree add`, with this one
 * script. The scenarios are always read from the checkout under test.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

interface Digests {
  scenario: string;
  seed: number;
  trace: string;
  result: string;
  history: string;
}

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { root: { type: 'string', default: '.' }, seeds: { type: 'string', default: '20' } },
});
const [command, referenceFile] = positionals;
const seeds = Number(args.seeds);
if (!Number.isInteger(seeds) || seeds < 1) fail(`--seeds must be a whole number >= 1 (got "${args.seeds}")`);
if (command !== 'record' && command !== 'check') fail('usage: identity.ts record [--root DIR] [--seeds N] > FILE | identity.ts check FILE [--seeds N]');
if (command === 'check' && referenceFile === undefined) fail('check needs the file written by record');

function fail(message: string): never {
  console.error(`identity: ${message}`);
  process.exit(2);
}

function sha256(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** Digests of every shipped scenario and seed, computed by the engine under `root`. */
async function digestsOf(root: string): Promise<Digests[]> {
  const source = (path: string) => import(pathToFileURL(join(root, 'src', path)).href);
  const { Simulation } = await source('engine/simulation.ts');
  const { runScenario } = await source('engine/run.ts');
  const { loadScenarioFile } = await source('scenario/load.ts');
  const files = readdirSync('scenarios').filter((name) => name.endsWith('.yaml')).sort();
  const digests: Digests[] = [];
  for (const file of files) {
    const loaded = loadScenarioFile(join('scenarios', file));
    for (let seed = 1; seed <= seeds; seed++) {
      const entries: unknown[] = [];
      const traced = runScenario(loaded, { seed, trace: (entry: unknown) => entries.push(entry) });
      const plain = runScenario(loaded, { seed });
      if (sha256(traced) !== sha256(plain)) throw new Error(`${file} seed ${seed}: the result differs with and without a trace sink`);
      const withHistory = new Simulation(loaded.scenario, { seed, keepHistory: true });
      withHistory.finish();
      digests.push({ scenario: file, seed, trace: sha256(entries), result: sha256(traced), history: sha256(withHistory.world.history) });
    }
  }
  return digests;
}

const digests = await digestsOf(resolve(command === 'record' ? args.root : '.'));
if (command === 'record') {
  console.log(JSON.stringify(digests, null, 1));
} else {
  const reference = JSON.parse(readFileSync(referenceFile!, 'utf8')) as Digests[];
  const key = (entry: Digests) => `${entry.scenario} seed ${entry.seed}`;
  const expected = new Map(reference.map((entry) => [key(entry), entry]));
  const differences: string[] = [];
  for (const entry of digests) {
    const before = expected.get(key(entry));
    if (!before) differences.push(`${key(entry)}: not in the reference`);
    else for (const part of ['trace', 'result', 'history'] as const) if (before[part] !== entry[part]) differences.push(`${key(entry)}: ${part} differs`);
  }
  if (differences.length > 0) {
    console.error(`identity: ${differences.length} difference(s)\n${differences.join('\n')}`);
    process.exit(1);
  }
  console.log(`identity: ${digests.length} runs (${new Set(digests.map((entry) => entry.scenario)).size} scenarios x ${seeds} seeds): trace, result and history identical`);
}
