/**
 * Named causes of trust changes and their default size (trust points, on the 0..1 scale).
 * Every change of trust in a run is one of these, traced as `trust.changed` with its cause.
 * docs/model.md lists this table (a test checks it).
 */
export const TRUST_RULES = {
  /** A belligerent uses a working hotline after an escalation. */
  'hotline-call': 0.1,
  /** An escalation between belligerents (size: the hazard's `trustDrop`). */
  escalation: -0.1,
  /** An attack while a partner's forces are on the host's soil (size: the hazard's `trustDrop`). */
  attack: -0.1,
  /** A contributor deploys without the mandate its own law asks for: unilateral action. */
  'proceed-without-mandate': -0.2,
  /** A facilitator's inject (size: the inject's `delta`). */
  inject: 0,
} as const;

export type TrustCause = keyof typeof TRUST_RULES;

/** Every cause, in the table's order (for docs and reports). */
export const TRUST_CAUSES = Object.keys(TRUST_RULES) as TrustCause[];
