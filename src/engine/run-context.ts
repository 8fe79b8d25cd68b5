import type { createActor } from 'xstate';
import type { AgentActorRef } from '../agents/chart.js';
import type { Draft } from 'immer';
import type { ContributorEvent } from '../agents/contributor.js';
import type { CrisisEvent } from '../agents/crisis.js';
import type { RandomStream } from '../kernel/random.js';
import type { Resource } from '../kernel/resource.js';
import type { MetricsRecorder } from '../metrics/recorder.js';
import type { TraceEntry } from '../metrics/trace.js';
import type { HostPolicy, WorldState } from '../model/world.js';
import type { Nation, Relation, Scenario } from '../scenario/schema.js';
import type { OfferCondition } from '../scenario/schema-diplomacy.js';
import type { AskDecision } from './decisions.js';
import type { TrustCause } from './trust/rules.js';

/**
 * What one run offers the subsystems that play it (runtimes, diplomacy, trust, inject
 * effects): time, world changes, decisions, trace, random streams, relations, and narrow
 * handles on the other agents. `Simulation` implements it; nothing below the composition
 * root imports `Simulation`, so the engine has no import cycle.
 */
export interface RunContext {
  readonly scenario: Scenario;
  readonly hosts: ReadonlySet<string>;
  readonly horizonHours: number;
  /** Simulated hours since onset. */
  readonly now: number;
  readonly world: { readonly state: WorldState };
  readonly recorder: MetricsRecorder;

  /** Runs `action` after `delayHours` on the kernel; returns an id for {@link cancel}. */
  schedule(delayHours: number, action: () => void): number;
  cancel(eventId: number): void;
  /** Changes the world through an immer recipe (integrates, applies, re-derives). */
  change(label: string, recipe: (draft: Draft<WorldState>) => void): void;
  ask: AskDecision;
  trace(agent: string, event: string, extra?: Omit<TraceEntry, 't' | 'agent' | 'event'>): void;
  /** Whether a trace sink listens: hot paths build trace entries only then. */
  readonly tracing: boolean;
  /** The named random stream of one agent and purpose (common random numbers). */
  stream(name: string): RandomStream;

  nation(id: string): Nation;
  /** The scenario's static relation between two nations (or the "no ties" default). */
  relation(a: string, b: string): Relation;
  /** Current trust between two nations (0..1). */
  trust(a: string, b: string): number;
  hotlineUp(a: string, b: string): boolean;
  /** The key of the relation between two nations in `world.relations` (model/relations.ts's relationKey). */
  relationKey(a: string, b: string): string;
  /**
   * Shifts trust between two nations inside a world change, for a named cause (see
   * trust/rules.ts); traced and recorded for the run's relation metrics.
   */
  shiftTrust(world: Draft<WorldState>, a: string, b: string, cause: TrustCause, delta?: number): number;
  /** Counts one round of talks between two nations (relation metrics). */
  noteTalks(a: string, b: string): void;
  /** Share of total need met now (0..1). */
  coverage(): number;
  /** Pressure of unmet needs and media on governments (0..1). */
  pressure(): number;

  createActor: typeof createActor;
  startActor<T extends AgentActorRef>(agent: string, actor: T, nation?: string): T;

  contributor(id: string): ContributorHandle | undefined;
  /** Contributors in scenario order. */
  contributorList(): readonly ContributorHandle[];
  host(id: string): HostHandle | undefined;
  organization(id: string): OrganizationHandle | undefined;
  readonly crisis: CrisisHandle;
  readonly diplomacy: DiplomacyHandle;
}

/** What other parts of a run may ask of a contributor. */
export interface ContributorHandle {
  readonly nation: Nation;
  /** True once the nation decided to act. */
  readonly committed: boolean;
  send(event: ContributorEvent): void;
  /** A host left this nation's request waiting (closed, or restrictive and not admitting it). */
  consentDeferred(host: string): void;
  mandateGranted(organization: string): void;
  consentGranted(host: string, allowMilitary: boolean): void;
  /** A host that tightened its policy asks this nation to leave (draw down, or turn back). */
  consentRevoked(host: string): void;
}

/** What other parts of a run may ask of a host. */
export interface HostHandle {
  readonly nation: Nation;
  /** Its liaison officers for pools admitted on the host-liaison condition; null = as many as needed. */
  readonly liaisonDesk: Resource | null;
  latencyTo(nation: string): number;
  /** A request for consent arrives, with the conditions the nation attaches. */
  receiveRequest(nation: string, conditions: readonly OfferCondition[]): void;
  /** Talks ended in agreement: the host admits this nation (on its own conditions) and reconsiders. */
  admit(nation: string): void;
  /** The host reconsiders its policy now: a mechanism was accepted, or a démarche demands an answer. */
  reconsider(reason: 'mediation' | 'demarche'): void;
  /** Highest pressure the host has felt so far: help arriving never lowers it. */
  peakPressure(): number;
  impose(policy: Exclude<HostPolicy, 'undecided'>): void;
  askIntelligence(nation: string, settle: (effectiveness: number) => void): void;
}

/** What other parts of a run may ask of an organization. */
export interface OrganizationHandle {
  request(nation: string): void;
  impose(): void;
  /** A non-host member decided to respond (engages the coordination cell). */
  memberEngaged(nation: string): void;
}

/** What other parts of a run may ask of the diplomacy subsystem (engine/diplomacy). */
export interface DiplomacyHandle {
  /** Starts talks between a nation and a host; false when talks are under way or used up. */
  startTalks(nation: string, host: string): boolean;
  /** Talks a nation may still hold with a host (0 while talks are under way). */
  talksLeft(nation: string, host: string): number;
  /** A host keeps help out: starts the clock towards mediation. */
  hostKeepsOut(host: string): void;
  /** A member's no (non-interference) blocked an organization's mandate: its envoy may mediate at once. */
  mandateOpposed(member: string, organization: string): void;
  /** True while a mediation for this host is under way. */
  mediating(host: string): boolean;
  /** A nation's first units are in theatre (starts intelligence pooling with allies there). */
  forcesArrived(nation: string): void;
}

/** What other parts of a run may ask of the crisis. */
export interface CrisisHandle {
  send(event: CrisisEvent): void;
  escalate(): void;
  attack(): void;
}
