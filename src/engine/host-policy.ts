import { DIPLOMACY } from '../model/diplomacy.js';
import type { HostPolicy } from '../model/world.js';
import type { Nation } from '../scenario/schema.js';

export type Policy = Exclude<HostPolicy, 'undecided'>;

/** Why a host's policy changed, recorded with every change in the trace. */
export type PolicyReason = 'pressure' | 'trust' | 'trust-lost' | 'sovereignty' | 'mediation' | 'demarche' | 'hold' | 'imposed' | 'player';

export const POLICY_CONSEQUENCES: Record<Policy, string> = {
  open: 'accept foreign help: every request is granted after processing',
  restrictive: `accept help from trusted partners (trust >= ${DIPLOMACY.hostTrustBar}, or a SOFA, MOU or protocol) and from others on your conditions; reconsider later`,
  closed: 'refuse foreign deployments for now (except nations you agreed with in talks); foreign teams already admitted leave; reconsider later as needs press',
};

/** Where the host stood when a policy was imposed on it: loosening it needs something new since. */
export interface ImposedBaseline {
  /** Pressure when the policy was imposed. */
  pressure: number;
  /** Best trust in requesters then. */
  trust: number;
  /** Whether an umbrella mechanism existed then. */
  umbrella: boolean;
}

const RANK: Record<HostPolicy, number> = { undecided: -1, closed: 0, restrictive: 1, open: 2 };

export interface PolicyInputs {
  sovereignty: Nation['sovereignty'];
  current: HostPolicy;
  /** Highest pressure the host has felt (help arriving never lowers it). */
  pressure: number;
  trustInRequesters: number;
  trustAtLastChoice: number | undefined;
  noise: number;
  /** A mediated (or mandated) access mechanism is in place. */
  umbrella: boolean;
  /**
   * Set while an imposed policy stands: `pressure` is then the highest pressure at the
   * host's reconsiderations since the imposition, not since onset.
   */
  imposed?: ImposedBaseline;
}

/** Whether moving from one policy to another tightens it (open > restrictive > closed). */
export function tightens(from: HostPolicy, to: HostPolicy): boolean {
  return from !== 'undecided' && RANK[to] < RANK[from];
}

/**
 * A host's consent policy, with hysteresis: the score (0.5 · best trust in requesters +
 * 0.6 · peak pressure + noise) sets the level, but a host never tightens unless its trust
 * in the requesters fell by `hostTightenTrustDrop` since it last chose (an incident, a
 * unilateral deployment): more help arriving, which lowers today's pressure, cannot close
 * it, and noise cannot make it flap. An accepted umbrella mechanism keeps it at least
 * restrictive; a host that refuses help opens no further than restrictive. A policy imposed
 * on the host holds until something new justifies loosening it (see `somethingNew`).
 */
export function choosePolicy(inputs: PolicyInputs): { policy: Policy; reason: PolicyReason } {
  const { sovereignty, current, pressure, trustInRequesters, trustAtLastChoice, noise, umbrella } = inputs;
  let target: Policy;
  let reason: PolicyReason;
  const score = 0.5 * trustInRequesters + 0.6 * pressure + noise;
  if (sovereignty.consent === 'automatic' || (sovereignty.consent === 'required' && pressure >= sovereignty.pressureToOpen)) {
    [target, reason] = ['open', 'pressure'];
  } else if (sovereignty.consent === 'refused') {
    [target, reason] = pressure >= sovereignty.pressureToOpen ? ['restrictive', 'pressure'] : ['closed', 'sovereignty'];
  } else if (score >= DIPLOMACY.hostOpenScore) {
    [target, reason] = ['open', 'trust'];
  } else {
    [target, reason] = score >= DIPLOMACY.hostRestrictiveScore ? ['restrictive', 'trust'] : ['closed', 'trust'];
  }
  if (umbrella && RANK[target] < RANK.restrictive) [target, reason] = ['restrictive', 'mediation'];
  if (current !== 'undecided' && RANK[target] < RANK[current]) {
    const trustLost = trustAtLastChoice !== undefined && trustAtLastChoice - trustInRequesters >= DIPLOMACY.hostTightenTrustDrop;
    if (trustLost) reason = 'trust-lost';
    else [target, reason] = [current, 'hold'];
  }
  if (inputs.imposed && current !== 'undecided' && RANK[target] > RANK[current] && !somethingNew(inputs, inputs.imposed)) [target, reason] = [current, 'hold'];
  return { policy: target, reason };
}

/**
 * Whether something changed since a policy was imposed that justifies loosening it: needs
 * press clearly harder, trust in the requesters rose, or a mechanism was accepted since.
 */
function somethingNew(inputs: PolicyInputs, imposed: ImposedBaseline): boolean {
  return (
    inputs.pressure >= imposed.pressure + DIPLOMACY.hostReopenPressureRise ||
    inputs.trustInRequesters >= imposed.trust + DIPLOMACY.hostTightenTrustDrop ||
    (inputs.umbrella && !imposed.umbrella)
  );
}
