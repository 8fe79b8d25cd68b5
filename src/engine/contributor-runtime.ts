import { contributorLogic, type ContributorActor, type ContributorDelay, type ContributorEvent, type ContributorPort, type OfferChoice } from '../agents/contributor.js';
import {
  authorizationFactor,
  integrationHours,
  militaryAllowed,
  personnelRoom,
  sharesIntelligence,
} from '../model/levers.js';
import type { Draft } from 'immer';
import type { Nation } from '../scenario/schema.js';
import type { OfferCondition } from '../scenario/schema-diplomacy.js';
import { drawDelay } from './delays.js';
import type { PortNetwork } from './logistics/port-network.js';
import type { LiftNetwork } from './logistics/lift.js';
import type { CivilMilitaryTasking } from './coordination/civil-military.js';
import { isArmedTask, poolTerms } from './logistics/consent-terms.js';
import { PoolDispatcher, type Commitment } from './logistics/dispatcher.js';
import { canHandOver } from './operations/handover.js';
import { RecoveryReview } from './operations/recovery.js';
import { worldRecord, type WorldState } from '../model/world.js';
import { PoolTasks } from './teams/pool-tasks.js';
import { cooperationOnArrival } from './diplomacy/choices.js';
import { ActDecision } from './diplomacy/act-decision.js';
import { ConsentSeeking } from './diplomacy/consent-seeking.js';
import { TRUST_RULES } from './trust/rules.js';
import type { ContributorHandle, RunContext } from './run-context.js';

const OFFER_CONSEQUENCES: Record<OfferChoice, string> = {
  all: 'send every unit the budget and host caps allow',
  'civilian-only': 'send only civilian assets: no armed-forces restrictions, fewer units',
  half: 'send half of each pool, keeping a reserve at home',
};

/**
 * Runs one nation's contributor agent: draws its delays, asks its decisions, talks to
 * hosts and organizations, and moves its units into theatre.
 */
export class ContributorRuntime implements ContributorPort, ContributorHandle {
  private readonly actor: ContributorActor;
  private readonly isHost: boolean;
  private readonly hostsToAsk: string[];
  private mandateObtained = false;
  private readonly act: ActDecision;
  private readonly consent: ConsentSeeking;
  private commitments: Commitment[] = [];
  private unitsPending = 0;
  private arrivedOnce = false;
  /** Units of each committed pool in theatre now. */
  private poolInTheatre: number[] = [];
  /** Pools that went home before the drawdown (time-limited grants). */
  private readonly leftEarly = new Set<number>();
  /** What each committed pool serves: its own capability, or the one a team re-tasked it to. */
  private readonly tasks = new PoolTasks();
  /** Units of each committed pool sent home in the recovery, their room under a cap already given back. */
  private released: number[] = [];
  private readonly dispatcher: PoolDispatcher;
  private readonly recovery: RecoveryReview;

  constructor(
    private readonly sim: RunContext,
    readonly nation: Nation,
    private readonly logistics: { ports: PortNetwork; lift: LiftNetwork; tasking: CivilMilitaryTasking },
  ) {
    this.isHost = sim.hosts.has(nation.id);
    // A host responds on its own soil: it asks no one, not even a co-host, for consent.
    this.hostsToAsk = this.isHost ? [] : sim.scenario.crisis.hosts.slice();
    this.act = new ActDecision(sim, nation, this.hostsToAsk, () => this.plannedCostMusd(), (event) => this.send(event));
    this.consent = new ConsentSeeking(sim, this, this.hostsToAsk);
    this.actor = sim.createActor(contributorLogic, { input: { port: this } });
    // The ports below are methods, not arrows: tsx compiles with esbuild's keepNames, which
    // gives every arrow stored under a name its name by Object.defineProperty, about 0.85 us
    // each, eight per contributor per run (docs/performance.md).
    const contributor = this;
    this.dispatcher = new PoolDispatcher(sim, nation, this.hostsToAsk, logistics.ports, logistics.lift, {
      landed(pool, units) {
        if (contributor.deployedAlready()) contributor.recordArrival(pool, units);
        else contributor.send({ type: 'units.arrived', pool, units });
      },
      queued() { contributor.send({ type: 'movement.queued' }); },
      held() { contributor.send({ type: 'movement.held' }); },
      cleared() { contributor.send({ type: 'movement.cleared' }); },
      expired(pool) { contributor.poolLeaves(pool, 'time-limited'); },
    });
    this.recovery = new RecoveryReview(sim, {
      nationId: nation.id,
      recovering() { return contributor.state === 'recovering'; },
      release(releases) { contributor.releaseUnits(releases); },
      handedOver() { sim.schedule(0, () => contributor.send({ type: 'handed.over' })); },
    });
  }

  start(): void {
    this.sim.startActor(`nation:${this.nation.id}`, this.actor, this.nation.id);
  }

  stop(): void {
    this.actor.stop();
  }

  /** Sends an event to the agent; events after it has finished (stood down, withdrawn) are ignored there. */
  send(event: ContributorEvent): void {
    this.actor.send(event);
  }

  /** The state the agent is in, e.g. `awaitingConsent`. */
  get state(): string {
    return this.actor.getSnapshot().context.state;
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
    return this.consent.required();
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
    this.act.ask(this.isHost);
  }

  /** Days a commitment is budgeted for (`parameters.budgetPeriodHours`, or the horizon). */
  private get budgetDays(): number {
    return (this.sim.scenario.parameters.budgetPeriodHours ?? this.sim.horizonHours) / 24;
  }

  /** Cost of committing every pool for the budget period, within budget (MUSD). */
  private plannedCostMusd(): number {
    const plannedDays = this.budgetDays;
    return this.plan('all', true).reduce((sum, { resource, units }) => sum + units * resource.costMusdPerUnitDay * plannedDays, 0);
  }

  get committed(): boolean {
    return this.act.committed;
  }

  /** Whether the nation was asked to act and never did (for the `declined` metric). */
  get declined(): boolean {
    return this.act.declined;
  }

  /** Acting on conditions: net motive fell just short of the threshold. */
  get conditional(): boolean {
    return this.act.conditional;
  }

  /** Every condition the nation attached to a request in this run. */
  conditionsOffered(): OfferCondition[] {
    return this.consent.conditionsOffered();
  }

  askMandateDecision(): void {
    this.sim.ask(
      this.nation.id,
      'mandate',
      'seek-mandate',
      (choice) => this.send({ type: choice === 'proceed' ? 'decision.proceed' : 'decision.seek-mandate' }),
      () => {
        const orgs = this.nation.decision.mandateFrom.join(' or ');
        return {
          question: `Your law asks for a mandate from ${orgs} before deploying. Seek it?`,
          consequences: {
            'seek-mandate': `wait for ${orgs} to convene, deliberate and vote`,
            proceed: `deploy without a mandate: faster, but trust with the host drops by ${-TRUST_RULES['proceed-without-mandate']}`,
          },
        };
      },
    );
  }

  askOfferDecision(): void {
    const recommended = this.conditional ? (this.unitsOffered('civilian-only') > 0 ? 'civilian-only' : 'half') : 'all';
    this.sim.ask(this.nation.id, 'offer', recommended, (choice) => this.send({ type: 'decision.offer', choice: choice as OfferChoice }), () => {
      const consequences: Record<string, string> = {};
      for (const choice of ['all', 'civilian-only', 'half'] as const) {
        consequences[choice] = `${OFFER_CONSEQUENCES[choice]} (${this.unitsOffered(choice)} units)`;
      }
      return { question: `Which resources do you offer?${this.conditional ? ' (your motive barely clears the bar: a conditioned offer)' : ''}`, consequences };
    });
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
    this.consent.request();
  }

  consentDeferred(host: string): void {
    this.consent.deferred(host);
  }

  consentGranted(host: string, allowMilitary: boolean): void {
    this.consent.granted(host, allowMilitary);
  }

  consentRevoked(host: string): void {
    this.consent.revoked(host);
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

  /** A foreign nation stays for the recovery while the others could not take over its work; a host's own response ends with relief. */
  staysForRecovery(): boolean {
    return !this.isHost && !canHandOver(this.sim.world.state, this.nation.id, this.sim.now);
  }

  beginRecovery(): void {
    this.recovery.begin();
  }

  /**
   * The recovery no longer calls for so many units of each capability listed: they go home
   * now, the last-committed pool first, with their running cost and their room under a cap.
   */
  private releaseUnits(releases: readonly (readonly [capability: string, units: number])[]): void {
    const sim = this.sim;
    let released = 0;
    let personnel = 0;
    for (const [capability, count] of releases) {
      let left = count;
      for (let pool = this.commitments.length - 1; pool >= 0 && left > 0; pool--) {
        const { resource } = this.commitments[pool]!;
        // Units serve the capability their pool serves now (re-tasked, or its own); those being re-tasked serve none.
        if (this.tasks.capabilityOf(pool, resource.capability) !== capability || this.leftEarly.has(pool)) continue;
        const units = Math.min(left, this.poolInTheatre[pool]! - this.tasks.retasking(pool));
        left -= units;
        this.poolInTheatre[pool]! -= units;
        this.released[pool]! += units;
        personnel += units * resource.personnelPerUnit;
        sim.recorder.unitsLeft(this.nation.id, (units * resource.costMusdPerUnitDay) / 24);
      }
      released += count - left;
      if (sim.tracing) sim.trace(`nation:${this.nation.id}`, 'units.released', { data: { capability, units: count - left } });
    }
    if (released === 0) return;
    sim.recorder.foreignLeft(released, personnel, sim.now);
    sim.change(`handed-over:${this.nation.id}`, (world) => {
      const deployed = world.deployed[this.nation.id]!;
      for (const [capability, units] of releases) deployed[capability] = Math.max(0, (deployed[capability] ?? 0) - units);
      this.countUnderCaps(world, -personnel);
    });
  }

  /** Whether the hosts' rules (armed forces, consent per asset), not budget or caps, keep every unit out. */
  blockedBySovereignty(): boolean {
    return this.unitsOffered('all') === 0 && this.plan('all', true).length > 0;
  }

  /**
   * Whether this host lets our armed forces in: as its consent said, or, where consent is
   * automatic and nobody asked, by its armed-forces rule all the same.
   */
  private militaryAllowedOn(host: string): boolean {
    const grant = this.consent.grantOf(host);
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
    const plannedDays = this.budgetDays;
    const plan: Commitment[] = [];
    // A stay the nation offered as a condition (time-limited) binds every pool, like a host's time-limited grant.
    const stayHours = this.consent.offeredStayHours();
    // Forces offered unarmed leave their armed tasks at home.
    const unarmed = !ignoreHostRules && this.consent.offered('unarmed');
    // Military units of each capability this plan already tasks (a nation may hold several pools of one capability).
    const militaryPlanned = new Map<string, number>();
    for (const resource of this.nation.resources) {
      if (resource.units <= 0 || !(resource.capability in world.needs)) continue;
      if ((resource.military && !allowMilitary) || (unarmed && isArmedTask(resource))) continue;
      const granted = poolTerms(hostNations, this.nation.id, resource);
      const terms = stayHours === null ? granted : { ...granted, forHours: Math.min(granted.forHours ?? Infinity, stayHours) };
      if (terms.refused && !ignoreHostRules) continue;
      let units = choice === 'half' ? Math.ceil(resource.units / 2) : resource.units;
      // Military assets go where a humanitarian coordination cell tasks them (Oslo Guidelines).
      if (!ignoreHostRules) units = this.logistics.tasking.tasked(resource, units, !this.isHost, resource.military ? (militaryPlanned.get(resource.capability) ?? 0) : 0);
      const costPerUnit = resource.costMusdPerUnitDay * plannedDays;
      if (costPerUnit > 0) units = Math.min(units, Math.floor(budgetLeft / costPerUnit));
      if (resource.personnelPerUnit > 0) units = Math.min(units, Math.floor(personnelLeft / resource.personnelPerUnit));
      if (units <= 0) continue;
      budgetLeft -= units * costPerUnit;
      personnelLeft -= units * resource.personnelPerUnit;
      if (resource.military) militaryPlanned.set(resource.capability, (militaryPlanned.get(resource.capability) ?? 0) + units);
      plan.push({ resource, units, terms });
    }
    return plan;
  }

  commitOffer(choice: OfferChoice): void {
    this.commitments = this.plan(choice);
    for (const { resource, units } of this.commitments) this.logistics.tasking.committed(resource, units, !this.isHost);
    const plannedDays = this.budgetDays;
    this.sim.change(`commit:${this.nation.id}`, (world) => {
      for (const { resource, units } of this.commitments) {
        world.budgetsMusd[this.nation.id] = (world.budgetsMusd[this.nation.id] ?? 0) - units * resource.costMusdPerUnitDay * plannedDays;
        this.countUnderCaps(world, units * resource.personnelPerUnit);
      }
    });
    this.sim.trace(`nation:${this.nation.id}`, 'offer.committed', {
      data: { choice, units: unitsByCapability(this.commitments) },
    });
  }

  /** Pools leave when ready and cleared, through ports where the nation uses them (see PoolDispatcher). */
  dispatchUnits(): void {
    this.unitsPending = this.commitments.reduce((sum, { units }) => sum + units, 0);
    this.poolInTheatre = this.commitments.map(() => 0);
    this.tasks.commit(this.commitments.map(({ resource }) => resource.capability));
    this.released = this.commitments.map(() => 0);
    this.dispatcher.dispatch(this.commitments, this.isHost);
  }

  private deployedAlready(): boolean {
    return this.actor.getSnapshot().context.state === 'deployed';
  }

  recordArrival(pool: number, units: number): void {
    const sim = this.sim;
    const { resource } = this.commitments[pool]!;
    const capability = this.tasks.capabilityOf(pool, resource.capability);
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
      if (firstArrival) cooperationOnArrival(sim, world, inTheatre, this.nation, this.hostsToAsk, (host) => this.consent.grantOf(host) !== undefined, this.consent.conditions);
      const deployed = world.deployed[this.nation.id]!;
      deployed[capability] = (deployed[capability] ?? 0) + units;
    });
    sim.recorder.unitsArrived(this.nation.id, units, (units * resource.costMusdPerUnitDay) / 24);
    if (!this.isHost) sim.recorder.foreignArrived(units, units * resource.personnelPerUnit, sim.now);
    sim.recorder.milestone(this.nation.id, 'firstDeployHours', sim.now);
    if (sim.tracing) sim.trace(`nation:${this.nation.id}`, 'units.arrived', { data: { capability, units } });
    this.logistics.ports.unitsArrived(resource.capability);
    if (firstArrival && !this.isHost) sim.diplomacy.forcesArrived(this.nation.id);
  }

  // ---- re-tasking (a team's action) ------------------------------------------------------

  /** Units of this nation in theatre serving `capability` now that could be re-tasked (not already being re-tasked). */
  retaskable(capability: string): number {
    return this.tasks.pools(capability, this.poolInTheatre, this.leftEarly).reduce((sum, pool) => sum + this.poolInTheatre[pool]!, 0);
  }

  /**
   * Re-tasks every unit in theatre serving `from` to `to`: they serve neither for
   * `hours` (moving, re-organizing), then serve `to`; units of those pools landing later
   * serve `to` at once. The caller checked the pair (RETASKING) and that units are there.
   */
  retask(from: string, to: string, hours: number): number {
    const sim = this.sim;
    const pools = this.tasks.pools(from, this.poolInTheatre, this.leftEarly);
    const units = this.tasks.start(pools, this.poolInTheatre, to);
    sim.change(`retask:${this.nation.id}:${from}:${to}`, (world) => {
      const deployed = world.deployed[this.nation.id]!;
      deployed[from] = Math.max(0, (deployed[from] ?? 0) - units);
    });
    sim.trace(`nation:${this.nation.id}`, 'units.retasking', { data: { from, to, units, hours } });
    sim.schedule(hours, () => {
      const ready = this.tasks.finish(pools);
      if (ready === 0) return;
      sim.change(`retasked:${this.nation.id}:${to}`, (world) => {
        const deployed = world.deployed[this.nation.id]!;
        deployed[to] = (deployed[to] ?? 0) + ready;
      });
      sim.trace(`nation:${this.nation.id}`, 'units.retasked', { data: { from, to, units: ready } });
    });
    return units;
  }

  /** One pool goes home (its time-limited stay is over): its units, running cost and room under the personnel cap. */
  private poolLeaves(pool: number, reason: 'time-limited'): void {
    const sim = this.sim;
    const { resource } = this.commitments[pool]!;
    const present = this.poolInTheatre[pool]!;
    // Units being re-tasked serve no capability yet: only the others come off one.
    const capability = this.tasks.capabilityOf(pool, resource.capability);
    const serving = this.tasks.leave(pool, present);
    this.leftEarly.add(pool);
    this.dispatcher.leave(pool);
    this.poolInTheatre[pool] = 0;
    sim.recorder.unitsLeft(this.nation.id, (present * resource.costMusdPerUnitDay) / 24);
    if (!this.isHost && present > 0) sim.recorder.foreignLeft(present, present * resource.personnelPerUnit, sim.now);
    sim.change(`pool-left:${this.nation.id}:${resource.capability}`, (world) => {
      const deployed = world.deployed[this.nation.id]!;
      deployed[capability] = Math.max(0, (deployed[capability] ?? 0) - serving);
      this.countUnderCaps(world, -this.personnelHoldingRoom(pool));
    });
    sim.trace(`nation:${this.nation.id}`, 'pool.left', { data: { capability: resource.capability, units: present, reason } });
  }

  withdraw(): void {
    this.tasks.withdraw();
    this.sim.recorder.unitsWithdrawn(this.nation.id);
    let units = 0;
    let personnel = 0;
    this.commitments.forEach(({ resource }, pool) => {
      units += this.poolInTheatre[pool] ?? 0;
      personnel += (this.poolInTheatre[pool] ?? 0) * resource.personnelPerUnit;
    });
    if (!this.isHost && units > 0) this.sim.recorder.foreignLeft(units, personnel, this.sim.now);
    this.commitments.forEach((_, pool) => this.dispatcher.leave(pool));
    this.sim.change(`withdraw:${this.nation.id}`, (world) => {
      // A world record, not {}: a capability named like an Object member (constructor) must read as no units.
      world.deployed[this.nation.id] = worldRecord();
      // Those who leave give their room under the host's personnel cap back (pools gone before have given theirs).
      for (let pool = 0; pool < this.commitments.length; pool++) {
        if (!this.leftEarly.has(pool)) this.countUnderCaps(world, -this.personnelHoldingRoom(pool));
      }
    });
  }

  /**
   * Adds `personnel` (negative: gives room back) to the foreign personnel counted under the
   * cap of every host this nation asks that keeps such a count, inside a world change.
   */
  private countUnderCaps(world: Draft<WorldState>, personnel: number): void {
    for (const host of this.hostsToAsk) {
      if (host in world.foreignPersonnel) world.foreignPersonnel[host]! += personnel;
    }
  }

  /** Personnel of committed pool `pool` still holding room under the hosts' caps (units sent home in the recovery gave theirs back). */
  private personnelHoldingRoom(pool: number): number {
    const { resource, units } = this.commitments[pool]!;
    return (units - this.released[pool]!) * resource.personnelPerUnit;
  }
}

/** Units committed per capability, summed over the pools of each (a nation may hold several pools of one capability). */
function unitsByCapability(commitments: readonly Commitment[]): Record<string, number> {
  const units = new Map<string, number>();
  for (const { resource, units: count } of commitments) units.set(resource.capability, (units.get(resource.capability) ?? 0) + count);
  return Object.fromEntries(units);
}
