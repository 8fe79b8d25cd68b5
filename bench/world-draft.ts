/**
 * CPU time of one world change without history (`produceWorld`), in a loop that repeats a
 * Haiti arrival and hand-over on Haiti's world: a unit of one capability lands for one
 * nation, then leaves, with the host's foreign personnel counted down.
 *
 *   npx tsx bench/world-draft.ts                    # this checkout
 *   npx tsx bench/world-draft.ts /path/to/checkout  # another one (with node_modules)
 *
 * Prints the best and the median of 7 rounds of 400,000 changes, after 600,000 changes of
 * warm-up. Compare two checkouts with alternating processes (this one, the other, this
 * one, ...) and their best rounds: the figure is per process, so a busy moment of the
 * shared machine shows as one slow process rather than as a ratio (docs/performance.md,
 * "World changes at steady state").
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Draft } from 'immer';
import type { WorldState } from '../src/model/world.js';
import { cpuSeconds, median } from './timing.js';

const root = resolve(process.argv[2] ?? '.');
const source = (path: string) => import(pathToFileURL(`${root}/src/${path}`).href);
const { produceWorld } = await source('model/world-draft.ts');
const { initialWorld, copyWorldState } = await source('model/world.ts');
const { loadScenarioFile } = await source('scenario/load.ts');

const { scenario } = loadScenarioFile(resolve('scenarios/caribbean-earthquake.yaml'));
const nations: string[] = scenario.nations.map((nation: { id: string }) => nation.id);
const capabilities = ['search-rescue', 'medical', 'engineering', 'airlift'];
const hosts = scenario.crisis.hosts as string[];
let world: WorldState = initialWorld(scenario);

/** One arrival and one hand-over (two world changes), written as the contributor runtime writes them. */
function arrivalAndHandOver(step: number): void {
  const nation = nations[step % nations.length]!;
  const capability = capabilities[step % capabilities.length]!;
  world = produceWorld(world, (draft: Draft<WorldState>) => {
    const deployed = draft.deployed[nation]!;
    deployed[capability] = (deployed[capability] ?? 0) + 1;
  }, copyWorldState);
  world = produceWorld(world, (draft: Draft<WorldState>) => {
    const deployed = draft.deployed[nation]!;
    deployed[capability] = Math.max(0, (deployed[capability] ?? 0) - 1);
    for (const host of hosts) if (host in draft.foreignPersonnel) draft.foreignPersonnel[host]! -= 3;
  }, copyWorldState);
}

for (let step = 0; step < 300_000; step++) arrivalAndHandOver(step);
const nsPerChange: number[] = [];
for (let round = 0; round < 7; round++) {
  const start = cpuSeconds();
  for (let step = 0; step < 200_000; step++) arrivalAndHandOver(step);
  nsPerChange.push(((cpuSeconds() - start) * 1e9) / 400_000);
}
console.log(`world-draft: ${root}: ns per world change, best ${Math.min(...nsPerChange).toFixed(0)}, median ${median(nsPerChange).toFixed(0)}`);
