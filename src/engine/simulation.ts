import { createActor } from 'xstate';
import type { AgentActorRef, AgentSnapshot } from '../agents/chart.js';
import type { Draft } from 'immer';
import { Kernel, MAX_EVENTS_PER_RUN } from '../kernel/kernel.js';
import { RandomStreams, type RandomStream } from '../kernel/random.js';
import { STALL_CAUSE_BY_STATE, type RunMetrics } from '../metrics/definitions.js';
import { MetricsRecorder } from '../metrics/recorder.js';
import type { TraceEntry, TraceSink } from '../metrics/trace.js';
import { clamp01 } from '../model/levers.js';
import { indexRelations, NO_RELATION, RelationKeys } from '../model/relations.js';
import { initialWorld, scenarioCapabilities, WorldStore, type WorldState } from '../model/world.js';
import type { Inject, InjectCondition, Nation, Relation, Scenario } from '../scenario/schema.js';
import { applyInjectEffect } from './effects.js';
import { ContributorRuntime } from './contributor-runtime.js';
import { CrisisRuntime } from './crisis-runtime.js';
import { DecisionDesk } from './decision-desk.js';
import { Diplomacy } from './diplomacy/diplomacy.js';
import { withDiplomacyMetrics } from './diplomacy/metrics.js';
import { DecisionError, type AskDecision, type DecisionRequest } from './decisions.js';
import { HostRuntime } from './host-runtime.js';
import { PortNetwork } from './logistics/port-network.js';
import { LiftNetwork } from './logistics/lift.js';
import { CivilMilitaryTasking } from './coordination/civil-military.js';
import { OrganizationRuntime } from './organization-runtime.js';
import type { RunContext } from './run-context.js';
import { SupplyWatch } from './supply-watch.js';
import { TrustLedger } from './trust/ledger.js';
import { takeTeamAction, teamActionRefusal, type TeamAction } from './teams/team-actions.js';
import type { TrustCause } from './trust/rules.js';

export interface SimulationOptions {
  seed: number;
  /** Run horizon in hours; defaults to the scenario's `horizonHours`. */
  horizonHours?: number;
  /** Nations whose decisions are taken by people: the run pauses at each of them. */
  players?: readonly string[];
  /** Receives every trace entry as it happens. */
  trace?: TraceSink;
  /** Keep immer patches of every world change (for undo and inspection). */
  keepHistory?: boolean;
  /**
   * Leave the scenario's MSEL injects unscheduled: the caller fires each with
   * {@link Simulation.fireInject} when it is delivered (a drill's facilitator does).
   */
  holdInjects?: boolean;
}

/**
 * One run of a scenario: the kernel, the world, the agents and the metrics recorder.
 *
 * Use {@link runScenario} for a whole run. Drills use the stepwise API: {@link advance}
 * runs until a played nation must decide, {@link decide} answers, {@link fireInject}
 * drops an inject in now, and {@link finish} closes the run at the horizon.
 */
export class Simulation implements RunContext {
  readonly kernel = new Kernel({ maxEvents: MAX_EVENTS_PER_RUN });
  readonly streams: RandomStreams;
  readonly world: WorldStore;
  readonly recorder: MetricsRecorder;
  readonly trustLedger: TrustLedger;
  readonly horizonHours: number;
  readonly hosts: ReadonlySet<string>;
  readonly capabilities: readonly string[];
  readonly contributors = new Map<string, ContributorRuntime>();
  readonly hostRuntimes = new Map<string, HostRuntime>();
  readonly organizations = new Map<string, OrganizationRuntime>();
  readonly crisis: CrisisRuntime;
  readonly diplomacy: Diplomacy;

  private readonly nationsById = new Map<string, Nation>();
  private readonly relations: Map<string, Relation>;
  private readonly relationKeys = new RelationKeys();
  private readonly traceSink: TraceSink | undefined;
  private readonly decisions: DecisionDesk;
  private readonly supply: SupplyWatch;
  private readonly contributorsInOrder: ContributorRuntime[] = [];
  private readonly scheduledInjects = new Map<string, { inject: Inject; eventId: number }>();
  private finished: RunMetrics | undefined;
  /** Ports of entry and their queues (none unless the scenario declares `logistics.ports`). */
  private readonly ports: PortNetwork;
  /** Strategic lift pools (none unless the scenario declares `logistics.lift`). */
  private readonly lift: LiftNetwork;
  /** Request and tasking of military assets through a humanitarian cell (none unless an organization has `civilMilitary`). */
  private readonly tasking: CivilMilitaryTasking;

  constructor(readonly scenario: Scenario, readonly options: SimulationOptions) {
    this.streams = new RandomStreams(options.seed);
    this.horizonHours = options.horizonHours ?? scenario.horizonHours;
    this.hosts = new Set(scenario.crisis.hosts);
    this.traceSink = options.trace;
    this.decisions = new DecisionDesk(this.kernel, new Set(options.players ?? []), options.trace ? (agent, event, extra) => this.trace(agent, event, extra) : undefined);
    this.relations = indexRelations(scenario);
    for (const nation of scenario.nations) this.nationsById.set(nation.id, nation);
    this.capabilities = scenarioCapabilities(scenario);
    this.world = new WorldStore(initialWorld(scenario), options.keepHistory ?? false);
    this.recorder = new MetricsRecorder(scenario.nations.map((nation) => nation.id), this.hosts);
    this.trustLedger = new TrustLedger(this);
    this.tasking = new CivilMilitaryTasking(this);
    this.ports = new PortNetwork(this, this.tasking);
    this.lift = new LiftNetwork(this);

    this.crisis = new CrisisRuntime(this);
    this.diplomacy = new Diplomacy(this);
    this.supply = new SupplyWatch(scenario, this.kernel, this.recorder, this.capabilities, this.hosts, this.horizonHours, (event) => this.crisis.send(event));
    for (const host of scenario.crisis.hosts) this.hostRuntimes.set(host, new HostRuntime(this, this.nation(host)));
    for (const organization of scenario.organizations) this.organizations.set(organization.id, new OrganizationRuntime(this, organization));
    for (const nation of scenario.nations) {
      if (!nation.resources.some((resource) => resource.units > 0)) continue;
      const contributor = new ContributorRuntime(this, nation, { ports: this.ports, lift: this.lift, tasking: this.tasking });
      this.contributors.set(nation.id, contributor);
      this.contributorsInOrder.push(contributor);
    }
    if (options.holdInjects !== true) for (const inject of scenario.injects) this.scheduleInject(inject);

    this.supply.refresh(this.world.state);
    this.crisis.start();
    this.diplomacy.start();
    for (const host of this.hostRuntimes.values()) host.start();
    for (const organization of this.organizations.values()) organization.start();
    for (const contributor of this.contributorsInOrder) contributor.start();
  }

  // ---- time -------------------------------------------------------------------------

  get now(): number {
    return this.kernel.now;
  }

  schedule(delayHours: number, action: () => void): number {
    return this.kernel.schedule(delayHours, action);
  }

  cancel(eventId: number): void {
    this.kernel.cancel(eventId);
  }

  /**
   * Runs until `untilHours` (default: the horizon), or until a played nation must decide.
   * Returns the decisions now waiting for players (empty when none).
   */
  advance(untilHours = this.horizonHours): DecisionRequest[] {
    const until = Math.min(untilHours, this.horizonHours);
    if (this.decisions.size === 0) this.kernel.runUntil(until, () => this.decisions.size > 0);
    return this.pending();
  }

  /** Runs to the horizon (all decisions must be answered) and returns the run's metrics. */
  finish(): RunMetrics {
    if (this.finished) return this.finished;
    if (this.decisions.size > 0) throw new DecisionError(`${this.decisions.size} decision(s) are still waiting for players`);
    this.kernel.runUntil(this.horizonHours);
    this.crisis.accumulate(this.horizonHours);
    const world = this.world.state;
    const accessByHost = new Map<string, number | null>();
    for (const [id, host] of this.hostRuntimes) {
      const access = host.accessHours();
      if (access !== undefined) accessByHost.set(id, access);
    }
    const nations = new Map(this.contributorsInOrder.map((contributor) => [
      contributor.nation.id,
      { declined: contributor.declined, conditions: contributor.conditionsOffered(), talksHeld: this.diplomacy.talksOf(contributor.nation.id) },
    ]));
    this.finished = withDiplomacyMetrics(this.recorder.finish(this.horizonHours, world.escalations, world.attacks, this.ports.metrics(), this.lift.metrics()), {
      scenario: this.scenario,
      moved: this.trustLedger.moved(),
      mediations: this.diplomacy.mediationOutcomes(),
      incidents: world.incidents,
      accessByHost,
      nations,
    });
    for (const contributor of this.contributorsInOrder) contributor.stop();
    for (const host of this.hostRuntimes.values()) host.stop();
    for (const organization of this.organizations.values()) organization.stop();
    this.diplomacy.stop();
    this.crisis.stop();
    return this.finished;
  }

  /** True once {@link finish} has run. */
  get isFinished(): boolean {
    return this.finished !== undefined;
  }

  // ---- decisions ----------------------------------------------------------------------

  /** Decisions waiting for players, oldest first. */
  pending(): DecisionRequest[] {
    return this.decisions.pending();
  }

  /** Asks a nation to decide (see {@link AskDecision}). */
  readonly ask: AskDecision = (...args) => this.decisions.ask(...args);

  /** Answers a pending decision with one of its options. */
  decide(decisionId: number, choice: string): void {
    this.decisions.decide(decisionId, choice);
  }

  // ---- team actions (people playing a nation, beside its decisions) ----------------------

  /** Why a team's action cannot be taken now, or undefined when it can (see {@link takeTeamAction}). */
  teamActionRefusal(action: TeamAction): string | undefined {
    return teamActionRefusal(this, action);
  }

  /**
   * Takes a team's action now: requests talks, sets up a coordination cell, re-tasks units
   * (src/engine/teams/team-actions.ts). Throws {@link TeamActionRefused} when it cannot be taken.
   */
  takeTeamAction(action: TeamAction): void {
    takeTeamAction(this, action);
  }

  // ---- injects ------------------------------------------------------------------------

  /** Schedules an inject at its `atHours` (which must not be in the past). */
  scheduleInject(inject: Inject): void {
    const eventId = this.kernel.scheduleAt(inject.atHours, () => {
      this.scheduledInjects.delete(inject.id);
      if (inject.when && !this.conditionHolds(inject.when, () => false)) {
        if (this.traceSink) this.trace('inject', 'inject.lapsed', { data: { id: inject.id, title: inject.title } });
        return;
      }
      this.applyInject(inject);
    });
    this.scheduledInjects.set(inject.id, { inject, eventId });
  }

  /**
   * Applies an inject now, whatever its scheduled time (facilitator's "fire now"). A
   * scheduled inject with the same id is cancelled, so an inject fired early does not
   * happen twice.
   */
  fireInject(inject: Inject): void {
    const scheduled = this.scheduledInjects.get(inject.id);
    if (scheduled) {
      this.kernel.cancel(scheduled.eventId);
      this.scheduledInjects.delete(inject.id);
    }
    this.applyInject(inject);
  }

  /**
   * Whether a contingency inject's condition holds now; `observed` says whether an inject's
   * expected action was marked observed (a drill's evaluators; runs have none).
   */
  conditionHolds(condition: InjectCondition, observed: (injectId: string) => boolean): boolean {
    const world = this.world.state;
    if (condition.notDeployed !== undefined && Object.values(world.deployed[condition.notDeployed] ?? {}).some((count) => count > 0)) return false;
    if (condition.coverageBelow !== undefined && !(this.coverage() < condition.coverageBelow)) return false;
    if (condition.notObserved !== undefined && observed(condition.notObserved)) return false;
    if (condition.decided !== undefined && !this.decisions.hasDecided(condition.decided.nation, condition.decided.kind, condition.decided.choice)) return false;
    return true;
  }

  /** Injects scheduled and not yet applied, earliest first (the MSEL still to come). */
  upcomingInjects(): Inject[] {
    return [...this.scheduledInjects.values()].map((entry) => entry.inject).sort((a, b) => a.atHours - b.atHours);
  }

  private applyInject(inject: Inject): void {
    if (this.traceSink) {
      // The MSEL fields travel with the inject, so reports can name what players were expected
      // to do even for injects written on the spot during a drill.
      const msel = { ...(inject.to ? { to: inject.to } : {}), ...(inject.expectedAction ? { expectedAction: inject.expectedAction } : {}) };
      this.trace('inject', 'inject', { data: { id: inject.id, title: inject.title, effect: inject.effect, ...msel } });
    }
    applyInjectEffect(this, inject);
  }

  // ---- world --------------------------------------------------------------------------

  /**
   * Changes the world: integrates continuous quantities up to now under the old state,
   * applies the recipe (recorded as immer patches), then re-derives supply and hazards.
   */
  change(label: string, recipe: (draft: Draft<WorldState>) => void): void {
    const now = this.now;
    this.recorder.advance(now);
    this.crisis.accumulate(now);
    this.world.update(now, label, recipe);
    this.supply.refresh(this.world.state);
    this.crisis.hazardChanged();
  }

  shiftTrust(world: Draft<WorldState>, a: string, b: string, cause: TrustCause, delta?: number): number {
    return this.trustLedger.shift(world, a, b, cause, delta);
  }

  noteTalks(a: string, b: string): void {
    this.trustLedger.noteTalks(a, b);
  }

  /** Coverage now (0..1): the mean met share over capabilities. */
  coverage(): number {
    return this.supply.coverage();
  }

  /** Pressure of unmet needs and media on governments (0..1). */
  pressure(): number {
    return clamp01(this.scenario.crisis.severity * (1 - this.coverage()) + this.world.state.mediaPressure);
  }

  nation(id: string): Nation {
    const nation = this.nationsById.get(id);
    if (!nation) throw new Error(`unknown nation ${id}`);
    return nation;
  }

  /** The scenario's static relation between two nations (or the "no ties" default). */
  relation(a: string, b: string): Relation {
    return this.relations.get(this.relationKeys.key(a, b)) ?? NO_RELATION;
  }

  /** Current trust between two nations (0..1). */
  trust(a: string, b: string): number {
    return this.world.state.relations[this.relationKeys.key(a, b)]?.trust ?? NO_RELATION.trust;
  }

  /** Whether a hotline between two nations works now. */
  hotlineUp(a: string, b: string): boolean {
    return this.world.state.relations[this.relationKeys.key(a, b)]?.hotlineUp ?? false;
  }

  relationKey(a: string, b: string): string {
    return this.relationKeys.key(a, b);
  }

  /** The named random stream of one agent and purpose. */
  stream(name: string): RandomStream {
    return this.streams.stream(name);
  }

  // ---- agents -------------------------------------------------------------------------

  contributor(id: string): ContributorRuntime | undefined {
    return this.contributors.get(id);
  }

  contributorList(): readonly ContributorRuntime[] {
    return this.contributorsInOrder;
  }

  host(id: string): HostRuntime | undefined {
    return this.hostRuntimes.get(id);
  }

  organization(id: string): OrganizationRuntime | undefined {
    return this.organizations.get(id);
  }

  /**
   * Starts an agent's actor on the kernel clock and reports its state changes (the chart
   * state named in its context) to the trace and, for contributors, to the recorder.
   */
  startActor<T extends AgentActorRef>(agent: string, actor: T, nation?: string): T {
    let previous = '';
    actor.subscribe((snapshot: AgentSnapshot) => {
      const state = snapshot.context.state;
      if (state === previous) return;
      if (nation !== undefined) this.recorder.enterState(nation, state, this.now);
      if (this.traceSink) {
        this.trace(agent, 'state', {
          from: previous,
          to: state,
          ...(nation !== undefined && STALL_CAUSE_BY_STATE[state] ? { data: { stall: STALL_CAUSE_BY_STATE[state] } } : {}),
        });
      }
      previous = state;
    });
    actor.start();
    return actor;
  }

  /** Creates an actor whose clock is this run's kernel. */
  createActor: typeof createActor = ((logic: Parameters<typeof createActor>[0], options?: Parameters<typeof createActor>[1]) =>
    createActor(logic, { ...options, clock: this.kernel })) as typeof createActor;

  get tracing(): boolean {
    return this.traceSink !== undefined;
  }

  /** Adds an entry to the trace (no work at all when nobody listens). */
  trace(agent: string, event: string, extra?: Omit<TraceEntry, 't' | 'agent' | 'event'>): void {
    if (this.traceSink) this.traceSink({ t: this.now, agent, event, ...extra });
  }
}
