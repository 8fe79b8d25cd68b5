import type { Scenario } from '../scenario/schema.js';
import type { NeedCurve } from './needs.js';
import type { WorldState } from './world.js';

/** The scale of supply against need. */
export const SUPPLY = {
  /** Units of need one deployed resource unit meets at full effectiveness: needs and resources are counted in the same units. */
  needUnitsPerResourceUnit: 1,
} as const;

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
    supplies[i] = 0;
    foreignContributors[i] = 0;
  }
  // Each nation's record holds only the capabilities it has units of: walking those, nation
  // by nation, adds to each capability's sum in nation order, as a sum per capability over
  // every nation would, with a fraction of the reads (this runs after every change of
  // deployments).
  for (const nation of scenario.nations) {
    const units = world.deployed[nation.id];
    if (units === undefined) continue;
    const effectiveness = world.effectiveness[nation.id] ?? 1;
    const foreign = !hosts.has(nation.id);
    for (const capability in units) {
      const count = units[capability] ?? 0;
      if (count <= 0) continue;
      const i = capabilities.indexOf(capability);
      if (i === -1) continue;
      supplies[i]! += count * SUPPLY.needUnitsPerResourceUnit * effectiveness;
      if (foreign) foreignContributors[i]!++;
    }
  }
  for (let i = 0; i < capabilities.length; i++) {
    curves[i] = world.needs[capabilities[i]!]!;
    if (foreignContributors[i]! > 1) supplies[i]! *= 1 - duplication;
  }
}

/** {@link effectiveSupply}'s count of foreign contributors per capability, reused from call to call. */
const foreignContributors: number[] = [];

/** Whether several foreign contributors work without any coordination cell. */
export function uncoordinated(scenario: Scenario, world: WorldState, hosts: ReadonlySet<string>): boolean {
  if (coordinationCellWorking(world)) return false;
  let active = 0;
  for (const nation of scenario.nations) {
    if (hosts.has(nation.id)) continue;
    if (hasUnitsDeployed(world.deployed[nation.id])) active++;
  }
  return active > 1;
}

/** Whether a nation has any units deployed (its entry of `world.deployed`). */
export function hasUnitsDeployed(units: Readonly<Record<string, number>> | undefined): boolean {
  for (const capability in units) if (units[capability]! > 0) return true;
  return false;
}

/**
 * Units of `capability` in theatre, of every nation but `except` when given (the host's
 * included). `deployed` must be a world state's record, not a draft: its totals are kept
 * (see {@link totals}).
 */
export function unitsInTheatre(deployed: WorldState['deployed'], capability: string, except?: string): number {
  let known = totals.get(capability);
  if (known === undefined) totals.set(capability, (known = { record: undefined, units: 0 }));
  if (known.record !== deployed) {
    let units = 0;
    for (const nation in deployed) units += deployed[nation]![capability] ?? 0;
    known.record = deployed;
    known.units = units;
  }
  // Units are whole numbers, so the total less one nation's units is exactly the others' sum.
  return except === undefined ? known.units : known.units - (deployed[except]?.[capability] ?? 0);
}

/**
 * Units of each capability in theatre, all nations together, in the deployment record last
 * asked about for that capability. Recovery reviews and the ports ask these sums many times
 * between two changes of the deployments (each nation's daily review; each movement's slot
 * priority), always of the world's current record, and each sum walks every nation.
 * Invalidation: a question about any other record sums anew; none is needed otherwise,
 * since the world is immutable (a record that is the same object holds the same units;
 * any change of the deployments makes a new record).
 */
const totals = new Map<string, { record: WorldState['deployed'] | undefined; units: number }>();

/** Whether any organization's coordination cell is working. Runs at every world change: no allocation. */
export function coordinationCellWorking(world: WorldState): boolean {
  for (const organization in world.coordinationCell) if (world.coordinationCell[organization]) return true;
  return false;
}
