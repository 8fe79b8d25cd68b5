import type { Scenario } from '../scenario/schema.js';
import type { NeedCurve } from './needs.js';
import type { WorldState } from './world.js';

/**
 * Effective supply per capability: units in theatre times each nation's effectiveness,
 * less duplicated effort where several foreign contributors share a capability without
 * a working coordination cell. Fills `curves` and `supplies` in capability order.
 */
export function effectiveSupply(
  scenario: Scenario,
  world: WorldState,
  capabilities: readonly string[],
  hosts: ReadonlySet<string>,
  curves: NeedCurve[],
  supplies: number[],
): void {
  const duplication = coordinationCellWorking(world) ? scenario.parameters.duplicationWithCell : scenario.parameters.duplication;
  for (let i = 0; i < capabilities.length; i++) {
    const capability = capabilities[i]!;
    let supply = 0;
    let foreignContributors = 0;
    for (const nation of scenario.nations) {
      const units = world.deployed[nation.id]?.[capability] ?? 0;
      if (units <= 0) continue;
      supply += units * (world.effectiveness[nation.id] ?? 1);
      if (!hosts.has(nation.id)) foreignContributors++;
    }
    curves[i] = world.needs[capability]!;
    supplies[i] = foreignContributors > 1 ? supply * (1 - duplication) : supply;
  }
}

/** Whether several foreign contributors work without any coordination cell. */
export function uncoordinated(scenario: Scenario, world: WorldState, hosts: ReadonlySet<string>): boolean {
  if (coordinationCellWorking(world)) return false;
  let active = 0;
  for (const nation of scenario.nations) {
    if (hosts.has(nation.id)) continue;
    const deployed = world.deployed[nation.id];
    if (deployed && Object.values(deployed).some((units) => units > 0)) active++;
  }
  return active > 1;
}

/** Whether any organization's coordination cell is working. */
function coordinationCellWorking(world: WorldState): boolean {
  return Object.values(world.coordinationCell).some(Boolean);
}
