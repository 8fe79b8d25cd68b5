import type { Nation, Scenario } from '../scenario/schema.js';
import { relationKey } from './relations.js';

/**
 * Coefficients of the diplomacy rules (docs/model.md, "Diplomacy", lists each with why it
 * is plausible; a test checks the table against this record).
 */
export const DIPLOMACY = {
  /** A nation whose net motive falls this close below its threshold still acts, on conditions. */
  conditionMargin: 0.1,
  /** Motive added, times the nation's influence interest, when a rival has committed to act. */
  rivalPull: 0.25,
  /** Talks succeed with probability base + trust·w + pressure·w − rival penalty. */
  talksBase: 0.1,
  talksTrust: 0.5,
  talksPressure: 0.4,
  talksRivalPenalty: 0.3,
  /** Hours a bilateral meeting lasts, [min, mode, max]. */
  meetingHours: [4, 8, 24] as [number, number, number],
  /** A host accepts a mediator's proposal when trust·w + pressure·w + rounds·w + noise ≥ bar. */
  proposalBar: 0.6,
  proposalTrust: 0.4,
  proposalPressure: 0.4,
  proposalPerRound: 0.1,
  /** Trust a mediator needs with the host to take the mission on. */
  mediatorMinTrust: 0.4,
  /** Host policy thresholds on its score (0.5·trust + 0.6·peak pressure): open at, restrictive at. */
  hostOpenScore: 0.55,
  hostRestrictiveScore: 0.35,
  /** A host tightens its policy only after its best trust in requesters fell this much since it last chose. */
  hostTightenTrustDrop: 0.15,
  /**
   * After a policy is imposed (an inject, the exercise's government), the host loosens it
   * again only when the pressure at its reconsiderations rose this much above the pressure
   * when it was imposed (or trust rose by hostTightenTrustDrop, or a new mechanism was accepted).
   */
  hostReopenPressureRise: 0.1,
  /** Hours between two rounds of intelligence pooling between allies in theatre. */
  poolingIntervalHours: 168,
  /** An ally shares its intelligence with a pooling partner it trusts at least this much. */
  poolingMinTrust: 0.3,
  /** Trust a host needs in a nation to admit it under a restrictive policy without conditions. */
  hostTrustBar: 0.6,
  /** Incident rate multiplier with a working deconfliction channel (hotline) between rivals. */
  incidentHotlineFactor: 0.3,
  /** A contributor serves under an umbrella organization only when its mean trust with its members reaches this. */
  umbrellaMinTrust: 0.3,
  /** A nation sends its military assets unarmed only when its security interest × distrust of the host is at most this (force protection). */
  unarmedMaxRisk: 0.4,
} as const;

/**
 * Net motive: motive less the weighted share of the budget the response would cost, plus
 * the pull of a rival that is acting (influence). Clamped to 0..1.
 */
export function netMotive(motive: number, nation: Nation, costShare: number, rivalActing: boolean): number {
  const pull = rivalActing ? DIPLOMACY.rivalPull * nation.interests.influence : 0;
  const net = motive - nation.diplomacy.costWeight * Math.min(1, costShare) + pull;
  return net < 0 ? 0 : net > 1 ? 1 : net;
}

/** Probability that bilateral talks succeed. */
export function talksSuccessChance(trust: number, pressure: number, rivals: boolean): number {
  const p = DIPLOMACY.talksBase + DIPLOMACY.talksTrust * trust + DIPLOMACY.talksPressure * pressure - (rivals ? DIPLOMACY.talksRivalPenalty : 0);
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** A host's inclination to accept a mediator's proposal in shuttle round `round` (1-based), before noise. */
export function proposalScore(trustInMediator: number, pressure: number, round: number): number {
  return DIPLOMACY.proposalTrust * trustInMediator + DIPLOMACY.proposalPressure * pressure + DIPLOMACY.proposalPerRound * (round - 1);
}

/** Incident rate multiplier between two rivals: the deconfliction channel and trust lower it. */
export function incidentFactor(hotlineUp: boolean, trust: number): number {
  return (hotlineUp ? DIPLOMACY.incidentHotlineFactor : 1) * (1.3 - 0.6 * trust);
}

/** Whether two nations are regional partners: members of one `regional` organization of the scenario. */
export function regionalPartners(scenario: Scenario, a: string, b: string): boolean {
  return scenario.organizations.some((org) => org.kind === 'regional' && org.members.includes(a) && org.members.includes(b));
}

/** Rival pairs of a scenario, each once, in scenario order. */
export function rivalPairs(scenario: Scenario): [string, string][] {
  const seen = new Set<string>();
  const pairs: [string, string][] = [];
  for (const nation of scenario.nations) {
    for (const rival of nation.diplomacy.rivals) {
      const key = relationKey(nation.id, rival);
      if (seen.has(key) || rival === nation.id) continue;
      seen.add(key);
      pairs.push([nation.id, rival]);
    }
  }
  return pairs;
}

/** Peacetime cost per year of the levers the scenario's relations have built (MUSD). */
export function preparednessCostMusdPerYear(scenario: Scenario): number {
  const costs = scenario.parameters.peacetimeCostsMusdPerYear;
  let total = 0;
  for (const relation of scenario.relations) {
    if (relation.mou) total += costs.mou;
    if (relation.sofa) total += costs.sofa;
    if (relation.protocol) total += costs.protocol;
    if (relation.hotline) total += costs.hotline;
    if (relation.liaisonOfficers) total += costs.liaisonOfficers;
    total += costs.jointTraining * relation.jointTraining;
  }
  return total;
}
