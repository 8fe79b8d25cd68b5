import { Resource } from '../../kernel/resource.js';
import type { Lift } from '../../scenario/schema.js';
import type { LiftMetrics } from '../../metrics/definitions.js';
import type { LogisticsContext } from './ports.js';

/** One pool of strategic lift: its aircraft (a kernel Resource) and its declaration. */
interface LiftState {
  readonly lift: Lift;
  readonly aircraft: Resource;
}

/**
 * Strategic lift as a shared, limited capacity: each unit of a user nation waits for an
 * aircraft (or ship) of its pool, first come first served among all users, flies
 * `tripHours` to the theatre, and the aircraft is back for the next unit after the round
 * trip. So a pool of units arrives in increments, and nations sharing a pool (NATO's
 * SALIS charters, a coalition's airlift) compete for it. Traced as `lift:<id>`.
 */
export class LiftNetwork {
  private readonly pools = new Map<string, LiftState>();
  private readonly poolOf = new Map<string, LiftState>();

  constructor(private readonly run: LogisticsContext) {
    for (const lift of run.scenario.logistics.lift) {
      const state: LiftState = { lift, aircraft: new Resource(run, lift.aircraft) };
      this.pools.set(lift.id, state);
      for (const user of lift.users) if (!this.poolOf.has(user)) this.poolOf.set(user, state);
    }
  }

  /** Whether this nation's units fly in a shared lift pool. */
  uses(nation: string): boolean {
    return this.poolOf.has(nation);
  }

  /**
   * Flies one unit of `nation` in: waits for an aircraft, then `delivered` runs `tripHours`
   * later; the aircraft is free again after the round trip. Returns true when the unit had
   * to wait for an aircraft.
   */
  fly(nation: string, capability: string, delivered: () => void): boolean {
    const state = this.poolOf.get(nation)!;
    const ticket = state.aircraft.request(this.depart, { state, nation, capability, delivered });
    if (ticket !== -1 && this.run.tracing) this.run.trace(`lift:${state.lift.id}`, 'lift.queued', { data: { nation, capability, waiting: state.aircraft.waiting } });
    return ticket !== -1;
  }

  /** Per lift pool figures for the run's metrics, in scenario order. */
  metrics(): Record<string, LiftMetrics> {
    const result: Record<string, LiftMetrics> = {};
    for (const [id, state] of this.pools) {
      const stats = state.aircraft.statistics();
      result[id] = { movements: stats.granted, peakQueue: stats.peakWaiting, meanWaitHours: stats.meanWaitHours, maxWaitHours: stats.maxWaitHours };
    }
    return result;
  }

  private readonly depart = (flight: { state: LiftState; nation: string; capability: string; delivered: () => void }): void => {
    const { state } = flight;
    const tripHours = state.lift.tripHours;
    if (this.run.tracing) this.run.trace(`lift:${state.lift.id}`, 'lift.departed', { data: { nation: flight.nation, capability: flight.capability, waitedHours: state.aircraft.lastWaitHours } });
    this.run.schedule(tripHours, flight.delivered);
    this.run.schedule(2 * tripHours, () => state.aircraft.release());
  };
}
