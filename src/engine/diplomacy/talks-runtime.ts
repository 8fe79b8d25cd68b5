import { talksLogic, type TalksActor, type TalksPort } from '../../agents/talks.js';
import { talksSuccessChance, DIPLOMACY } from '../../model/diplomacy.js';
import { relationKey } from '../../model/relations.js';
import type { RandomStream } from '../../kernel/random.js';
import type { RunContext } from '../run-context.js';

/**
 * One round of bilateral talks between a nation kept out and a host. The meeting comes
 * after the channel's latency (hotline or embassy); the outcome is drawn from the pair's
 * own stream (common random numbers) with a chance set by trust, the host's pressure and
 * rivalry; agreement builds trust and makes the host admit the nation.
 */
export class TalksRuntime implements TalksPort {
  private readonly actor: TalksActor;
  private readonly stream: RandomStream;

  constructor(
    private readonly sim: RunContext,
    readonly nation: string,
    readonly host: string,
    private readonly ended: (agreed: boolean) => void,
  ) {
    this.stream = sim.stream(`talks/${relationKey(nation, host)}`);
    this.actor = sim.createActor(talksLogic, { input: { port: this } });
  }

  start(): void {
    this.sim.startActor(`talks:${this.nation}-${this.host}`, this.actor);
  }

  channelHours(): number {
    return this.sim.host(this.host)!.latencyTo(this.nation);
  }

  meetingHours(): number {
    return this.stream.triangular(...DIPLOMACY.meetingHours);
  }

  agree(): boolean {
    const hostNation = this.sim.nation(this.host);
    const rivals = hostNation.diplomacy.rivals.includes(this.nation) || this.sim.nation(this.nation).diplomacy.rivals.includes(this.host);
    const chance = talksSuccessChance(this.sim.trust(this.nation, this.host), this.sim.host(this.host)!.peakPressure(), rivals);
    return this.stream.random() < chance;
  }

  conclude(agreed: boolean): void {
    const sim = this.sim;
    sim.trace(`nation:${this.nation}`, 'talks.ended', { data: { host: this.host, agreed } });
    sim.change(`talks:${this.nation}:${this.host}`, (world) => {
      sim.shiftTrust(world, this.nation, this.host, agreed ? 'talks-success' : 'talks-failed');
    });
    this.ended(agreed);
  }
}
