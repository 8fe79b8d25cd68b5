import type { Actor } from 'xstate';
import { contributorMachine, type ContributorDelay, type ContributorEvent, type ContributorPort, type OfferChoice } from '../agents/contributor.js';
import {
  authorizationFactor,
  integrationHours,
  militaryAllowed,
  motive,
  personnelRoom,
  readinessFactor,
  sharesIntelligence,
} from '../model/levers.js';
import type { Nation, Resource } from '../scenario/schema.js';
import { drawDelay } from './delays.js';
import type { PortNetwork } from './logistics/port-network.js';
import { TRUST_RULES } from './trust/rules.js';
import type { RunContext } from './run-context.js';

/** A committed slice of one resource pool. */
interface Commitment {
  resource: Resource;
  units: number;
}

const OFFER_CONSEQUENCES: Record<OfferChoice, string> = {
  all: 'send every unit the budget and host caps allow',
  'civilian-only': 'send only civilian assets: no armed-forces restrictions, fewer units',
  half: 'send half of each pool, keeping a reserve at home',
};

/**
 * Runs one nation's contributor machine: draws its delays, asks its decisions, talks to
 * hosts and organizations, and moves its units into theatre.
 */
export class ContributorRuntime implements ContributorPort {
  private readonly actor: Actor<typeof contributorMachine>;
  private readonly isHost: boolean;
  private readonly hostsToAsk: string[];
  private readonly grants = new Map<string, { allowMilitary: boolean }>();
  private mandateObtained = false;
  private commitments: Commitment[] = [];
  private unitsPending = 0;

  constructor(
    private readonly sim: RunContext,
    readonly nation: Nation,
    private readonly ports: PortNetwork,
  ) {
    this.isHost = sim.hosts.has(nation.id);
    // A host responds on its own soil: it asks no one, not even a co-host, for consent.
    this.hostsToAsk = this.isHost ? [] : sim.scenario.crisis.hosts.slice();
    this.actor = sim.createActor(contributorMachine, { input: { port: this } });
  }

  start(): void {
    this.sim.startActor(`nation:${this.nation.id}`, this.actor, this.nation.id);
  }

  stop(): void {
    this.actor.stop();
  }

  /** Sends an event to the machine; events after it has finished (stood down, withdrawn) are moot. */
  send(event: ContributorEvent): void {
    if (this.actor.getSnapshot().status === 'active') this.actor.send(event);
  }

  /** The state the machine is in, e.g. `awaitingConsent`. */
  get state(): string {
    return String(this.actor.getSnapshot().value);
  }

  private get primaryHost(): string {
    return this.hostsToAsk[0] ?? this.nation.id;
  }

  private streamFor(purpose: string) {
    return this.sim.stream(`nation/${this.nation.id}/${purpose}`);
  }

  // ---- delays and guards --------------------------------------------------------------

  delayHours(delay: ContributorDelay): number {
    const decision = this.nation.decision;
    const sim = this.sim;
    switch (delay) {
      case 'detect':
        return drawDelay(decision.detect, this.streamFor('detect'));
      case 'decide':
        return drawDelay(decision.decide, this.streamFor('decide'));
      case 'authorize':
        return drawDelay(decision.authorize, this.streamFor('authorize')) * authorizationFactor(sim.relation(this.nation.id, this.primaryHost), this.isHost);
      case 'reassess':
        return decision.reassessHours;
      case 'integration':
        return this.integrationHours();
      case 'drawdown':
        return sim.scenario.parameters.drawdownHours;
      default: {
        const exhaustive: never = delay;
        throw new Error(`unknown delay ${String(exhaustive)}`);
      }
    }
  }

  private integrationHours(): number {
    let hours = 0;
    for (const host of this.hostsToAsk) {
      hours = Math.max(hours, integrationHours(this.nation, this.sim.nation(host), this.sim.relation(this.nation.id, host), this.sim.scenario.parameters));
    }
    return hours;
  }

  mandateRequired(): boolean {
    return !this.isHost && !this.mandateObtained && this.nation.decision.mandateFrom.length > 0;
  }

  consentRequired(): boolean {
    return this.hostsToAsk.some((host) => this.hostNeedsAsking(host));
  }

  needsIntegration(): boolean {
    return this.integrationHours() > 0;
  }

  needsIntelligence(): boolean {
    if (this.sim.scenario.crisis.kind !== 'terrorism' || this.isHost) return false;
    if (!this.nation.resources.some((resource) => resource.military)) return false;
    return this.hostsToAsk.some(
      (host) => !sharesIntelligence(this.sim.world.state.intelligenceSharing[host] ?? 'none', this.sim.relation(this.nation.id, host)),
    );
  }

  // ---- decisions ----------------------------------------------------------------------

  askActDecision(): void {
    const sim = this.sim;
    if (this.isHost) {
      // A government always responds on its own soil; the question is how fast.
      sim.ask(this.nation.id, 'act', 'Respond to the crisis at home?', { act: 'mobilize national resources' }, 'act', () => this.send({ type: 'decision.act' }));
      return;
    }
    const drive = motive(this.nation.interests, sim.scenario.crisis.kind, sim.pressure(), sim.trust(this.nation.id, this.primaryHost));
    const noisy = drive + this.streamFor('act').normal(0, 0.05);
    const threshold = this.nation.decision.actThreshold;
    sim.ask(
      this.nation.id,
      'act',
      'Commit to the response?',
      {
        act: 'start domestic authorization, then seek mandate and consent as required',
        standby: `stand by and reconsider in ${this.nation.decision.reassessHours} h or when the situation changes`,
      },
      noisy >= threshold ? 'act' : 'standby',
      (choice) => {
        if (choice === 'act') this.engageOrganizations();
        this.send({ type: choice === 'act' ? 'decision.act' : 'decision.standby' });
      },
      undefined,
      `motive ${drive.toFixed(2)}, threshold ${threshold.toFixed(2)}`,
    );
  }

  /** A foreign member decided to respond: its organizations start coordinating, mandate or not. */
  private engageOrganizations(): void {
    for (const organization of this.sim.scenario.organizations) {
      if (organization.members.includes(this.nation.id)) this.sim.organization(organization.id)?.memberEngaged(this.nation.id);
    }
  }

  askMandateDecision(): void {
    const orgs = this.nation.decision.mandateFrom.join(' or ');
    this.sim.ask(
      this.nation.id,
      'mandate',
      `Your law asks for a mandate from ${orgs} before deploying. Seek it?`,
      {
        'seek-mandate': `wait for ${orgs} to convene, deliberate and vote`,
        proceed: `deploy without a mandate: faster, but trust with the host drops by ${-TRUST_RULES['proceed-without-mandate']}`,
      },
      'seek-mandate',
      (choice) => this.send({ type: choice === 'proceed' ? 'decision.proceed' : 'decision.seek-mandate' }),
    );
  }

  askOfferDecision(): void {
    const options: Record<string, string> = {};
    for (const choice of ['all', 'civilian-only', 'half'] as const) {
      options[choice] = `${OFFER_CONSEQUENCES[choice]} (${this.unitsOffered(choice)} units)`;
    }
    this.sim.ask(this.nation.id, 'offer', 'Which resources do you offer?', options, 'all', (choice) =>
      this.send({ type: 'decision.offer', choice: choice as OfferChoice }),
    );
  }

  // ---- mandate, consent, intelligence -------------------------------------------------

  requestMandate(): void {
    for (const org of this.nation.decision.mandateFrom) this.sim.organization(org)?.request(this.nation.id);
  }

  /** An organization mandated the response (called by the organization runtime). */
  mandateGranted(organization: string): void {
    if (this.mandateObtained) return;
    this.mandateObtained = true;
    this.sim.recorder.milestone(this.nation.id, 'mandateHours', this.sim.now);
    this.sim.trace(`nation:${this.nation.id}`, 'mandate.granted', { data: { organization } });
    this.send({ type: 'mandate.granted' });
  }

  proceedWithoutMandate(): void {
    this.mandateObtained = true;
    this.sim.change(`proceed-without-mandate:${this.nation.id}`, (world) => {
      for (const host of this.hostsToAsk) this.sim.shiftTrust(world, this.nation.id, host, 'proceed-without-mandate');
    });
  }

  requestConsent(): void {
    for (const host of this.hostsToAsk) {
      if (this.grants.has(host)) continue;
      const runtime = this.sim.host(host)!;
      this.sim.schedule(runtime.latencyTo(this.nation.id), () => runtime.receiveRequest(this.nation.id));
    }
    this.checkConsents();
  }

  /** A host granted consent (called by the host runtime). */
  consentGranted(host: string, allowMilitary: boolean): void {
    this.grants.set(host, { allowMilitary });
    this.sim.trace(`nation:${this.nation.id}`, 'consent.granted', { data: { host, allowMilitary } });
    this.checkConsents();
  }

  private checkConsents(): void {
    if (!this.hostsToAsk.every((host) => this.grants.has(host) || !this.hostNeedsAsking(host))) return;
    if (this.hostsToAsk.length > 0) this.sim.recorder.milestone(this.nation.id, 'consentHours', this.sim.now);
    this.sim.schedule(0, () => this.send({ type: 'consent.granted' }));
  }

  /** Whether deploying on this host's soil needs a consent request (not automatic, or no longer open). */
  private hostNeedsAsking(host: string): boolean {
    return this.sim.nation(host).sovereignty.consent !== 'automatic' || this.sim.world.state.hostPolicy[host] !== 'open';
  }

  requestIntelligence(): void {
    let pending = 0;
    for (const host of this.hostsToAsk) {
      const runtime = this.sim.host(host)!;
      if (sharesIntelligence(this.sim.world.state.intelligenceSharing[host] ?? 'none', this.sim.relation(this.nation.id, host))) continue;
      pending++;
      runtime.askIntelligence(this.nation.id, (effectiveness) => {
        this.sim.change(`intelligence:${host}:${this.nation.id}`, (world) => {
          world.effectiveness[this.nation.id] = Math.min(world.effectiveness[this.nation.id] ?? 1, effectiveness);
        });
        if (--pending === 0) this.send({ type: 'intelligence.settled' });
      });
    }
    if (pending === 0) this.sim.schedule(0, () => this.send({ type: 'intelligence.settled' }));
  }

  // ---- resources ----------------------------------------------------------------------

  blockedBySovereignty(): boolean {
    const militaryBarred = this.hostsToAsk.some((host) => !this.militaryAllowedOn(host));
    return militaryBarred && this.unitsOffered('all') === 0 && this.plan('all', true).length > 0;
  }

  /**
   * Whether this host lets our armed forces in: as its consent said, or, where consent is
   * automatic and nobody asked, by its armed-forces rule all the same.
   */
  private militaryAllowedOn(host: string): boolean {
    const grant = this.grants.get(host);
    if (grant) return grant.allowMilitary;
    return militaryAllowed(this.sim.nation(host).sovereignty.armedForces, this.sim.relation(this.nation.id, host), this.sim.trust(host, this.nation.id));
  }

  unitsOffered(choice: OfferChoice): number {
    return this.plan(choice).reduce((sum, commitment) => sum + commitment.units, 0);
  }

  /** Units per pool the nation can commit: capacity, needs, choice, host rules, budget. */
  private plan(choice: OfferChoice, ignoreArmedForcesRules = false): Commitment[] {
    const sim = this.sim;
    const world = sim.world.state;
    const allowMilitary = choice !== 'civilian-only' && (ignoreArmedForcesRules || this.hostsToAsk.every((host) => this.militaryAllowedOn(host)));
    // The cap is shared: whoever commits first takes room from everyone after.
    let personnelLeft = Infinity;
    for (const host of this.hostsToAsk) personnelLeft = Math.min(personnelLeft, personnelRoom(this.sim.nation(host).sovereignty.foreignPersonnelCap, world.foreignPersonnel[host] ?? 0));
    let budgetLeft = world.budgetsMusd[this.nation.id] ?? 0;
    const plannedDays = sim.horizonHours / 24;
    const plan: Commitment[] = [];
    for (const resource of this.nation.resources) {
      if (resource.units <= 0 || !(resource.capability in world.needs)) continue;
      if (resource.military && !allowMilitary) continue;
      let units = choice === 'half' ? Math.ceil(resource.units / 2) : resource.units;
      const costPerUnit = resource.costMusdPerUnitDay * plannedDays;
      if (costPerUnit > 0) units = Math.min(units, Math.floor(budgetLeft / costPerUnit));
      if (resource.personnelPerUnit > 0) units = Math.min(units, Math.floor(personnelLeft / resource.personnelPerUnit));
      if (units <= 0) continue;
      budgetLeft -= units * costPerUnit;
      personnelLeft -= units * resource.personnelPerUnit;
      plan.push({ resource, units });
    }
    return plan;
  }

  commitOffer(choice: OfferChoice): void {
    this.commitments = this.plan(choice);
    const plannedDays = this.sim.horizonHours / 24;
    this.sim.change(`commit:${this.nation.id}`, (world) => {
      for (const { resource, units } of this.commitments) {
        world.budgetsMusd[this.nation.id] = (world.budgetsMusd[this.nation.id] ?? 0) - units * resource.costMusdPerUnitDay * plannedDays;
        for (const host of this.hostsToAsk) {
          if (host in world.foreignPersonnel) world.foreignPersonnel[host]! += units * resource.personnelPerUnit;
        }
      }
    });
    this.sim.trace(`nation:${this.nation.id}`, 'offer.committed', {
      data: { choice, units: Object.fromEntries(this.commitments.map(({ resource, units }) => [resource.capability, units])) },
    });
  }

  /**
   * Each pool gets ready after its readiness delay; then it arrives whole, or, where the
   * nation comes in through a port of entry, one unit per movement through the port's queue.
   */
  dispatchUnits(): void {
    const relation = this.sim.relation(this.nation.id, this.primaryHost);
    const stream = this.streamFor('readiness');
    const throughPorts = !this.isHost && this.ports.usesPorts(this.nation.id);
    this.unitsPending = 0;
    this.commitments.forEach(({ resource, units }, pool) => {
      this.unitsPending += units;
      const hours = drawDelay(resource.readiness, stream) * (this.isHost ? 1 : readinessFactor(relation));
      if (!throughPorts) {
        this.sim.schedule(hours, () => this.send({ type: 'units.arrived', pool, units }));
        return;
      }
      // Once deployed, a landing only adds a unit: no machine transition is needed for it.
      const landed = (): void => (this.deployedAlready() ? this.recordArrival(pool, 1) : this.send({ type: 'units.arrived', pool, units: 1 }));
      this.sim.schedule(hours, () => {
        let queued = false;
        for (let unit = 0; unit < units; unit++) queued = this.ports.move(this.nation.id, resource.capability, landed) || queued;
        if (queued) this.send({ type: 'movement.queued' });
      });
    });
  }

  private deployedAlready(): boolean {
    return this.actor.getSnapshot().value === 'deployed';
  }

  recordArrival(pool: number, units: number): void {
    const sim = this.sim;
    const { resource } = this.commitments[pool]!;
    const capability = resource.capability;
    sim.change(`arrival:${this.nation.id}:${capability}`, (world) => {
      const deployed = world.deployed[this.nation.id]!;
      deployed[capability] = (deployed[capability] ?? 0) + units;
    });
    sim.recorder.unitsArrived(this.nation.id, units, (units * resource.costMusdPerUnitDay) / 24);
    sim.recorder.milestone(this.nation.id, 'firstDeployHours', sim.now);
    sim.trace(`nation:${this.nation.id}`, 'units.arrived', { data: { capability, units } });
    this.ports.unitsArrived(capability);
    this.unitsPending -= units;
    if (this.unitsPending === 0) sim.recorder.milestone(this.nation.id, 'fullDeployHours', sim.now);
  }

  withdraw(): void {
    this.sim.recorder.unitsWithdrawn(this.nation.id);
    this.sim.change(`withdraw:${this.nation.id}`, (world) => {
      world.deployed[this.nation.id] = {};
      // Those who leave give their room under the host's personnel cap back.
      for (const { resource, units } of this.commitments) {
        for (const host of this.hostsToAsk) {
          if (host in world.foreignPersonnel) world.foreignPersonnel[host]! -= units * resource.personnelPerUnit;
        }
      }
    });
  }
}
