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
 * for at t, and how many units of it the others have in theatre (the host's included).
 */
export function unitsCalledFor(
  world: WorldState,
  nation: string,
  t: number,
  visit: (capability: string, own: number, keep: number, others: number) => void,
): void {
  const own = world.deployed[nation];
  if (!own) return;
  for (const capability in own) {
    const units = own[capability] ?? 0;
    if (units <= 0) continue;
    const curve = world.needs[capability];
    const others = unitsInTheatre(world.deployed, capability, nation);
    visit(capability, units, curve ? Math.min(units, unitsToKeep(needAt(curve, t), others)) : 0, others);
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
 * Hours after t at which a falling need next lets `nation` release one more unit, if the
 * world does not change before (closed form of the need curve); Infinity when no need it
 * serves is falling.
 */
export function hoursToNextRelease(world: WorldState, nation: string, t: number): number {
  let soonest = Infinity;
  unitsCalledFor(world, nation, t, (capability, _own, keep, others) => {
    if (keep <= 0) return;
    const curve = world.needs[capability]!;
    // keep falls to keep - 1 once coverage x need <= others + keep - 1, or the need is residual.
    const threshold = Math.max((others + keep - 1) / HANDOVER.handoverCoverage, HANDOVER.residualNeed * (1 - 1e-12));
    soonest = Math.min(soonest, hoursUntilNeedFallsTo(curve, threshold, t));
  });
  return soonest;
}

/** Hours after t until the need of `curve` is at or below `level` (0 if it already is; Infinity if it never falls). */
function hoursUntilNeedFallsTo(curve: NeedCurve, level: number, t: number): number {
  const now = needAt(curve, t);
  if (now <= level) return 0;
  if (curve.ratePerHour >= 0 || level <= 0) return Infinity;
  return Math.log(level / now) / curve.ratePerHour;
}
