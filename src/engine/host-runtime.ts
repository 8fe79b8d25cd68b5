import { hostLogic, type HostActor, type HostPort } from '../agents/host.js';
import { DIPLOMACY, regionalPartners } from '../model/diplomacy.js';
import {
  consentProcessingFactor,
  intelligenceArrangementHours,
  messageLatencyHours,
  militaryAllowed,
} from '../model/levers.js';
import type { HostPolicy, IntelligenceSharing } from '../model/world.js';
import type { Nation } from '../scenario/schema.js';
import type { OfferCondition } from '../scenario/schema-diplomacy.js';
import { Resource } from '../kernel/resource.js';
import { drawDelay } from './delays.js';
import type { DecisionText } from './decisions.js';
import { choosePolicy, POLICY_CONSEQUENCES, tightens, type ImposedBaseline, type Policy, type PolicyReason } from './host-policy.js';
import type { HostHandle, RunContext } from './run-context.js';

/**
 * Runs a host nation's sovereignty: the consent policy agent (with hysteresis and a
 * recorded reason for every change), the queue of requests with their conditions, the
 * nations admitted after talks, and intelligence sharing with contributors.
 */
export class HostRuntime implements HostPort, HostHandle {
  private readonly actor: HostActor;
  private readonly waiting: string[] = [];
  private readonly conditions = new Map<string, readonly OfferCondition[]>();
  /** Nations admitted by agreement in talks, whatever the policy. */
  private readonly admitted = new Set<string>();
  /** Foreign nations granted consent and not asked to leave since, in grant order. */
  private readonly granted = new Set<string>();
  /** Nations whose grant is being processed (each is granted once). */
  private readonly granting = new Set<string>();
  /** While an imposed policy stands: where the host stood then (loosening needs something new). */
  private imposed: ImposedBaseline | undefined;
  private pressureSinceImposed = 0;
  private pressureFelt = 0;
  /** Best trust in requesters when the host last chose a policy (for the tightening rule). */
  private trustAtLastChoice: number | undefined;
  private nextReason: PolicyReason | undefined;
  private startedClosed: boolean;
  private firstAdmissionHours: number | null = null;
  /** The host's liaison officers for pools admitted on the host-liaison condition (null: as many as needed). */
  readonly liaisonDesk: Resource | null;

  constructor(private readonly sim: RunContext, readonly nation: Nation) {
    this.liaisonDesk = nation.sovereignty.liaisonOfficers === null ? null : new Resource(sim, nation.sovereignty.liaisonOfficers);
    this.actor = sim.createActor(hostLogic, { input: { port: this } });
    this.startedClosed = nation.sovereignty.consent === 'refused';
  }

  /**
   * For a host that started closed (refuses help, or first chose a closed policy): when it
   * first admitted foreign help (null: never). Undefined for a host that did not start closed.
   */
  accessHours(): number | null | undefined {
    return this.startedClosed ? this.firstAdmissionHours : undefined;
  }

  start(): void {
    this.sim.startActor(`host:${this.nation.id}`, this.actor);
  }

  stop(): void {
    this.actor.stop();
  }

  private get policy(): HostPolicy {
    return this.sim.world.state.hostPolicy[this.nation.id] ?? 'undecided';
  }

  /** One-way message latency between this host and a nation, hours. */
  latencyTo(nation: string): number {
    return messageLatencyHours(this.sim.hotlineUp(this.nation.id, nation), this.sim.scenario.parameters);
  }

  peakPressure(): number {
    this.pressureFelt = Math.max(this.pressureFelt, this.sim.pressure());
    return this.pressureFelt;
  }

  /** A consent request has arrived from a contributor. */
  receiveRequest(nation: string, conditions: readonly OfferCondition[]): void {
    // A request re-sent after talks that already won admission: the grant is on its way.
    if (this.granting.has(nation)) return;
    if (!this.waiting.includes(nation)) this.waiting.push(nation);
    this.conditions.set(nation, conditions);
    this.sim.trace(`host:${this.nation.id}`, 'consent.requested', { data: { nation, ...(conditions.length > 0 ? { conditions } : {}) } });
    this.actor.send({ type: 'consent.requested' });
  }

  /**
   * An inject imposes a policy (e.g. the host revokes consent). The host holds it at its
   * reconsiderations until something new (pressure, trust, a mechanism) justifies loosening.
   */
  impose(policy: Policy): void {
    const pressure = this.sim.pressure();
    this.imposed = { pressure, trust: this.bestTrustInRequesters(), umbrella: this.sim.world.state.umbrella[this.nation.id] !== undefined };
    this.pressureSinceImposed = pressure;
    this.nextReason = 'imposed';
    this.actor.send({ type: 'policy.imposed', policy });
  }

  /**
   * Best trust in the nations waiting for consent. When none waits, the value of the last
   * choice (0.5 before any): an empty queue is no loss of trust (it once read as 0.5 and
   * made a host that had trusted requesters "tighten on lost trust").
   */
  private bestTrustInRequesters(): number {
    if (this.waiting.length === 0) return this.trustAtLastChoice ?? 0.5;
    let best = 0;
    for (const nation of this.waiting) best = Math.max(best, this.sim.trust(this.nation.id, nation));
    return best;
  }

  admit(nation: string): void {
    this.admitted.add(nation);
    this.sim.trace(`host:${this.nation.id}`, 'admitted', { data: { nation, reason: 'talks' } });
    this.answerRequests();
  }

  reconsider(reason: 'mediation' | 'demarche'): void {
    this.nextReason = reason;
    this.actor.send({ type: 'reconsider' });
  }

  deliberationHours(): number {
    const base = drawDelay(this.nation.sovereignty.consentDelay, this.sim.stream(`host/${this.nation.id}/deliberation`));
    return base * (1.2 - 0.4 * this.sim.pressure());
  }

  reconsiderHours(): number {
    return this.nation.sovereignty.reconsiderHours;
  }

  askPolicyDecision(): void {
    let pressure = this.peakPressure();
    if (this.imposed) pressure = this.pressureSinceImposed = Math.max(this.pressureSinceImposed, this.sim.pressure());
    const trustInRequesters = this.bestTrustInRequesters();
    const noise = this.sim.stream(`host/${this.nation.id}/policy`).normal(0, 0.05);
    const choice = choosePolicy({
      sovereignty: this.nation.sovereignty,
      current: this.policy,
      pressure,
      trustInRequesters,
      trustAtLastChoice: this.trustAtLastChoice,
      noise,
      umbrella: this.sim.world.state.umbrella[this.nation.id] !== undefined,
      imposed: this.imposed,
    });
    this.trustAtLastChoice = trustInRequesters;
    const waiting = this.waiting.length;
    this.sim.ask(
      this.nation.id,
      'consent',
      choice.policy,
      (chosen) => {
        this.nextReason = chosen === choice.policy ? choice.reason : 'player';
        this.actor.send({ type: 'decision.policy', policy: chosen as Policy });
      },
      () => ({
        question: `${waiting} foreign offer(s) wait for consent (pressure of unmet needs ${pressure.toFixed(2)}). Your policy?`,
        consequences: POLICY_CONSEQUENCES,
        // The engine's reason is for controllers: the question is read out to the room.
        detail: `engine: ${choice.reason}`,
      }),
    );
  }

  adoptPolicy(policy: Policy): void {
    const from = this.policy;
    if (from === 'undecided' && policy === 'closed') this.startedClosed = true;
    // The host's own loosening of an imposed policy ends it: its usual rules apply again.
    if (this.nextReason !== 'imposed' && tightens(policy, from)) this.imposed = undefined;
    if (from !== policy) {
      this.sim.trace(`host:${this.nation.id}`, 'policy.changed', { data: { from, to: policy, reason: this.nextReason ?? 'pressure' } });
      this.sim.change(`policy:${this.nation.id}`, (world) => {
        world.hostPolicy[this.nation.id] = policy;
      });
    }
    if (tightens(from, policy)) this.askToLeave(policy);
    this.nextReason = undefined;
    this.answerRequests();
  }

  /**
   * The departure rule: when the host tightens its policy, a foreign nation it admitted
   * stays only if the new policy would admit it now (the same test as a new request:
   * trusted partners and nations on the host's conditions under restrictive, nations agreed
   * with in talks under any policy); the others are asked to leave, after the message
   * latency. Deployed teams draw down; teams still on their way turn back.
   */
  private askToLeave(policy: Policy): void {
    for (const nation of [...this.granted]) {
      if (this.admission(nation, policy) !== null) continue;
      this.granted.delete(nation);
      this.sim.trace(`host:${this.nation.id}`, 'departure.requested', { data: { nation, policy } });
      const contributor = this.sim.contributor(nation);
      this.sim.schedule(this.latencyTo(nation), () => contributor?.consentRevoked(this.nation.id));
    }
  }

  answerRequests(): void {
    const policy = this.policy;
    if (policy === 'undecided') return;
    const still: string[] = [];
    for (const nation of this.waiting) {
      const admission = this.admission(nation, policy);
      if (admission === null) {
        still.push(nation);
        continue;
      }
      const relation = this.sim.relation(this.nation.id, nation);
      const trust = this.sim.trust(this.nation.id, nation);
      const processing = drawDelay(this.nation.sovereignty.consentDelay, this.sim.stream(`host/${this.nation.id}/processing`)) * consentProcessingFactor(relation, trust);
      const armedForces = this.nation.sovereignty.armedForces;
      const allowMilitary = admission.allowMilitary && (militaryAllowed(armedForces, relation, trust) || (armedForces === 'restricted' && admission.reassured));
      const contributor = this.sim.contributor(nation);
      this.granting.add(nation);
      this.sim.schedule(processing + this.latencyTo(nation), () => {
        if (this.firstAdmissionHours === null) this.firstAdmissionHours = this.sim.now;
        this.granting.delete(nation);
        this.granted.add(nation);
        contributor?.consentGranted(this.nation.id, allowMilitary);
      });
    }
    this.waiting.length = 0;
    this.waiting.push(...still);
    if (still.length === 0) return;
    for (const nation of still) {
      const contributor = this.sim.contributor(nation);
      this.sim.schedule(this.latencyTo(nation), () => contributor?.consentDeferred(this.nation.id));
    }
    this.sim.diplomacy.hostKeepsOut(this.nation.id);
  }

  /**
   * Whether (and how) this host admits a nation under a policy: open admits all; a
   * nation that reached agreement in talks is admitted on the host's own conditions; under
   * a restrictive policy a trusted partner is admitted, and any other nation that offers
   * every condition the host asks for (an umbrella condition needs an umbrella in place;
   * regional-partners, a nation that is one). `reassured`: liaison officers embedded with
   * the forces, or forces that come unarmed, let military assets pass a `restricted`
   * armed-forces rule.
   */
  private admission(nation: string, policy: Exclude<HostPolicy, 'undecided'>): { allowMilitary: boolean; reassured: boolean } | null {
    const asks = this.nation.diplomacy.acceptsWith;
    const offered = this.conditions.get(nation) ?? [];
    const civilianOnly = offered.includes('civilian-only');
    const reassured = offered.includes('liaison-officers') || offered.includes('unarmed');
    if (policy === 'open') return { allowMilitary: !civilianOnly, reassured };
    if (this.admitted.has(nation)) return { allowMilitary: !civilianOnly && !asks.includes('civilian-only'), reassured };
    if (policy === 'closed') return null;
    const relation = this.sim.relation(this.nation.id, nation);
    const trusted = this.sim.trust(this.nation.id, nation) >= DIPLOMACY.hostTrustBar || relation.sofa || relation.mou || relation.protocol;
    if (trusted) return { allowMilitary: !civilianOnly, reassured };
    const umbrellaReady = !asks.includes('regional-umbrella') || this.sim.world.state.umbrella[this.nation.id] !== undefined;
    const partnerReady = !asks.includes('regional-partners') || regionalPartners(this.sim.scenario, this.nation.id, nation);
    if (asks.length > 0 && umbrellaReady && partnerReady && asks.every((condition) => offered.includes(condition))) return { allowMilitary: !civilianOnly, reassured };
    return null;
  }

  /**
   * A contributor asks for intelligence sharing. The host decides (or its player does);
   * `settle` is called with the contributor's resulting effectiveness when it takes hold.
   */
  askIntelligence(nation: string, settle: (effectiveness: number) => void): void {
    const sim = this.sim;
    const sharing = sim.world.state.intelligenceSharing[this.nation.id] ?? 'none';
    const trust = sim.trust(this.nation.id, nation);
    const arrangement = intelligenceArrangementHours(sharing, trust, sim.scenario.parameters);
    const latency = this.latencyTo(nation);
    const recommended: IntelligenceSharing = sharing === 'none' ? 'none' : trust >= 0.5 ? 'full' : 'partners';
    const text = (): DecisionText => ({
      question: `${nation} asks you to share intelligence. Share?`,
      consequences: {
        full: `share fully: ${nation} operates at full effectiveness once the message arrives (${latency.toFixed(1)} h)`,
        partners: `arrange a sharing agreement: about ${arrangement.toFixed(0)} h, then full effectiveness`,
        none: `withhold: ${nation} operates at half effectiveness after about ${(arrangement * 2).toFixed(0)} h of workarounds`,
      },
    });
    sim.ask(this.nation.id, 'intelligence', recommended, (choice) => {
      const hours = choice === 'full' ? latency : choice === 'partners' ? arrangement : arrangement * 2;
      const effectiveness = choice === 'none' ? 0.5 : 1;
      sim.change(`intelligence-${choice === 'none' ? 'withheld' : 'shared'}:${this.nation.id}:${nation}`, (world) => {
        sim.shiftTrust(world, this.nation.id, nation, choice === 'none' ? 'intelligence-withheld' : 'intelligence-shared');
      });
      sim.schedule(hours, () => settle(effectiveness));
    }, text, nation);
  }
}
