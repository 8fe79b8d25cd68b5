import { createActor, type AnyActorRef, type StateValue } from 'xstate';
import { Kernel } from '../kernel/kernel.js';
import { RandomStreams, type RandomStream } from '../kernel/random.js';
import { STALL_CAUSE_BY_STATE, type RunMetrics } from '../metrics/definitions.js';
import { MetricsRecorder } from '../metrics/recorder.js';
import type { TraceEntry, TraceSink } from '../metrics/trace.js';
import { clamp01 } from '../model/levers.js';
import { coverageAt, firstCoverageCrossing, type NeedCurve } from '../model/needs.js';
import { indexRelations, NO_RELATION, relationKey } from '../model/relations.js';
import { effectiveSupply } from '../model/supply.js';
import { initialWorld, scenarioCapabilities, WorldStore, type WorldState } from '../model/world.js';
import type { Inject, Nation, Relation, Scenario } from '../scenario/schema.js';
import { applyInjectEffect } from './effects.js';
import { ContributorRuntime } from './contributor-runtime.js';
import { CrisisRuntime } from './crisis-runtime.js';
import { DecisionError, type DecisionKind, type DecisionRequest } from './decisions.js';
import { HostRuntime } from './host-runtime.js';
import { OrganizationRuntime } from './organization-runtime.js';
import type { Draft } from 'immer';
import type { CrisisEvent } from '../agents/crisis.js';

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
}

/**
 * One run of a scenario: the kernel, the world, the agents and the metrics recorder.
 *
 * Use {@link runScenario} for a whole run. Drills use the stepwise API: {@link advance}
 * runs until a played nation must decide, {@link decide} answers, {@link fireInject}
 * drops an inject in now, and {@link finish} closes the run at the horizon.
 */
export class Simulation {
  readonly kernel = new Kernel();
  readonly streams: RandomStreams;
  readonly world: WorldStore;
  readonly recorder: MetricsRecorder;
  readonly horizonHours: number;
  readonly hosts: ReadonlySet<string>;
  readonly capabilities: readonly string[];
  readonly contributors = new Map<string, ContributorRuntime>();
  readonly hostRuntimes = new Map<string, HostRuntime>();
  readonly organizations = new Map<string, OrganizationRuntime>();
  readonly crisis: CrisisRuntime;

  private readonly nationsById = new Map<string, Nation>();
  private readonly relations: Map<string, Relation>;
  private readonly players: ReadonlySet<string>;
  private readonly traceSink: TraceSink | undefined;
  private readonly pendingDecisions = new Map<number, { request: DecisionRequest; apply: (choice: string) => void }>();
  private readonly curves: NeedCurve[] = [];
  private readonly supplies: number[] = [];
  /** Coverage levels the crisis machine is told about, each once, at the exact crossing time. */
  private readonly crossings: CoverageCrossing[];
  private suppliedNeeds: WorldState['needs'] | undefined;
  private suppliedValues: number[] = [];
  private readonly scheduledInjects = new Map<string, { inject: Inject; eventId: number }>();
  private nextDecisionId = 1;
  private finished: RunMetrics | undefined;

  constructor(readonly scenario: Scenario, readonly options: SimulationOptions) {
    this.streams = new RandomStreams(options.seed);
    this.horizonHours = options.horizonHours ?? scenario.horizonHours;
    this.hosts = new Set(scenario.crisis.hosts);
    this.players = new Set(options.players ?? []);
    this.traceSink = options.trace;
    this.relations = indexRelations(scenario);
    for (const nation of scenario.nations) this.nationsById.set(nation.id, nation);
    this.capabilities = scenarioCapabilities(scenario);
    this.world = new WorldStore(initialWorld(scenario), options.keepHistory ?? false);
    this.recorder = new MetricsRecorder(scenario.nations.map((nation) => nation.id), this.hosts);

    this.crisis = new CrisisRuntime(this);
    this.crossings = [
      this.coverageCrossing(0.5, 'needsMet50Hours', { type: 'coverage.half' }),
      this.coverageCrossing(0.9, 'needsMet90Hours', null),
      this.coverageCrossing(scenario.crisis.resolveAtCoverage, null, { type: 'coverage.resolved' }),
    ];
    for (const host of scenario.crisis.hosts) this.hostRuntimes.set(host, new HostRuntime(this, this.nation(host)));
    for (const organization of scenario.organizations) this.organizations.set(organization.id, new OrganizationRuntime(this, organization));
    for (const nation of scenario.nations) {
      if (nation.resources.some((resource) => resource.units > 0)) this.contributors.set(nation.id, new ContributorRuntime(this, nation));
    }
    for (const inject of scenario.injects) this.scheduleInject(inject);

    this.refreshSupply();
    this.crisis.start();
    for (const host of this.hostRuntimes.values()) host.start();
    for (const organization of this.organizations.values()) organization.start();
    for (const contributor of this.contributors.values()) contributor.start();
  }

  // ---- time -------------------------------------------------------------------------

  get now(): number {
    return this.kernel.now;
  }

  /**
   * Runs until `untilHours` (default: the horizon), or until a played nation must decide.
   * Returns the decisions now waiting for players (empty when none).
   */
  advance(untilHours = this.horizonHours): DecisionRequest[] {
    const until = Math.min(untilHours, this.horizonHours);
    if (this.pendingDecisions.size === 0) this.kernel.runUntil(until, () => this.pendingDecisions.size > 0);
    return this.pending();
  }

  /** Runs to the horizon (all decisions must be answered) and returns the run's metrics. */
  finish(): RunMetrics {
    if (this.finished) return this.finished;
    if (this.pendingDecisions.size > 0) throw new DecisionError(`${this.pendingDecisions.size} decision(s) are still waiting for players`);
    this.kernel.runUntil(this.horizonHours);
    this.crisis.accumulate(this.horizonHours);
    const world = this.world.state;
    this.finished = this.recorder.finish(this.horizonHours, world.escalations, world.attacks);
    for (const contributor of this.contributors.values()) contributor.stop();
    for (const host of this.hostRuntimes.values()) host.stop();
    for (const organization of this.organizations.values()) organization.stop();
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
    return [...this.pendingDecisions.values()].map((entry) => entry.request);
  }

  /**
   * Asks `nation` to decide. Engine-played nations take the recommended option at once
   * (as a kernel event at the current time); played nations make the run pause.
   */
  ask(
    nation: string,
    kind: DecisionKind,
    question: string,
    consequences: Record<string, string>,
    recommended: string,
    apply: (choice: string) => void,
    subject?: string,
  ): void {
    const request: DecisionRequest = {
      id: this.nextDecisionId++,
      nation,
      kind,
      atHours: this.now,
      question,
      options: Object.keys(consequences),
      consequences,
      recommended,
      ...(subject !== undefined ? { subject } : {}),
    };
    if (this.players.has(nation)) {
      this.pendingDecisions.set(request.id, { request, apply });
      this.trace('player:' + nation, 'decision.asked', { data: { id: request.id, kind, options: request.options } });
      return;
    }
    this.kernel.schedule(0, () => {
      this.trace(`nation:${nation}`, 'decision', { data: { kind, choice: recommended, ...(subject ? { subject } : {}) } });
      apply(recommended);
    });
  }

  /** Answers a pending decision with one of its options. */
  decide(decisionId: number, choice: string): void {
    const entry = this.pendingDecisions.get(decisionId);
    if (!entry) throw new DecisionError(`no pending decision with id ${decisionId}`);
    if (!entry.request.options.includes(choice)) {
      throw new DecisionError(`"${choice}" is not an option of decision ${decisionId}; choose one of: ${entry.request.options.join(', ')}`);
    }
    this.pendingDecisions.delete(decisionId);
    const { request } = entry;
    this.trace(`player:${request.nation}`, 'decision', { data: { id: request.id, kind: request.kind, choice, ...(request.subject ? { subject: request.subject } : {}) } });
    this.kernel.schedule(0, () => entry.apply(choice));
  }

  // ---- injects ------------------------------------------------------------------------

  /** Schedules an inject at its `atHours` (which must not be in the past). */
  scheduleInject(inject: Inject): void {
    const eventId = this.kernel.scheduleAt(inject.atHours, () => {
      this.scheduledInjects.delete(inject.id);
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
    this.refreshSupply();
    this.crisis.hazardChanged();
  }

  /**
   * Recomputes effective supply, tells the recorder, and re-times the coverage crossings.
   * Most world changes (trust, policies, mandates, budgets) leave needs and supply as they
   * were; then the crossings already scheduled still hold and nothing is recomputed.
   */
  private refreshSupply(): void {
    const world = this.world.state;
    if (world.resolved) {
      for (const crossing of this.crossings) this.cancelCrossing(crossing);
      return;
    }
    effectiveSupply(this.scenario, world, this.capabilities, this.hosts, this.curves, this.supplies);
    if (world.needs === this.suppliedNeeds && sameValues(this.supplies, this.suppliedValues)) return;
    this.suppliedNeeds = world.needs;
    this.suppliedValues = this.supplies.slice();
    this.recorder.setSupply(this.curves, this.supplies, this.now);
    for (const crossing of this.crossings) {
      this.cancelCrossing(crossing);
      if (crossing.reached) continue;
      const at = firstCoverageCrossing(this.curves, this.supplies, crossing.target, this.now, this.horizonHours);
      if (at !== null) crossing.eventId = this.kernel.scheduleAt(at, crossing.fire);
    }
  }

  private cancelCrossing(crossing: CoverageCrossing): void {
    if (crossing.eventId !== undefined) this.kernel.cancel(crossing.eventId);
    crossing.eventId = undefined;
  }

  /**
   * A coverage level to watch: when it is first reached (at the exact time, found by
   * `firstCoverageCrossing`) the recorder notes the metric and the crisis machine is told.
   */
  private coverageCrossing(target: number, metric: CoverageMetric | null, event: CrisisEvent | null): CoverageCrossing {
    const crossing: CoverageCrossing = {
      target,
      reached: false,
      eventId: undefined,
      fire: () => {
        crossing.reached = true;
        crossing.eventId = undefined;
        if (metric) this.recorder.coverageReached(metric, this.now);
        if (event) this.crisis.send(event);
      },
    };
    return crossing;
  }

  /** Coverage now (0..1): the mean met share over capabilities. */
  coverage(): number {
    return coverageAt(this.curves, this.supplies, this.now);
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
    return this.relations.get(relationKey(a, b)) ?? NO_RELATION;
  }

  /** Current trust between two nations (0..1). */
  trust(a: string, b: string): number {
    return this.world.state.relations[relationKey(a, b)]?.trust ?? NO_RELATION.trust;
  }

  /** Whether a hotline between two nations works now. */
  hotlineUp(a: string, b: string): boolean {
    return this.world.state.relations[relationKey(a, b)]?.hotlineUp ?? false;
  }

  /** The named random stream of one agent and purpose. */
  stream(name: string): RandomStream {
    return this.streams.stream(name);
  }

  // ---- actors and trace ---------------------------------------------------------------

  /**
   * Starts an actor on the kernel clock and reports its state changes to the trace and,
   * for contributors, to the recorder.
   */
  startActor<T extends AnyActorRef>(agent: string, actor: T, nation?: string): T {
    let previous = '';
    actor.subscribe((snapshot: { value: StateValue }) => {
      const state = stateName(snapshot.value);
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

  /** Adds an entry to the trace (no work at all when nobody listens). */
  trace(agent: string, event: string, extra?: Omit<TraceEntry, 't' | 'agent' | 'event'>): void {
    if (this.traceSink) this.traceSink({ t: this.now, agent, event, ...extra });
  }

}

type CoverageMetric = 'needsMet50Hours' | 'needsMet90Hours';

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface CoverageCrossing {
  target: number;
  reached: boolean;
  eventId: number | undefined;
  fire: () => void;
}

/** `mandated.working` for nested state values; the plain name for flat ones. */
export function stateName(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.keys(value)
    .sort()
    .map((key) => {
      const child = value[key];
      return child === undefined ? key : `${key}.${stateName(child)}`;
    })
    .join(',');
}
