/**
 * Decisions agents take. Each is a request with options and the engine's own choice;
 * for nations played by people the run pauses until a choice is given.
 */
export type DecisionKind =
  | 'act' // contributor: act or stand by
  | 'mandate' // contributor: seek the required mandate, or proceed without it
  | 'offer' // contributor: which resources to offer
  | 'consent' // host: open, restrictive or closed to foreign help
  | 'intelligence' // host: share intelligence with a contributor
  | 'vote' // organization member: vote for a mandate
  | 'hotline' // belligerent: use (or propose) a hotline after an escalation
  | 'conditions' // contributor: conditions attached to its request for consent
  | 'talks' // contributor kept out by a host: talks, a démarche, or wait
  | 'mediate' // mediator: take on mediation between a refusing host and helpers
  | 'proposal' // host: accept a mediator's proposal of an access mechanism
  | 'pooling' // ally in theatre: share this round's intelligence with a pooling partner
  | 'notify' // contributor asking consent: notify the host of the deployment it plans
  | 'transparency' // nation in theatre: share its movement plans with a rival's forces there
  | 'joint-mission'; // nation in theatre: propose (or join) a joint humanitarian mission

export interface DecisionRequest {
  /** Unique within a run, in the order decisions were asked. */
  id: number;
  nation: string;
  kind: DecisionKind;
  atHours: number;
  /** What is being decided, in one sentence. */
  question: string;
  options: readonly string[];
  /** What each option leads to, as the engine knows it. */
  consequences: Readonly<Record<string, string>>;
  /** What the engine would choose for this nation. */
  recommended: string;
  /** Organization or other nation this decision concerns, if any. */
  subject?: string;
  /** The engine's reasoning (e.g. motive against threshold): for controllers, never for the room. */
  detail?: string;
}

/**
 * What a decision asks and what each option leads to: the question, the consequence of
 * each option (its keys are the options) and the engine's reasoning (see
 * {@link DecisionRequest.detail}).
 */
export interface DecisionText {
  question: string;
  consequences: Record<string, string>;
  detail?: string;
}

/**
 * Asks `nation` to decide: engine-played nations take `recommended` at once (as a kernel
 * event at the current time), played nations make the run pause until answered. `text`
 * describes the decision; it is called only for a played nation (an engine-played one
 * reads none of it, and a run asks 40-100 decisions), so it must have no side effects.
 * `subject` names whom the decision concerns.
 */
export type AskDecision = (
  nation: string,
  kind: DecisionKind,
  recommended: string,
  apply: (choice: string) => void,
  text: () => DecisionText,
  subject?: string,
) => void;

/** Thrown when a decision is answered with an unknown id or an option it does not offer. */
export class DecisionError extends Error {
  override name = 'DecisionError';
}
