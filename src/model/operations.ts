/**
 * The named rule of operations that last (docs/model.md, "Operations that last", is tested
 * against it): after relief, a foreign contributor stays while the host and the others in
 * theatre could not cover `handoverCoverage` of the current need of a capability it serves
 * (needs below `residualNeed` count as met), checked every `checkHours`; it then draws
 * down (`parameters.drawdownHours`).
 */
export const HANDOVER = {
  /** Share of a capability's current need the others in theatre must cover before a contributor hands over. */
  handoverCoverage: 0.9,
  /** Hours between hand-over checks during the recovery. */
  checkHours: 24,
  /** Need (units) below which a capability gives a unit no work left: a decaying need never reaches 0. */
  residualNeed: 0.5,
} as const;
