import type { Resource as KernelResource } from '../../kernel/resource.js';
import { readinessFactor } from '../../model/levers.js';
import type { Nation, Resource } from '../../scenario/schema.js';
import { drawDelay } from '../delays.js';
import type { RunContext } from '../run-context.js';
import { clearanceHours } from './clearance.js';
import type { PoolTerms } from './consent-terms.js';
import type { LiftNetwork } from './lift.js';
import type { PortNetwork } from './port-network.js';

/** A committed slice of one resource pool, with the terms the hosts admit it on. */
export interface Commitment {
  resource: Resource;
  units: number;
  terms: PoolTerms;
}

/** What the dispatcher tells the contributor it works for. */
export interface DispatchTarget {
  /** `units` units of pool `pool` landed in theatre. */
  landed(pool: number, units: number): void;
  /** A first movement must wait for a slot at a port (a logistics stall begins). */
  queued(): void;
  /** The first ready pool waits for legal clearance or a host liaison officer (a clearance stall begins). */
  held(): void;
  /** After a clearance stall, the first pool is cleared and on its way (the stall ends). */
  cleared(): void;
  /** Pool `pool`'s time-limited stay is over: its units leave. */
  expired(pool: number): void;
}

/** Where one pool is on its way: the host liaison officers it holds or waits for, whether it left. */
interface PoolProgress {
  readonly commitment: Commitment;
  /** Liaison desks it holds an officer of. */
  readonly held: KernelResource[];
  /** Liaison desks it waits at, with the ticket to withdraw. */
  readonly waiting: Map<KernelResource, number>;
  left: boolean;
}

/**
 * Moves a contributor's committed pools into theatre: each pool leaves when it is ready and
 * legally cleared by every host (whichever is later), then waits for a host liaison
 * officer where its grant asks for one, then arrives whole or, through a port of entry,
 * one unit per movement. From the moment a ready pool is held by clearance or a liaison
 * officer until the first pool is sent on, the nation is in a `clearance` stall. A time-limited grant sends the pool home `forHours` after its
 * first unit lands. Hosts and nations already in theatre need no clearance.
 */
export class PoolDispatcher {
  private pools: PoolProgress[] = [];
  /** Whether a pool has been sent on (no clearance stall can begin after that). */
  private sentAny = false;
  /** Whether a clearance stall is under way. */
  private holding = false;

  constructor(
    private readonly sim: RunContext,
    private readonly nation: Nation,
    private readonly hosts: readonly string[],
    private readonly ports: PortNetwork,
    private readonly lift: LiftNetwork,
    private readonly target: DispatchTarget,
  ) {}

  /** Whether pool `pool` already went home (its later arrivals leave at once). */
  hasLeft(pool: number): boolean {
    return this.pools[pool]?.left ?? false;
  }

  dispatch(commitments: readonly Commitment[], isHost: boolean): void {
    const sim = this.sim;
    const id = this.nation.id;
    const readiness = sim.stream(`nation/${id}/readiness`);
    const clearance = sim.stream(`nation/${id}/clearance`);
    const primary = this.hosts[0] ?? id;
    const inTheatre = sim.scenario.logistics.inTheatre.includes(id);
    const throughPorts = !isHost && this.ports.usesPorts(id);
    this.pools = commitments.map((commitment) => ({ commitment, held: [], waiting: new Map(), left: false }));
    this.pools.forEach((progress, pool) => {
      const { resource } = progress.commitment;
      const readyHours = drawDelay(resource.readiness, readiness) * (isHost ? 1 : readinessFactor(sim.relation(id, primary)));
      let clearedHours = 0;
      if (!isHost && !inTheatre) {
        for (const host of this.hosts) clearedHours = Math.max(clearedHours, clearanceHours(sim.nation(host), sim.relation(id, host), resource, clearance));
      }
      if (clearedHours > readyHours) {
        sim.trace(`nation:${id}`, 'clearance.pending', { data: { capability: resource.capability, readyHours: round(readyHours), clearedHours: round(clearedHours) } });
        sim.schedule(readyHours, () => this.hold(progress));
      }
      sim.schedule(Math.max(readyHours, clearedHours), () => this.withLiaison(progress, 0, () => this.send(pool, throughPorts, isHost)));
    });
  }

  /** Waits for one liaison officer of each host that asks for one, then goes on. */
  private withLiaison(progress: PoolProgress, index: number, next: () => void): void {
    const liaisonHosts = progress.commitment.terms.liaisonHosts;
    if (progress.left) return;
    if (index >= liaisonHosts.length) return next();
    const desk = this.sim.host(liaisonHosts[index]!)?.liaisonDesk ?? null;
    if (desk === null) return this.withLiaison(progress, index + 1, next);
    const ticket = desk.request(() => {
      progress.waiting.delete(desk);
      progress.held.push(desk);
      this.withLiaison(progress, index + 1, next);
    }, undefined);
    if (ticket !== -1) {
      progress.waiting.set(desk, ticket);
      this.hold(progress);
    }
  }

  /** A ready pool is held by clearance or a liaison officer: a stall if nothing was sent yet. */
  private hold(progress: PoolProgress): void {
    if (this.sentAny || this.holding || progress.left) return;
    this.holding = true;
    this.target.held();
  }

  /**
   * Sends a cleared pool on: whole, or one unit per movement through its port of entry,
   * each first flown in by the nation's strategic lift pool where it shares one. A
   * sea-based pool sailed in within its readiness and works from offshore: it lands whole.
   */
  private send(pool: number, throughPorts: boolean, isHost: boolean): void {
    const { resource, units, terms } = this.pools[pool]!.commitment;
    const id = this.nation.id;
    if (!this.sentAny) {
      this.sentAny = true;
      if (this.holding) this.target.cleared();
    }
    if (resource.seaBased === true) return this.target.landed(pool, units);
    const byLift = !isHost && !this.sim.scenario.logistics.inTheatre.includes(id) && this.lift.uses(id);
    if (!throughPorts && !byLift) return this.target.landed(pool, units);
    const landed = this.unitLanded(pool);
    const delivered = throughPorts ? this.onThroughPort(resource, terms, landed) : landed;
    let queued = false;
    for (let unit = 0; unit < units; unit++) queued = (byLift ? this.lift.fly(id, resource.capability, delivered) : this.ports.move(id, resource.capability, resource.military, landed, terms.via)) || queued;
    if (queued) this.target.queued();
  }

  // The two closures below are returned rather than bound to a name: tsx (esbuild's
  // keepNames) names every arrow bound to a name with an Object.defineProperty, about
  // 0.85 us per closure, and a run sends some 25 pools.

  /** What lands one unit of pool `pool`, for the ports and the lift to call when its movement ends. */
  private unitLanded(pool: number): () => void {
    return () => this.target.landed(pool, 1);
  }

  /** What sends one unit, flown in by the lift, on through its port of entry. */
  private onThroughPort(resource: Resource, terms: PoolTerms, landed: () => void): () => void {
    return () => {
      if (this.ports.move(this.nation.id, resource.capability, resource.military, landed, terms.via)) this.target.queued();
    };
  }

  /** The pool's first unit landed: a time-limited grant starts counting. */
  firstLanded(pool: number): void {
    const forHours = this.pools[pool]!.commitment.terms.forHours;
    if (forHours !== null) this.sim.schedule(forHours, () => this.target.expired(pool));
  }

  /** The pool leaves: its liaison officers go back to their hosts. */
  leave(pool: number): void {
    const progress = this.pools[pool];
    if (!progress || progress.left) return;
    progress.left = true;
    for (const desk of progress.held) desk.release();
    for (const [desk, ticket] of progress.waiting) desk.cancel(ticket);
    progress.held.length = 0;
    progress.waiting.clear();
  }
}

function round(hours: number): number {
  return Math.round(hours * 10) / 10;
}
