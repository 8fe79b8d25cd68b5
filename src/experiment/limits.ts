/**
 * The largest experiment accepted. Plans bigger than this are refused up front, with the
 * field to change, instead of exhausting memory minutes later (each design point holds
 * its own validated scenario; the manifest lists every point).
 */
export const EXPERIMENT_LIMITS = {
  /** Values of one `range` factor. */
  maxRangeSteps: 1_000,
  /** Replications per design point. */
  maxReplications: 1_000_000,
  /** Design points (each is a scenario validated and kept in memory). */
  maxDesignPoints: 10_000,
  /** Runs in one experiment: design points x replications (a few GB of results at most). */
  maxRuns: 10_000_000,
} as const;
