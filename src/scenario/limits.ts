/**
 * Bounds on scenario numbers that would otherwise overflow or run without end: every
 * real exercise is far inside them (docs/reliability.md, "Numbers").
 */
export const SCENARIO_LIMITS = {
  /** Hazard events per hour (escalation, attacks): 10 an hour is already a war of attrition. */
  maxHazardPerHour: 10,
  /** Units of need of one capability at onset. */
  maxNeedUnits: 1e9,
  /** Shortest doubling time of a need, hours. */
  minDoublingHours: 1,
  /** Longest run, hours (ten years). */
  maxHorizonHours: 87_600,
  /** Largest need a doubling need may grow to by the horizon, units (refused beyond: it would overflow). */
  maxGrownNeedUnits: 1e15,
} as const;
