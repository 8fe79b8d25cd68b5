import { DIPLOMACY } from '../../model/diplomacy.js';
import { relationKey } from '../../model/relations.js';
import type { Organization } from '../../scenario/schema.js';
import type { DiplomacyHandle, RunContext } from '../run-context.js';
import { ConfidenceBuilding } from './confidence-building.js';
import { Incidents } from './incidents.js';
import { IntelligencePooling } from './intelligence-pooling.js';
import { MediationRuntime, type MediationOutcome, type Mediator } from './mediation-runtime.js';
import { TalksRuntime } from './talks-runtime.js';

/**
 * An organization's envoy to one of its members: its lead alone when the scenario names one
 * (the chair), else every other member, led by the first. Undefined without an envoy.
 */
function organizationMediator(org: Organization, host: string): Mediator | undefined {
  if (!org.envoy || !org.members.includes(host)) return undefined;
  const envoys = org.envoy.lead !== undefined && org.envoy.lead !== host ? [org.envoy.lead] : org.members.filter((member) => member !== host);
  if (envoys.length === 0) return undefined;
  return { id: org.id, kind: 'organization', envoys, lead: envoys[0]!, roundHours: org.envoy.roundHours, maxRounds: org.envoy.maxRounds };
}

/** Talks one nation may hold with one host in a run: after that it waits for others (mediation). */
export const TALKS_PER_PAIR = 3;

/**
 * The diplomacy subsystem of a run: bilateral talks, mediation between hosts that keep
 * help out and would-be helpers, and incidents between rival intervening forces. The
 * runtimes reach it through {@link DiplomacyHandle}; it reaches the run through RunContext.
 */
export class Diplomacy implements DiplomacyHandle {
  private readonly talksUnderWay = new Set<string>();
  private readonly talksHeld = new Map<string, number>();
  private readonly talksByNation = new Map<string, number>();
  private readonly mediations = new Map<string, MediationRuntime>();
  private readonly mediationPending = new Set<string>();
  private readonly incidents: Incidents;
  private readonly pooling: IntelligencePooling;
  private readonly confidence: ConfidenceBuilding;

  constructor(private readonly sim: RunContext) {
    this.confidence = new ConfidenceBuilding(sim);
    this.incidents = new Incidents(sim, this.confidence);
    this.pooling = new IntelligencePooling(sim);
  }

  forcesArrived(nation: string): void {
    this.pooling.forcesArrived(nation);
    this.confidence.forcesArrived(nation);
  }

  start(): void {
    this.incidents.start();
  }

  stop(): void {
    for (const mediation of this.mediations.values()) mediation.stop();
  }

  startTalks(nation: string, host: string): boolean {
    const key = relationKey(nation, host);
    const held = this.talksHeld.get(key) ?? 0;
    if (this.talksUnderWay.has(key) || held >= TALKS_PER_PAIR) return false;
    this.talksUnderWay.add(key);
    this.talksHeld.set(key, held + 1);
    this.talksByNation.set(nation, (this.talksByNation.get(nation) ?? 0) + 1);
    this.sim.noteTalks(nation, host);
    this.sim.trace(`nation:${nation}`, 'talks.requested', { data: { host } });
    const talks = new TalksRuntime(this.sim, nation, host, (agreed) => {
      this.talksUnderWay.delete(key);
      if (agreed) this.sim.host(host)?.admit(nation);
      this.sim.contributor(nation)?.send({ type: 'talks.ended' });
    });
    talks.start();
    return true;
  }

  talksLeft(nation: string, host: string): number {
    const key = relationKey(nation, host);
    return this.talksUnderWay.has(key) ? 0 : TALKS_PER_PAIR - (this.talksHeld.get(key) ?? 0);
  }

  /** Talks a nation held (as requester) in this run. */
  talksOf(nation: string): number {
    return this.talksByNation.get(nation) ?? 0;
  }

  mediating(host: string): boolean {
    return this.mediations.get(host)?.outcome.outcome === 'under-way';
  }

  hostKeepsOut(host: string): void {
    if (this.mediations.has(host) || this.mediationPending.has(host)) return;
    const mediator = this.findMediator(host);
    if (!mediator) return;
    this.mediationPending.add(host);
    const startAfter = this.sim.scenario.organizations.find((org) => org.id === mediator.id)?.envoy?.startAfterHours ?? 72;
    this.sim.schedule(startAfter, () => this.offerMediation(host, mediator, `${host} keeps foreign help out`));
  }

  mandateOpposed(member: string, organization: string): void {
    if (!this.sim.host(member) || this.mediations.has(member) || this.mediationPending.has(member)) return;
    const org = this.sim.scenario.organizations.find((candidate) => candidate.id === organization);
    const envoy = org ? organizationMediator(org, member) : undefined;
    if (!envoy) return;
    this.mediationPending.add(member);
    // The envoy is sent from the meeting that deadlocked: no waiting period, nobody to convene.
    const mediator: Mediator = { ...envoy, fromMeeting: true };
    this.sim.schedule(0, () => this.offerMediation(member, mediator, `${member}'s no blocks the ${organization} mandate`));
  }

  private offerMediation(host: string, mediator: Mediator, why: string): void {
    const sim = this.sim;
    const trust = mediator.envoys.reduce((sum, envoy) => sum + sim.trust(host, envoy), 0) / Math.max(1, mediator.envoys.length);
    sim.ask(
      mediator.lead,
      'mediate',
      trust >= DIPLOMACY.mediatorMinTrust ? 'mediate' : 'stay-out',
      (choice) => {
        this.mediationPending.delete(host);
        if (choice === 'mediate') this.startMediation(host, mediator);
        else this.mediations.set(host, this.declinedMediation(host, mediator));
      },
      () => ({
        question: `${why}. Should ${mediator.id} mediate (trust with ${host} ${trust.toFixed(2)})?`,
        consequences: {
          mediate: `send an envoy: convene the parties, shuttle up to ${mediator.maxRounds} rounds, propose an access mechanism under the ${mediator.id} umbrella`,
          'stay-out': 'leave access to bilateral talks',
        },
      }),
      host,
    );
  }

  /** A placeholder so a refused offer of mediation is not asked again every reconsideration. */
  private declinedMediation(host: string, mediator: Mediator): MediationRuntime {
    const runtime = new MediationRuntime(this.sim, host, mediator, () => {});
    runtime.outcome.outcome = 'failed';
    return runtime;
  }

  private startMediation(host: string, mediator: Mediator): void {
    const sim = this.sim;
    sim.trace(`mediation:${host}`, 'mediation.started', { data: { mediator: mediator.id } });
    const runtime = new MediationRuntime(sim, host, mediator, (accepted) => {
      if (accepted) sim.host(host)?.reconsider('mediation');
      for (const contributor of sim.contributorList()) if (contributor.nation.id !== host) contributor.send({ type: 'mediation.ended' });
    });
    this.mediations.set(host, runtime);
    for (const contributor of sim.contributorList()) if (contributor.nation.id !== host) contributor.send({ type: 'mediation.started' });
    runtime.start();
  }

  /**
   * The mediator for a host: an organization with an envoy that the host belongs to, or a
   * nation offering good offices, whichever the host trusts most (scenario order breaks ties).
   */
  private findMediator(host: string): Mediator | undefined {
    const sim = this.sim;
    const candidates: Mediator[] = [];
    for (const org of sim.scenario.organizations) {
      const mediator = organizationMediator(org, host);
      if (mediator) candidates.push(mediator);
    }
    for (const nation of sim.scenario.nations) {
      if (!nation.diplomacy.mediator || sim.hosts.has(nation.id)) continue;
      candidates.push({ id: nation.id, kind: 'nation', envoys: [nation.id], lead: nation.id, roundHours: 48, maxRounds: 4 });
    }
    const trustOf = (mediator: Mediator) => mediator.envoys.reduce((sum, envoy) => sum + sim.trust(host, envoy), 0) / mediator.envoys.length;
    let best: Mediator | undefined;
    for (const candidate of candidates) if (!best || trustOf(candidate) > trustOf(best)) best = candidate;
    return best;
  }

  /** Mediations of this run, in the order they started (declined offers excluded). */
  mediationOutcomes(): MediationOutcome[] {
    return [...this.mediations.values()].filter((runtime) => runtime.outcome.rounds > 0 || runtime.outcome.outcome === 'under-way').map((runtime) => ({ ...runtime.outcome }));
  }

  get incidentCount(): number {
    return this.sim.world.state.incidents;
  }
}
