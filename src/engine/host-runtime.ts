import type { Actor } from 'xstate';
import { hostMachine, type HostPort } from '../agents/host.js';
import {
  consentProcessingFactor,
  intelligenceArrangementHours,
  messageLatencyHours,
  militaryAllowed,
} from '../model/levers.js';
import type { HostPolicy, IntelligenceSharing } from '../model/world.js';
import type { Nation } from '../scenario/schema.js';
import { drawDelay } from './delays.js';
import type { RunContext } from './run-context.js';

type Policy = Exclude<HostPolicy, 'undecided'>;

const POLICY_CONSEQUENCES: Record<Policy, string> = {
  open: 'accept foreign help: every request is granted after processing',
  restrictive: 'accept help only from trusted partners (trust >= 0.6, or a SOFA, MOU or protocol); reconsider later',
  closed: 'refuse foreign deployments for now; reconsider later as needs press',
};

/**
 * Runs a host nation's sovereignty: the consent policy machine, the queue of requests,
 * and intelligence sharing with contributors.
 */
export class HostRuntime implements HostPort {
  private readonly actor: Actor<typeof hostMachine>;
  private readonly waiting: string[] = [];

  constructor(private readonly sim: RunContext, readonly nation: Nation) {
    this.actor = sim.createActor(hostMachine, { input: { port: this, automatic: nation.sovereignty.consent === 'automatic' } });
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

  /** A consent request has arrived from a contributor. */
  receiveRequest(nation: string): void {
    if (!this.waiting.includes(nation)) this.waiting.push(nation);
    this.sim.trace(`host:${this.nation.id}`, 'consent.requested', { data: { nation } });
    this.actor.send({ type: 'consent.requested' });
  }

  /** An inject imposes a policy (e.g. the host revokes consent). */
  impose(policy: Policy): void {
    this.actor.send({ type: 'policy.imposed', policy });
  }

  deliberationHours(): number {
    const base = drawDelay(this.nation.sovereignty.consentDelay, this.sim.stream(`host/${this.nation.id}/deliberation`));
    return base * (1.2 - 0.4 * this.sim.pressure());
  }

  reconsiderHours(): number {
    return this.nation.sovereignty.reconsiderHours;
  }

  askPolicyDecision(): void {
    const sovereignty = this.nation.sovereignty;
    const pressure = this.sim.pressure();
    const trustInRequesters = this.waiting.length === 0 ? 0.5 : Math.max(...this.waiting.map((nation) => this.sim.trust(this.nation.id, nation)));
    const score = 0.5 * trustInRequesters + 0.6 * pressure + this.sim.stream(`host/${this.nation.id}/policy`).normal(0, 0.05);
    let recommended: Policy;
    if (sovereignty.consent === 'refused') recommended = pressure >= sovereignty.pressureToOpen ? 'restrictive' : 'closed';
    else if (sovereignty.consent === 'automatic' || pressure >= sovereignty.pressureToOpen || score >= 0.55) recommended = 'open';
    else recommended = score >= 0.35 ? 'restrictive' : 'closed';
    this.sim.ask(
      this.nation.id,
      'consent',
      `${this.waiting.length} foreign offer(s) wait for consent (pressure of unmet needs ${pressure.toFixed(2)}). Your policy?`,
      POLICY_CONSEQUENCES,
      recommended,
      (choice) => this.actor.send({ type: 'decision.policy', policy: choice as Policy }),
    );
  }

  adoptPolicy(policy: Policy): void {
    if (this.policy !== policy) {
      this.sim.change(`policy:${this.nation.id}`, (world) => {
        world.hostPolicy[this.nation.id] = policy;
      });
    }
    this.answerRequests();
  }

  answerRequests(): void {
    const policy = this.policy;
    if (policy === 'undecided' || policy === 'closed') return;
    const still: string[] = [];
    for (const nation of this.waiting) {
      const relation = this.sim.relation(this.nation.id, nation);
      const trust = this.sim.trust(this.nation.id, nation);
      const trusted = trust >= 0.6 || relation.sofa || relation.mou || relation.protocol;
      if (policy === 'restrictive' && !trusted) {
        still.push(nation);
        continue;
      }
      const processing = drawDelay(this.nation.sovereignty.consentDelay, this.sim.stream(`host/${this.nation.id}/processing`)) * consentProcessingFactor(relation, trust);
      const allowMilitary = militaryAllowed(this.nation.sovereignty.armedForces, relation, trust);
      const contributor = this.sim.contributor(nation);
      this.sim.schedule(processing + this.latencyTo(nation), () => contributor?.consentGranted(this.nation.id, allowMilitary));
    }
    this.waiting.length = 0;
    this.waiting.push(...still);
  }

  /**
   * A contributor asks for intelligence sharing. The host decides (or its player does);
   * `settle` is called with the contributor's resulting effectiveness when it takes hold.
   */
  askIntelligence(nation: string, settle: (effectiveness: number) => void): void {
    const sharing = this.sim.world.state.intelligenceSharing[this.nation.id] ?? 'none';
    const trust = this.sim.trust(this.nation.id, nation);
    const arrangement = intelligenceArrangementHours(sharing, trust, this.sim.scenario.parameters);
    const latency = this.latencyTo(nation);
    const recommended: IntelligenceSharing = sharing === 'none' ? 'none' : trust >= 0.5 ? 'full' : 'partners';
    const options: Record<string, string> = {
      full: `share fully: ${nation} operates at full effectiveness once the message arrives (${latency.toFixed(1)} h)`,
      partners: `arrange a sharing agreement: about ${arrangement.toFixed(0)} h, then full effectiveness`,
      none: `withhold: ${nation} operates at half effectiveness after about ${(arrangement * 2).toFixed(0)} h of workarounds`,
    };
    this.sim.ask(this.nation.id, 'intelligence', `${nation} asks you to share intelligence. Share?`, options, recommended, (choice) => {
      const hours = choice === 'full' ? latency : choice === 'partners' ? arrangement : arrangement * 2;
      const effectiveness = choice === 'none' ? 0.5 : 1;
      this.sim.schedule(hours, () => settle(effectiveness));
    }, nation);
  }
}
