import { needAt, type NeedCurve } from '../../model/needs.js';
import { HANDOVER } from '../../model/operations.js';
import { unitsInTheatre } from '../../model/supply.js';
import type { WorldState } from '../../model/world.js';

/**
 * Units of `capability` that `nation` must keep in theatre at time t: the fewest k with
 * others + k >= `HANDOVER.handoverCoverage` x the current need; none once the need fell
 * below `HANDOVER.residualNeed` (a decaying need never reaches 0).
 */
function unitsToKeep(need: number, others: number): number {
  if (need < HANDOVER.residualNeed) return 0;
  return Math.max(0, Math.ceil(HANDOVER.handoverCoverage * need - others - 1e-9));
}

/**
 * For each capability `nation` has units of: how many it has, how many the need still calls
 * for at t, and the hours after t at which a falling need next lets one of those go, if
 * the world does not change before (closed form of the need curve; Infinity when none is
 * kept or the need is not falling). The others in theatre include the host.
 */
export function unitsCalledFor(
  world: WorldState,
  nation: string,
  t: number,
  visit: (capability: string, own: number, keep: number, hoursToFewer: number) => void,
): void {
  const own = world.deployed[nation];
  if (!own) return;
  for (const capability in own) {
    const units = own[capability] ?? 0;
    if (units <= 0) continue;
    const curve = world.needs[capability];
    if (!curve) {
      visit(capability, units, 0, Infinity);
      continue;
    }
    const need = needAt(curve, t);
    const others = unitsInTheatre(world.deployed, capability, nation);
    const keep = Math.min(units, unitsToKeep(need, others));
    visit(capability, units, keep, keep > 0 ? hoursUntilFewer(curve, need, others, keep) : Infinity);
  }
}

/**
 * Whether the others in theatre cover `HANDOVER.handoverCoverage` of the current need of
 * every capability `nation` has units of, so it can hand all of its work over.
 */
export function canHandOver(world: WorldState, nation: string, t: number): boolean {
  let handsOver = true;
  unitsCalledFor(world, nation, t, (_capability, _own, keep) => {
    if (keep > 0) handsOver = false;
  });
  return handsOver;
}

/**
 * Hours after the time the need is `need` (of `curve`) until a nation keeping `keep` units
 * beside the others' `others` may keep one fewer: `keep` falls to `keep - 1` once coverage x
 * need <= others + keep - 1, or the need is residual. 0 if it already may; Infinity if the
 * need never falls.
 */
function hoursUntilFewer(curve: NeedCurve, need: number, others: number, keep: number): number {
  const level = Math.max((others + keep - 1) / HANDOVER.handoverCoverage, HANDOVER.residualNeed * (1 - 1e-12));
  if (need <= level) return 0;
  if (curve.ratePerHour >= 0 || level <= 0) return Infinity;
  return Math.log(level / need) / curve.ratePerHour;
}
