import type { Actor } from 'xstate';
import { contributorMachine, type ContributorDelay, type ContributorEvent, type ContributorPort, type OfferChoice } from '../agents/contributor.js';
import {
  authorizationFactor,
  integrationHours,
  militaryAllowed,
  motive,
  personnelRoom,
  sharesIntelligence,
} from '../model/levers.js';
import { DIPLOMACY, netMotive } from '../model/diplomacy.js';
import type { Nation } from '../scenario/schema.js';
import type { OfferCondition } from '../scenario/schema-diplomacy.js';
import { drawDelay } from './delays.js';
import type { PortNetwork } from './logistics/port-network.js';
import type { LiftNetwork } from './logistics/lift.js';
import type { CivilMilitaryTasking } from './coordination/civil-military.js';
import { poolTerms } from './logistics/consent-terms.js';
import { PoolDispatcher, type Commitment } from './logistics/dispatcher.js';
import { conditionsChoice, cooperationOnArrival, offeredStayHours, TALKS_CONSEQUENCES } from './diplomacy/choices.js';
import { TRUST_RULES } from './trust/rules.js';
import type { ContributorHandle, RunContext } from './run-context.js';

const OFFER_CONSEQUENCES: Record<OfferChoice, string> = {
  all: 'send every unit the budget and host caps allow',
  'civilian-only': 'send only civilian assets: no armed-forces restrictions, fewer units',
  half: 'send half of each pool, keeping a reserve at home',
};

/**
 * Runs one nation's contributor machine: draws its delays, asks its decisions, talks to
 * hosts and organizations, and moves its units into theatre.
 */
export class ContributorRuntime implements ContributorPort, ContributorHandle {
  private readonly actor: Actor<typeof contributorMachine>;
  private readonly isHost: boolean;
  private readonly hostsToAsk: string[];
  private readonly grants = new Map<string, { allowMilitary: boolean }>();
  private mandateObtained = false;
  /** Conditions attached to requests, per host (chosen once per host and umbrella state). */
  private readonly conditionsFor = new Map<string, readonly OfferCondition[]>();
  private readonly conditionsAsked = new Map<string, boolean>();
  private readonly lastTalksAsk = new Map<string, number>();
  private committedToAct = false;
  private askedToAct = false;
  private freeRode = false;
  /** Acting on conditions: net motive fell just short of the threshold. */
  private conditional = false;
  private commitments: Commitment[] = [];
  private unitsPending = 0;
  private arrivedOnce = false;
  /** Units of each committed pool in theatre now. */
  private poolInTheatre: number[] = [];
  /** Pools that went home before the drawdown (time-limited grants). */
  private readonly leftEarly = new Set<number>();
  private readonly dispatcher: PoolDispatcher;

  constructor(
    private readonly sim: RunContext,
    readonly nation: Nation,
    private readonly logistics: { ports: PortNetwork; lift: LiftNetwork; tasking: CivilMilitaryTasking },
  ) {
    this.isHost = sim.hosts.has(nation.id);
    // A host responds on its own soil: it asks no one, not even a co-host, for consent.
    this.hostsToAsk = this.isHost ? [] : sim.scenario.crisis.hosts.slice();
    this.actor = sim.createActor(contributorMachine, { input: { port: this } });
    this.dispatcher = new PoolDispatcher(sim, nation, this.hostsToAsk, logistics.ports, logistics.lift, {
      landed: (pool, units) => (this.deployedAlready() ? this.recordArrival(pool, units) : this.send({ type: 'units.arrived', pool, units })),
      queued: () => this.send({ type: 'movement.queued' }),
      expired: (pool) => this.poolLeaves(pool, 'time-limited'),
    });
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
    const nation = this.nation;
    const drive = motive(nation.interests, sim.scenario.crisis.kind, sim.pressure(), sim.trust(nation.id, this.primaryHost));
    const rivalActing = nation.diplomacy.rivals.some((rival) => sim.contributor(rival)?.committed ?? false);
    const budget = sim.world.state.budgetsMusd[nation.id] ?? 0;
    const costShare = budget > 0 ? this.plannedCostMusd() / budget : 1;
    const net = netMotive(drive, nation, costShare, rivalActing);
    const noisy = net + this.streamFor('act').normal(0, 0.05);
    const threshold = nation.decision.actThreshold;
    const acts = noisy >= threshold - DIPLOMACY.conditionMargin;
    const othersActing = sim.contributorList().some((other) => other !== this && other.committed);
    this.askedToAct = true;
    sim.ask(
      nation.id,
      'act',
      'Commit to the response?',
      {
        act: 'start domestic authorization, then seek mandate and consent as required',
        standby: `stand by and reconsider in ${nation.decision.reassessHours} h or when the situation changes${othersActing ? ' (others carry the response: partners see free-riding)' : ''}`,
      },
      acts ? 'act' : 'standby',
      (choice) => {
        if (choice === 'act') {
          this.committedToAct = true;
          this.conditional = noisy < threshold;
          this.engageOrganizations();
        } else if (othersActing && nation.interests.humanitarian >= 0.5 && !this.freeRode) {
          this.freeRode = true;
          sim.change(`free-riding:${nation.id}`, (world) => {
            for (const host of this.hostsToAsk) sim.shiftTrust(world, nation.id, host, 'free-riding');
          });
        }
        this.send({ type: choice === 'act' ? 'decision.act' : 'decision.standby' });
      },
      undefined,
      `motive ${drive.toFixed(2)}, less cost ${(nation.diplomacy.costWeight * Math.min(1, costShare)).toFixed(2)}${rivalActing ? ', plus the pull of an acting rival' : ''}: ${net.toFixed(2)}; threshold ${threshold.toFixed(2)}${acts && noisy < threshold ? ' (acts on conditions)' : ''}`,
    );
  }

  /** A foreign member decided to respond: its organizations start coordinating, mandate or not. */
  private engageOrganizations(): void {
    for (const organization of this.sim.scenario.organizations) {
      if (organization.members.includes(this.nation.id)) this.sim.organization(organization.id)?.memberEngaged(this.nation.id);
    }
  }

  /** Cost of committing every pool for the horizon, within budget (MUSD). */
  private plannedCostMusd(): number {
    const plannedDays = this.sim.horizonHours / 24;
    return this.plan('all', true).reduce((sum, { resource, units }) => sum + units * resource.costMusdPerUnitDay * plannedDays, 0);
  }

  get committed(): boolean {
    return this.committedToAct;
  }

  /** Whether the nation was asked to act and never did (for the `declined` metric). */
  get declined(): boolean {
    return this.askedToAct && !this.committedToAct;
  }

  /** Every condition the nation attached to a request in this run. */
  conditionsOffered(): OfferCondition[] {
    const all = new Set<OfferCondition>();
    for (const conditions of this.conditionsFor.values()) for (const condition of conditions) all.add(condition);
    return [...all];
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
    const recommended = this.conditional ? (this.unitsOffered('civilian-only') > 0 ? 'civilian-only' : 'half') : 'all';
    this.sim.ask(this.nation.id, 'offer', `Which resources do you offer?${this.conditional ? ' (your motive barely clears the bar: a conditioned offer)' : ''}`, options, recommended, (choice) =>
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
      this.withConditions(host, (conditions) => {
        const runtime = this.sim.host(host)!;
        this.sim.schedule(runtime.latencyTo(this.nation.id), () => runtime.receiveRequest(this.nation.id, conditions));
      });
    }
    this.checkConsents();
  }

  /**
   * Calls `send` with the conditions to attach to a request to `host`: asked as a decision
   * when the host asks conditions of nations it does not trust (again once an umbrella
   * mechanism exists), otherwise none or the conditions chosen before.
   */
  private withConditions(host: string, send: (conditions: readonly OfferCondition[]) => void): void {
    const sim = this.sim;
    const umbrella = sim.world.state.umbrella[host];
    const key = `${host}|${umbrella ?? ''}`;
    const offer = conditionsChoice(sim, this.nation, host, this.unitsOffered('civilian-only'), this.unitsOffered('all'));
    if (offer === null || this.conditionsAsked.get(key)) {
      if (this.conditional && !this.conditionsFor.has(host) && this.unitsOffered('civilian-only') > 0) this.conditionsFor.set(host, ['civilian-only']);
      send(this.conditionsFor.get(host) ?? []);
      return;
    }
    this.conditionsAsked.set(key, true);
    sim.ask(this.nation.id, 'conditions', offer.question, offer.consequences, offer.recommended, (choice) => {
      const conditions = choice === 'host-terms' ? offer.terms : [];
      this.conditionsFor.set(host, conditions);
      if (conditions.length > 0) sim.trace(`nation:${this.nation.id}`, 'conditions.offered', { data: { host, conditions } });
      send(conditions);
    }, host);
  }

  /** A host left the request waiting: talks, a démarche, or waiting, at most once per reassessment period. */
  consentDeferred(host: string): void {
    const sim = this.sim;
    if (this.state !== 'awaitingConsent' || this.grants.has(host)) return;
    const last = this.lastTalksAsk.get(host);
    if (last !== undefined && sim.now - last < this.nation.decision.reassessHours) return;
    this.lastTalksAsk.set(host, sim.now);
    const talksLeft = sim.diplomacy.talksLeft(this.nation.id, host);
    const options: Record<string, string> = {};
    if (talksLeft > 0) options['talks'] = `${TALKS_CONSEQUENCES.talks} (${talksLeft} left with ${host})`;
    options['demarche'] = TALKS_CONSEQUENCES.demarche;
    options['wait'] = TALKS_CONSEQUENCES.wait;
    const trust = sim.trust(this.nation.id, host);
    const recommended = sim.diplomacy.mediating(host) ? 'wait' : talksLeft > 0 ? 'talks' : trust < 0.1 && this.nation.interests.security >= 0.5 ? 'demarche' : 'wait';
    sim.ask(this.nation.id, 'talks', `${host} keeps your offer waiting (trust ${trust.toFixed(2)}). Seek talks?`, options, recommended, (choice) => {
      if (choice === 'talks') {
        if (sim.diplomacy.startTalks(this.nation.id, host)) this.send({ type: 'talks.started' });
      } else if (choice === 'demarche') {
        sim.trace(`nation:${this.nation.id}`, 'demarche', { data: { host } });
        sim.change(`demarche:${this.nation.id}:${host}`, (world) => {
          sim.shiftTrust(world, this.nation.id, host, 'demarche');
        });
        sim.schedule(sim.host(host)!.latencyTo(this.nation.id), () => sim.host(host)?.reconsider('demarche'));
      }
    }, host);
  }

  /** A host granted consent (called by the host runtime). */
  consentGranted(host: string, allowMilitary: boolean): void {
    this.grants.set(host, { allowMilitary });
    this.sim.trace(`nation:${this.nation.id}`, 'consent.granted', { data: { host, allowMilitary } });
    this.checkConsents();
  }

  consentRevoked(host: string): void {
    if (!this.grants.delete(host)) return;
    this.sim.trace(`nation:${this.nation.id}`, 'consent.revoked', { data: { host } });
    this.send({ type: 'consent.revoked' });
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

  /** Whether the hosts' rules (armed forces, consent per asset), not budget or caps, keep every unit out. */
  blockedBySovereignty(): boolean {
    return this.unitsOffered('all') === 0 && this.plan('all', true).length > 0;
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

  /**
   * Units per pool the nation can commit: capacity, needs, choice, host rules (armed
   * forces, consent per asset; `ignoreHostRules` for what they keep out), budget, caps.
   */
  private plan(choice: OfferChoice, ignoreHostRules = false): Commitment[] {
    const sim = this.sim;
    const world = sim.world.state;
    const allowMilitary = choice !== 'civilian-only' && (ignoreHostRules || this.hostsToAsk.every((host) => this.militaryAllowedOn(host)));
    const hostNations = this.hostsToAsk.map((host) => sim.nation(host));
    // The cap is shared: whoever commits first takes room from everyone after.
    let personnelLeft = Infinity;
    for (const host of this.hostsToAsk) personnelLeft = Math.min(personnelLeft, personnelRoom(this.sim.nation(host).sovereignty.foreignPersonnelCap, world.foreignPersonnel[host] ?? 0));
    let budgetLeft = world.budgetsMusd[this.nation.id] ?? 0;
    const plannedDays = sim.horizonHours / 24;
    const plan: Commitment[] = [];
    // A stay the nation offered as a condition (time-limited) binds every pool, like a host's time-limited grant.
    const stayHours = offeredStayHours(sim, this.hostsToAsk, this.conditionsFor);
    for (const resource of this.nation.resources) {
      if (resource.units <= 0 || !(resource.capability in world.needs)) continue;
      if (resource.military && !allowMilitary) continue;
      const granted = poolTerms(hostNations, this.nation.id, resource);
      const terms = stayHours === null ? granted : { ...granted, forHours: Math.min(granted.forHours ?? Infinity, stayHours) };
      if (terms.refused && !ignoreHostRules) continue;
      let units = choice === 'half' ? Math.ceil(resource.units / 2) : resource.units;
      // Military assets go where a humanitarian coordination cell tasks them (Oslo Guidelines).
      if (!ignoreHostRules) units = this.logistics.tasking.tasked(resource, units, !this.isHost);
      const costPerUnit = resource.costMusdPerUnitDay * plannedDays;
      if (costPerUnit > 0) units = Math.min(units, Math.floor(budgetLeft / costPerUnit));
      if (resource.personnelPerUnit > 0) units = Math.min(units, Math.floor(personnelLeft / resource.personnelPerUnit));
      if (units <= 0) continue;
      budgetLeft -= units * costPerUnit;
      personnelLeft -= units * resource.personnelPerUnit;
      plan.push({ resource, units, terms });
    }
    return plan;
  }

  commitOffer(choice: OfferChoice): void {
    this.commitments = this.plan(choice);
    for (const { resource, units } of this.commitments) this.logistics.tasking.committed(resource, units, !this.isHost);
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

  /** Pools leave when ready and cleared, through ports where the nation uses them (see PoolDispatcher). */
  dispatchUnits(): void {
    this.unitsPending = this.commitments.reduce((sum, { units }) => sum + units, 0);
    this.poolInTheatre = this.commitments.map(() => 0);
    this.dispatcher.dispatch(this.commitments, this.isHost);
  }

  private deployedAlready(): boolean {
    return this.actor.getSnapshot().value === 'deployed';
  }

  recordArrival(pool: number, units: number): void {
    const sim = this.sim;
    const { resource } = this.commitments[pool]!;
    const capability = resource.capability;
    this.unitsPending -= units;
    if (this.unitsPending === 0) sim.recorder.milestone(this.nation.id, 'fullDeployHours', sim.now);
    // Late units of a pool whose time-limited stay is over go home at once.
    if (this.dispatcher.hasLeft(pool)) return;
    if (this.poolInTheatre[pool] === 0) this.dispatcher.firstLanded(pool);
    this.poolInTheatre[pool]! += units;
    const firstArrival = !this.arrivedOnce;
    this.arrivedOnce = true;
    const inTheatre = sim.world.state.deployed;
    sim.change(`arrival:${this.nation.id}:${capability}`, (world) => {
      // The first units to arrive build trust with the host and the partners already there.
      if (firstArrival) cooperationOnArrival(sim, world, inTheatre, this.nation, this.hostsToAsk, (host) => this.grants.has(host), this.conditionsFor);
      const deployed = world.deployed[this.nation.id]!;
      deployed[capability] = (deployed[capability] ?? 0) + units;
    });
    sim.recorder.unitsArrived(this.nation.id, units, (units * resource.costMusdPerUnitDay) / 24);
    sim.recorder.milestone(this.nation.id, 'firstDeployHours', sim.now);
    sim.trace(`nation:${this.nation.id}`, 'units.arrived', { data: { capability, units } });
    this.logistics.ports.unitsArrived(capability);
    if (firstArrival && !this.isHost) sim.diplomacy.forcesArrived(this.nation.id);
  }

  /** One pool goes home (its time-limited stay is over): its units, running cost and room under the personnel cap. */
  private poolLeaves(pool: number, reason: 'time-limited'): void {
    const sim = this.sim;
    const { resource, units } = this.commitments[pool]!;
    const present = this.poolInTheatre[pool]!;
    this.leftEarly.add(pool);
    this.dispatcher.leave(pool);
    this.poolInTheatre[pool] = 0;
    sim.recorder.unitsLeft(this.nation.id, (present * resource.costMusdPerUnitDay) / 24);
    sim.change(`pool-left:${this.nation.id}:${resource.capability}`, (world) => {
      const deployed = world.deployed[this.nation.id]!;
      deployed[resource.capability] = Math.max(0, (deployed[resource.capability] ?? 0) - present);
      for (const host of this.hostsToAsk) {
        if (host in world.foreignPersonnel) world.foreignPersonnel[host]! -= units * resource.personnelPerUnit;
      }
    });
    sim.trace(`nation:${this.nation.id}`, 'pool.left', { data: { capability: resource.capability, units: present, reason } });
  }

  withdraw(): void {
    this.sim.recorder.unitsWithdrawn(this.nation.id);
    this.commitments.forEach((_, pool) => this.dispatcher.leave(pool));
    this.sim.change(`withdraw:${this.nation.id}`, (world) => {
      world.deployed[this.nation.id] = {};
      // Those who leave give their room under the host's personnel cap back (pools gone before have given theirs).
      for (const [pool, { resource, units }] of this.commitments.entries()) {
        if (this.leftEarly.has(pool)) continue;
        for (const host of this.hostsToAsk) {
          if (host in world.foreignPersonnel) world.foreignPersonnel[host]! -= units * resource.personnelPerUnit;
        }
      }
    });
  }
}
