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
  /** Bilateral talks end in agreement. */
  'talks-success': 0.1,
  /** Bilateral talks end without agreement. */
  'talks-failed': -0.03,
  /** A diplomatic note of protest: it forces an answer but costs goodwill. */
  demarche: -0.05,
  /** A host accepts a mediator's proposal: trust in the mediator grows. */
  'mediation-accepted': 0.1,
  /** A contributor's units arrive under the terms the host agreed (an agreement honoured). */
  'agreement-honoured': 0.05,
  /** Units arrive with liaison officers: a confidence-building measure. */
  'confidence-building': 0.05,
  /** A nation notifies a host of the deployment it plans, with its consent request (confidence-building). */
  'deployment-notified': 0.05,
  /** A nation shares its movement plans with a rival whose forces are in theatre (confidence-building). */
  'movements-shared': 0.03,
  /** Two nations finish a joint humanitarian mission (confidence-building). */
  'joint-mission': 0.08,
  /** Two nations' forces work side by side in theatre (each pair once). */
  'joint-deployment': 0.03,
  /** A host shares intelligence with a contributor. */
  'intelligence-shared': 0.05,
  /** A host withholds intelligence from a contributor, or an ally from its pooling partner. */
  'intelligence-withheld': -0.05,
  /** An ally shares a week's intelligence with its pooling partner (relations[].intelligencePooling). */
  'intelligence-pooled': 0.01,
  /** A nation stands by while others carry the response its interests call for. */
  'free-riding': -0.03,
  /** An incident between rival intervening forces (size: the incident hazard's `trustDrop`). */
  incident: -0.1,
  /** A facilitator's inject (size: the inject's `delta`). */
  inject: 0,
} as const;

export type TrustCause = keyof typeof TRUST_RULES;

/** Every cause, in the table's order (for docs and reports). */
export const TRUST_CAUSES = Object.keys(TRUST_RULES) as TrustCause[];
