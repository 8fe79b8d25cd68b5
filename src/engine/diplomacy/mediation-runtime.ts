import { mediationLogic, type MediationActor, type MediationPort } from '../../agents/mediation.js';
import type { RandomStream } from '../../kernel/random.js';
import type { MediationMetrics } from '../../metrics/definitions.js';
import { DIPLOMACY, proposalScore } from '../../model/diplomacy.js';
import type { RunContext } from '../run-context.js';
import { drawDelay } from '../delays.js';

/** Who mediates: an organization's envoy or a third state. */
export interface Mediator {
  id: string;
  kind: 'organization' | 'nation';
  /** The nations that speak for the mediator (an organization's members other than the host). */
  envoys: readonly string[];
  /** The nation asked to take the mission on (and, in a drill, the one who decides). */
  lead: string;
  roundHours: number;
  maxRounds: number;
  /** Sent from a meeting of the parties (a deadlocked vote): nobody needs convening, the envoy only travels. */
  fromMeeting?: boolean;
}

/** How a mediation went, for the run's metrics. */
export type MediationOutcome = MediationMetrics;

/**
 * A mediation between a host that keeps help out and would-be helpers: convening, shuttle
 * rounds, a proposal of an access mechanism under the mediator's umbrella put to the host
 * each round. The host's answer is a decision (its player can take it in a drill).
 */
export class MediationRuntime implements MediationPort {
  private readonly actor: MediationActor;
  private readonly stream: RandomStream;
  readonly outcome: MediationOutcome;

  constructor(
    private readonly sim: RunContext,
    readonly host: string,
    readonly mediator: Mediator,
    private readonly ended: (accepted: boolean) => void,
  ) {
    this.stream = sim.stream(`mediation/${host}`);
    this.outcome = { host, mediator: mediator.id, outcome: 'under-way', startHours: sim.now, hours: null, rounds: 0 };
    this.actor = sim.createActor(mediationLogic, { input: { port: this } });
  }

  start(): void {
    this.sim.startActor(`mediation:${this.host}`, this.actor);
  }

  stop(): void {
    this.actor.stop();
  }

  /** Mean trust between the host and the mediator's envoys. */
  trustInMediator(): number {
    const envoys = this.mediator.envoys;
    return envoys.reduce((sum, envoy) => sum + this.sim.trust(this.host, envoy), 0) / Math.max(1, envoys.length);
  }

  private latency(): number {
    return this.sim.host(this.host)!.latencyTo(this.mediator.lead);
  }

  conveneHours(): number {
    const organization = this.sim.scenario.organizations.find((org) => org.id === this.mediator.id);
    return organization && !this.mediator.fromMeeting ? drawDelay(organization.convene, this.stream) : this.latency();
  }

  roundHours(): number {
    return 2 * this.latency() + this.mediator.roundHours;
  }

  askHost(): void {
    const sim = this.sim;
    const round = ++this.outcome.rounds;
    for (const envoy of this.mediator.envoys) sim.noteTalks(this.host, envoy);
    const score = proposalScore(this.trustInMediator(), sim.host(this.host)!.peakPressure(), round);
    const noisy = score + this.stream.normal(0, 0.1);
    sim.ask(
      this.host,
      'proposal',
      noisy >= DIPLOMACY.proposalBar ? 'accept' : 'reject',
      (choice) => this.actor.send({ type: 'proposal.answered', accepted: choice === 'accept' }),
      () => ({
        question: `${this.mediator.id} proposes an access mechanism under its umbrella (round ${round} of ${this.mediator.maxRounds}). Accept?`,
        consequences: {
          accept: `admit foreign help that comes under the ${this.mediator.id} umbrella on your conditions; trust in the mediator grows`,
          reject: round < this.mediator.maxRounds ? 'refuse for now: the mediator shuttles another round' : 'refuse: the mediation ends',
        },
      }),
      this.mediator.id,
    );
  }

  roundsLeft(): boolean {
    return this.outcome.rounds < this.mediator.maxRounds;
  }

  succeed(): void {
    const sim = this.sim;
    this.outcome.outcome = 'accepted';
    this.outcome.hours = sim.now - this.outcome.startHours;
    sim.trace(`mediation:${this.host}`, 'mediation.accepted', { data: { mediator: this.mediator.id, rounds: this.outcome.rounds } });
    sim.change(`mediation:${this.host}`, (world) => {
      world.umbrella[this.host] = this.mediator.id;
      for (const envoy of this.mediator.envoys) sim.shiftTrust(world, this.host, envoy, 'mediation-accepted');
    });
    this.ended(true);
  }

  fail(): void {
    this.outcome.outcome = 'failed';
    this.sim.trace(`mediation:${this.host}`, 'mediation.failed', { data: { mediator: this.mediator.id, rounds: this.outcome.rounds } });
    this.ended(false);
  }
}
