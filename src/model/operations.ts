/**
 * The named rule of operations that last (docs/model.md, "Operations that last", is tested
 * against it): after relief, a foreign contributor keeps in theatre, of each capability it
 * serves, the fewest units with which the others in theatre and it cover
 * `handoverCoverage` of the current need (none once the need is below `residualNeed`);
 * the units the need no longer calls for go home at its daily review (every `checkHours`
 * from the end of relief), so the force draws down as needs fall. Once it has handed all
 * of its work over, it has left.
 */
export const HANDOVER = {
  /** Share of a capability's current need the others in theatre must cover before a contributor hands over. */
  handoverCoverage: 0.9,
  /** Hours between a contributor's reviews of the units it still needs, during the recovery. */
  checkHours: 24,
  /** Need (units) below which a capability gives a unit no work left: a decaying need never reaches 0. */
  residualNeed: 0.5,
} as const;
