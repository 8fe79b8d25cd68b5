import { organizationLogic, type OrganizationActor, type OrganizationPort } from '../agents/organization.js';
import { netMotive } from '../model/diplomacy.js';
import { motive } from '../model/levers.js';
import type { Organization } from '../scenario/schema.js';
import { CoordinationCellRuntime } from './coordination/cell-runtime.js';
import { drawDelay } from './delays.js';
import type { RunContext } from './run-context.js';

/** Runs an organization's mandate process: requests, votes by the members' interests, the coordination cell. */
export class OrganizationRuntime implements OrganizationPort {
  private readonly actor: OrganizationActor;
  private readonly cell: CoordinationCellRuntime | undefined;
  private readonly requesters: string[] = [];
  private votes = new Map<string, boolean>();
  private round = 0;

  constructor(private readonly sim: RunContext, readonly organization: Organization) {
    this.actor = sim.createActor(organizationLogic, { input: { port: this } });
    const cell = organization.coordinationCell;
    this.cell = cell ? new CoordinationCellRuntime(sim, organization.id, cell.setup, this.streamFor('cell')) : undefined;
  }

  start(): void {
    this.sim.startActor(`org:${this.organization.id}`, this.actor);
    this.cell?.start();
    // A humanitarian coordination centre exists whether or not anyone seeks a mandate.
    if (this.organization.coordinationCell?.engagedBy === 'onset') this.cell?.engage('onset');
  }

  stop(): void {
    this.actor.stop();
    this.cell?.stop();
  }

  /**
   * A non-host member decided to respond: unless its cell belongs to a mandated mission,
   * the organization starts coordinating its members' forces, mandate or not.
   */
  memberEngaged(nation: string): void {
    if (this.organization.coordinationCell?.engagedBy === 'members') this.cell?.engage(`${nation} decided to respond`);
  }

  /** Its coordination cell: `none` when the organization has none, else whether it was engaged (set up or working). */
  cellStatus(): 'none' | 'idle' | 'engaged' {
    if (!this.cell) return 'none';
    return this.cell.isEngaged ? 'engaged' : 'idle';
  }

  /** A member's team sets the cell up now (a team's action): its set-up starts as when a mandate engages it. */
  standUpCell(nation: string): void {
    this.cell?.engage(`${nation} set it up`);
  }

  private streamFor(purpose: string) {
    return this.sim.stream(`org/${this.organization.id}/${purpose}`);
  }

  /** A member asks for a mandate. */
  request(nation: string): void {
    if (this.sim.world.state.mandated[this.organization.id]) {
      this.sim.schedule(0, () => this.sim.contributor(nation)?.mandateGranted(this.organization.id));
      return;
    }
    if (!this.requesters.includes(nation)) this.requesters.push(nation);
    this.actor.send({ type: 'mandate.requested' });
  }

  /** An inject mandates the response (e.g. a resolution passes). */
  impose(): void {
    this.actor.send({ type: 'mandate.imposed' });
  }

  conveneHours(): number {
    return drawDelay(this.organization.convene, this.streamFor('convene'));
  }

  deliberationHours(): number {
    return drawDelay(this.organization.deliberation, this.streamFor('deliberation'));
  }

  reconveneHours(): number {
    return this.organization.reconveneHours;
  }

  callVote(): void {
    this.round++;
    this.votes = new Map();
    const sim = this.sim;
    const host = sim.scenario.crisis.hosts[0]!;
    const noise = this.streamFor('votes');
    for (const member of this.organization.members) {
      const { inFavour, reason } = this.engineVote(member, host, noise.normal(0, 0.05));
      const round = this.round;
      sim.ask(
        member,
        'vote',
        inFavour ? 'yes' : 'no',
        (choice) => this.castVote(member, choice === 'yes'),
        () => ({
          question: `${this.organization.name} votes on a mandate (round ${round}, rule: ${this.organization.rule}). Your vote?`,
          consequences: { yes: 'vote for the mandate', no: 'vote against; the response waits for the next round' },
          // The engine's reason is for controllers: the question is read out to the room.
          detail: `engine: ${reason}`,
        }),
        this.organization.id,
      );
    }
  }

  /**
   * How a member's interests vote: a host or belligerent that refuses foreign forces, or
   * keeps a closed policy, votes no (non-interference); a member votes no
   * on a mandate its rival asked for; otherwise its net motive (interests, pressure, trust
   * in the host, less the cost of the response) against 0.9 of its act threshold.
   */
  private engineVote(member: string, host: string, noise: number): { inFavour: boolean; reason: string } {
    const sim = this.sim;
    const nation = sim.nation(member);
    const party = sim.hosts.has(member) || sim.scenario.crisis.belligerents.includes(member);
    if (party) {
      // A party that refuses foreign forces on its soil never votes to send them, whatever the
      // pressure, unless it accepted a mechanism under this organization's umbrella (mediation).
      if (sim.world.state.umbrella[member] === this.organization.id) return { inFavour: true, reason: `a party that accepted the ${this.organization.id} mechanism` };
      const policy = sim.world.state.hostPolicy[member];
      const consent = nation.sovereignty.consent;
      const admits = consent === 'automatic' || policy === 'open' || (consent === 'required' && policy !== 'closed');
      return admits ? { inFavour: true, reason: 'a party that admits help' } : { inFavour: false, reason: 'a party keeping foreign forces out: non-interference' };
    }
    const rival = this.requesters.find((requester) => nation.diplomacy.rivals.includes(requester));
    if (rival) return { inFavour: false, reason: `${rival}, a rival, asked for it` };
    const drive = motive(nation.interests, sim.scenario.crisis.kind, sim.pressure(), sim.trust(member, host));
    const net = netMotive(drive, nation, 0, false);
    return net + noise >= nation.decision.actThreshold * 0.9 ? { inFavour: true, reason: 'its interests call for it' } : { inFavour: false, reason: 'its interests are not served' };
  }

  private castVote(member: string, yes: boolean): void {
    this.votes.set(member, yes);
    if (this.votes.size < this.organization.members.length) return;
    this.sim.trace(`org:${this.organization.id}`, 'votes.counted', { data: { round: this.round, yes: [...this.votes.values()].filter(Boolean).length, of: this.votes.size } });
    // A host whose no blocked the mandate: the organization's envoy, if it has one, may mediate with it.
    if (!this.votePassed()) for (const [voter, inFavour] of this.votes) if (!inFavour && this.sim.hosts.has(voter)) this.sim.diplomacy.mandateOpposed(voter, this.organization.id);
    this.actor.send({ type: 'votes.counted' });
  }

  votePassed(): boolean {
    const yes = [...this.votes.values()].filter(Boolean).length;
    const majority = yes * 2 > this.votes.size;
    switch (this.organization.rule) {
      case 'consensus':
        return yes === this.votes.size;
      case 'majority':
        return majority;
      case 'veto':
        return majority && this.organization.vetoHolders.every((holder) => this.votes.get(holder) !== false);
      default: {
        const exhaustive: never = this.organization.rule;
        throw new Error(`unknown rule ${String(exhaustive)}`);
      }
    }
  }

  roundsLeft(): boolean {
    return this.round < this.organization.maxRounds;
  }

  grantMandate(): void {
    this.sim.change(`mandate:${this.organization.id}`, (world) => {
      world.mandated[this.organization.id] = true;
      // A member host that did not vote against the mandate can admit help under its umbrella.
      for (const host of this.sim.hosts) {
        if (this.organization.members.includes(host) && this.votes.get(host) !== false && world.umbrella[host] === undefined) world.umbrella[host] = this.organization.id;
      }
    });
    this.notifyMandated();
    this.cell?.engage('mandate granted');
  }

  private notifyMandated(): void {
    for (const nation of this.requesters.splice(0)) {
      this.sim.schedule(0, () => this.sim.contributor(nation)?.mandateGranted(this.organization.id));
    }
  }
}
