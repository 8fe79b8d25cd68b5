import { CONFIDENCE_BUILDING, exposureRisk } from '../../model/confidence-building.js';
import { rivalPairs } from '../../model/diplomacy.js';
import { messageLatencyHours } from '../../model/levers.js';
import { relationKey } from '../../model/relations.js';
import { hasUnitsDeployed } from '../../model/supply.js';
import type { RunContext } from '../run-context.js';
import { TRUST_RULES } from '../trust/rules.js';

const signed = (value: number) => (value > 0 ? `+${value}` : String(value));

/**
 * Notification of deployments, a confidence-building measure played with a consent
 * request (decision `notify`): the nation tells the host what it plans to send, where and
 * when. The engine notifies when its exposure risk with the host is at most
 * `notifyMaxRisk`. The note travels with the request and arrives first: the host's trust
 * in the nation rises (`deployment-notified`) before it weighs the request. `then` follows
 * at once, whatever the choice.
 */
export function askToNotify(sim: RunContext, nation: string, host: string, then: () => void): void {
  const trust = sim.trust(nation, host);
  const cost = exposureRisk(sim.nation(nation), trust);
  sim.ask(
    nation,
    'notify',
    cost <= CONFIDENCE_BUILDING.notifyMaxRisk ? 'notify' : 'withhold',
    (choice) => {
      if (choice === 'notify') {
        sim.trace(`nation:${nation}`, 'deployment.notified', { data: { host } });
        sim.schedule(sim.host(host)!.latencyTo(nation), () =>
          sim.change(`notified:${nation}:${host}`, (world) => {
            sim.shiftTrust(world, nation, host, 'deployment-notified');
          }),
        );
      }
      then();
    },
    () => ({
      question: `Notify ${host} of the deployment you plan (assets, ports of entry, timings) with your request (trust ${trust.toFixed(2)})?`,
      consequences: {
        notify: `send the notification with the request: ${host}'s trust ${signed(TRUST_RULES['deployment-notified'])} before it decides`,
        withhold: 'keep your plans to yourself: operational security',
      },
      detail: `exposure risk ${cost.toFixed(2)} (security interest × distrust); notifies at ≤ ${CONFIDENCE_BUILDING.notifyMaxRisk}`,
    }),
    host,
  );
}

/**
 * Confidence-building measures played once forces are in theatre:
 * - **transparency of movements** (decision `transparency`): when two rivals both have
 *   forces in theatre, each decides once whether to share its movement plans with the
 *   other (the engine shares when its exposure risk is at most `transparencyMaxRisk`);
 *   each side that shares multiplies the pair's incident rate by
 *   `transparencyIncidentFactor` once the plans arrive, and builds trust (`movements-shared`);
 * - **joint humanitarian missions** (decision `joint-mission`): a nation whose first units
 *   arrive proposes, once, a joint mission to the foreign nation in theatre it trusts least
 *   (below `jointMissionMaxTrust`) when its humanitarian interest is at least
 *   `jointMissionMinHumanitarian`; the partner joins when it trusts the proposer at least
 *   `jointMissionMinTrust` and shares that interest. A mission both are still in theatre to
 *   finish, `jointMissionHours` after the yes, builds trust (`joint-mission`).
 */
export class ConfidenceBuilding {
  /** Incident rate multiplier per rival pair (relationKey) from the movement plans shared. */
  private readonly transparency = new Map<string, number>();
  private readonly transparencyAsked = new Set<string>();
  private readonly proposed = new Set<string>();
  private readonly rivals: readonly [string, string][];

  constructor(private readonly sim: RunContext) {
    this.rivals = rivalPairs(sim.scenario);
  }

  /** The incident rate multiplier between two rivals from the movement plans they shared (1: none). */
  incidentFactor(a: string, b: string): number {
    return this.transparency.get(relationKey(a, b)) ?? 1;
  }

  /** A foreign nation's first units are in theatre. */
  forcesArrived(nation: string): void {
    for (const [a, b] of this.rivals) {
      if (a !== nation && b !== nation) continue;
      const rival = a === nation ? b : a;
      const key = relationKey(a, b);
      if (this.transparencyAsked.has(key) || !this.inTheatre(rival)) continue;
      this.transparencyAsked.add(key);
      this.askTransparency(nation, rival, key);
      this.askTransparency(rival, nation, key);
    }
    this.proposeJointMission(nation);
  }

  private inTheatre(nation: string): boolean {
    return hasUnitsDeployed(this.sim.world.state.deployed[nation]);
  }

  private latency(a: string, b: string): number {
    return messageLatencyHours(this.sim.hotlineUp(a, b), this.sim.scenario.parameters);
  }

  private askTransparency(giver: string, receiver: string, key: string): void {
    const sim = this.sim;
    const trust = sim.trust(giver, receiver);
    const cost = exposureRisk(sim.nation(giver), trust);
    sim.ask(
      giver,
      'transparency',
      cost <= CONFIDENCE_BUILDING.transparencyMaxRisk ? 'share' : 'withhold',
      (choice) => {
        if (choice !== 'share') return;
        sim.trace(`nation:${giver}`, 'movements.shared', { data: { with: receiver } });
        sim.schedule(this.latency(giver, receiver), () => {
          this.transparency.set(key, this.incidentFactor(giver, receiver) * CONFIDENCE_BUILDING.transparencyIncidentFactor);
          sim.change(`movements-shared:${giver}:${receiver}`, (world) => {
            sim.shiftTrust(world, giver, receiver, 'movements-shared');
          });
        });
      },
      () => ({
        question: `${receiver}'s forces operate in theatre beside yours. Share your movement plans (routes, flight plans, convoy times) with ${receiver} (trust ${trust.toFixed(2)})?`,
        consequences: {
          share: `share them: incidents between your forces × ${CONFIDENCE_BUILDING.transparencyIncidentFactor}, trust ${signed(TRUST_RULES['movements-shared'])}`,
          withhold: 'keep them secret: operational security',
        },
        detail: `exposure risk ${cost.toFixed(2)} (security interest × distrust); shares at ≤ ${CONFIDENCE_BUILDING.transparencyMaxRisk}`,
      }),
      receiver,
    );
  }

  /** The foreign nation in theatre the proposer trusts least, below jointMissionMaxTrust (scenario order breaks ties). */
  private partnerFor(nation: string): string | undefined {
    let partner: string | undefined;
    let lowest: number = CONFIDENCE_BUILDING.jointMissionMaxTrust;
    for (const other of this.sim.scenario.nations) {
      if (other.id === nation || this.sim.hosts.has(other.id) || !this.inTheatre(other.id)) continue;
      const trust = this.sim.trust(nation, other.id);
      if (trust < lowest) [partner, lowest] = [other.id, trust];
    }
    return partner;
  }

  private proposeJointMission(nation: string): void {
    const sim = this.sim;
    if (this.proposed.has(nation)) return;
    const partner = this.partnerFor(nation);
    if (partner === undefined) return;
    this.proposed.add(nation);
    const humanitarian = sim.nation(nation).interests.humanitarian;
    sim.ask(
      nation,
      'joint-mission',
      humanitarian >= CONFIDENCE_BUILDING.jointMissionMinHumanitarian ? 'propose' : 'no-mission',
      (choice) => {
        if (choice !== 'propose') return;
        sim.trace(`nation:${nation}`, 'joint-mission.proposed', { data: { partner } });
        sim.schedule(this.latency(nation, partner), () => this.answerJointMission(partner, nation));
      },
      () => ({
        question: `Propose a joint humanitarian mission to ${partner} (trust ${sim.trust(nation, partner).toFixed(2)})?`,
        consequences: {
          propose: `propose it: if ${partner} joins, trust ${signed(TRUST_RULES['joint-mission'])} once the mission is done (${CONFIDENCE_BUILDING.jointMissionHours} h)`,
          'no-mission': 'work on your own',
        },
        detail: `humanitarian interest ${humanitarian.toFixed(2)}; proposes at ≥ ${CONFIDENCE_BUILDING.jointMissionMinHumanitarian}`,
      }),
      partner,
    );
  }

  private answerJointMission(partner: string, proposer: string): void {
    const sim = this.sim;
    const trust = sim.trust(partner, proposer);
    const joins = trust >= CONFIDENCE_BUILDING.jointMissionMinTrust && sim.nation(partner).interests.humanitarian >= CONFIDENCE_BUILDING.jointMissionMinHumanitarian;
    sim.ask(
      partner,
      'joint-mission',
      joins ? 'join' : 'decline',
      (choice) => {
        sim.trace(`nation:${partner}`, choice === 'join' ? 'joint-mission.joined' : 'joint-mission.declined', { data: { with: proposer } });
        if (choice !== 'join') return;
        sim.schedule(this.latency(partner, proposer) + CONFIDENCE_BUILDING.jointMissionHours, () => {
          if (!this.inTheatre(partner) || !this.inTheatre(proposer)) return;
          sim.trace(`nation:${proposer}`, 'joint-mission.done', { data: { with: partner } });
          sim.change(`joint-mission:${proposer}:${partner}`, (world) => {
            sim.shiftTrust(world, proposer, partner, 'joint-mission');
          });
        });
      },
      () => ({
        question: `${proposer} proposes a joint humanitarian mission (trust ${trust.toFixed(2)}). Join?`,
        consequences: {
          join: `join it: trust ${signed(TRUST_RULES['joint-mission'])} with ${proposer} once it is done (${CONFIDENCE_BUILDING.jointMissionHours} h), if both are still in theatre`,
          decline: 'decline: work on your own',
        },
        detail: `trust ${trust.toFixed(2)} (joins at ≥ ${CONFIDENCE_BUILDING.jointMissionMinTrust}), humanitarian interest ${sim.nation(partner).interests.humanitarian.toFixed(2)}`,
      }),
      proposer,
    );
  }
}
