import type { Nation } from '../scenario/schema.js';

/**
 * Coefficients of the confidence-building measures a nation plays (docs/model.md,
 * "Confidence-building measures", lists each with why it is plausible; a test checks the
 * table against this record).
 */
export const CONFIDENCE_BUILDING = {
  /** A nation notifies a host of the deployment it plans when its exposure risk there is at most this. */
  notifyMaxRisk: 0.3,
  /** A nation shares its movement plans with a rival in theatre when its exposure risk there is at most this. */
  transparencyMaxRisk: 0.25,
  /** Incident rate multiplier between two rivals for each side that shares its movement plans with the other. */
  transparencyIncidentFactor: 0.7,
  /** Humanitarian interest a nation needs to propose, or join, a joint humanitarian mission. */
  jointMissionMinHumanitarian: 0.5,
  /** A nation proposes a joint mission only to a partner it trusts less than this (confidence still to build). */
  jointMissionMaxTrust: 0.6,
  /** Trust a partner needs in the proposer to join its joint mission. */
  jointMissionMinTrust: 0.2,
  /** Hours from the partner's yes to the end of the joint mission (planning and the mission itself). */
  jointMissionHours: 72,
} as const;

/**
 * The risk a nation's security establishment sees in exposing its plans or its forces to a
 * party (telling it its movements, sending forces unarmed onto its soil): its security
 * interest times its distrust of that party (0: nothing to fear from a trusted partner;
 * 1: a security-minded nation facing a party it does not trust at all).
 */
export function exposureRisk(nation: Nation, trust: number): number {
  return nation.interests.security * (1 - trust);
}
