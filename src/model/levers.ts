import type { CrisisKind, Nation, Parameters, Relation } from '../scenario/schema.js';

/**
 * The defense-diplomacy levers as pure functions: how agreements, hotlines, joint training
 * and trust change delays and hazards. Every factor is documented in docs/model.md.
 */

/** Weight of each interest in deciding to respond to each kind of crisis. */
const RELEVANCE: Record<CrisisKind, Record<keyof Nation['interests'], number>> = {
  disaster: { humanitarian: 1, economic: 0.4, influence: 0.4, security: 0.1 },
  conflict: { humanitarian: 0.4, economic: 0.2, influence: 0.6, security: 1 },
  terrorism: { humanitarian: 0.2, economic: 0.2, influence: 0.3, security: 1 },
};

/**
 * Motive to act, 0..1: interests weighted by their relevance to this kind of crisis,
 * raised by the pressure of unmet needs and by trust in the host.
 */
export function motive(interests: Nation['interests'], kind: CrisisKind, pressure: number, trustWithHost: number): number {
  const relevance = RELEVANCE[kind];
  const interest =
    (interests.humanitarian * relevance.humanitarian +
      interests.security * relevance.security +
      interests.influence * relevance.influence +
      interests.economic * relevance.economic) /
    (relevance.humanitarian + relevance.security + relevance.influence + relevance.economic);
  return clamp01(0.55 * Math.min(1, interest * 2) + 0.3 * pressure + 0.15 * trustWithHost);
}

/** Domestic authorization time multiplier: protocols pre-authorize, MOUs pre-clear. */
export function authorizationFactor(relation: Relation, domestic: boolean): number {
  if (domestic) return 0.25;
  return (relation.protocol ? 0.4 : 1) * (relation.mou ? 0.8 : 1);
}

/** Host's time to process one consent request, as a multiple of its consent delay. */
export function consentProcessingFactor(relation: Relation, trust: number): number {
  return 0.25 * (1.5 - trust) * (relation.protocol ? 0.3 : 1) * (relation.sofa ? 0.5 : 1);
}

/** One-way message latency between two governments, hours. */
export function messageLatencyHours(hotlineUp: boolean, parameters: Parameters): number {
  return hotlineUp ? parameters.hotlineLatencyHours : parameters.diplomaticLatencyHours;
}

/** Integration (interoperability) delay, hours: none with a shared framework, cut by joint training. */
export function integrationHours(contributor: Nation, host: Nation, relation: Relation, parameters: Parameters): number {
  if (contributor.id === host.id) return 0;
  if (contributor.frameworks.some((framework) => host.frameworks.includes(framework))) return 0;
  return parameters.integrationHours * (1 - 0.75 * relation.jointTraining) * (relation.protocol ? 0.5 : 1);
}

/** Readiness multiplier: units that train together deploy together faster. */
export function readinessFactor(relation: Relation): number {
  return 1 - 0.3 * relation.jointTraining;
}

/** Whether a host shares intelligence with this contributor without a special arrangement. */
export function sharesIntelligence(sharing: 'full' | 'partners' | 'none', relation: Relation): boolean {
  return sharing === 'full' || (sharing === 'partners' && (relation.mou || relation.protocol));
}

/** Hours to arrange intelligence sharing where the host does not share freely; trust shortens it. */
export function intelligenceArrangementHours(sharing: 'full' | 'partners' | 'none', trust: number, parameters: Parameters): number {
  const base = parameters.intelligenceArrangementHours * (1.2 - trust);
  return sharing === 'none' ? 2 * base : base;
}

/**
 * Foreign personnel a host can still admit: its cap less everyone already admitted. One
 * room shared by all contributors, whatever the consent mode.
 */
export function personnelRoom(cap: number | null, admitted: number): number {
  return cap === null ? Infinity : Math.max(0, cap - admitted);
}

/** Clearance of foreign armed forces by a host whose `armedForces` is `restricted`. */
export const MILITARY_CLEARANCE = {
  /** Trust (0..1) at or above which a restricting host clears a contributor's military assets without a SOFA or protocol. */
  trustAtLeast: 0.7,
} as const;

/** Whether the host lets this contributor's armed forces in. */
export function militaryAllowed(armedForces: 'allowed' | 'restricted' | 'forbidden', relation: Relation, trust: number): boolean {
  if (armedForces === 'allowed') return true;
  if (armedForces === 'forbidden') return false;
  return relation.sofa || relation.protocol || trust >= MILITARY_CLEARANCE.trustAtLeast;
}

/**
 * Escalation hazard multiplier in a conflict: a working hotline between the belligerents
 * and their trust lower it, cover of needs (peacekeeping, monitors) lowers it, and
 * several contributors acting without a coordination cell raise it.
 */
export function escalationFactor(hotlineUp: boolean, trust: number, coverage: number, uncoordinated: boolean): number {
  return (hotlineUp ? 0.35 : 1) * (1.3 - 0.6 * trust) * (1 - 0.6 * coverage) * (uncoordinated ? 1.2 : 1);
}

/** Attack hazard multiplier in terrorism: counter-terrorism cover and shared intelligence lower it. */
export function attackFactor(coverage: number, hostSharing: 'full' | 'partners' | 'none'): number {
  return (1 - 0.7 * coverage) * (hostSharing === 'none' ? 1.25 : hostSharing === 'partners' ? 1 : 0.85);
}

export function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

