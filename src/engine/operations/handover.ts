import { needAt } from '../../model/needs.js';
import { HANDOVER } from '../../model/operations.js';
import type { WorldState } from '../../model/world.js';


/**
 * Whether the others in theatre (everyone's units but `nation`'s, the host's included)
 * cover `HANDOVER.handoverCoverage` of the current need of every capability `nation` has
 * units of. A capability whose need fell below `HANDOVER.residualNeed` hands over at once.
 */
export function canHandOver(world: WorldState, nation: string, t: number): boolean {
  const own = world.deployed[nation];
  if (!own) return true;
  for (const capability in own) {
    const units = own[capability] ?? 0;
    if (units <= 0) continue;
    const curve = world.needs[capability];
    const need = curve ? needAt(curve, t) : 0;
    if (need < HANDOVER.residualNeed) continue;
    let others = -units;
    for (const other in world.deployed) others += world.deployed[other]![capability] ?? 0;
    if (others < HANDOVER.handoverCoverage * need) return false;
  }
  return true;
}
