import { Resource } from '../../kernel/resource.js';
import { needAt } from '../../model/needs.js';
import { coordinationCellWorking, unitsInTheatre } from '../../model/supply.js';
import type { Port } from '../../scenario/schema.js';
import type { LogisticsContext } from './ports.js';
import type { PortMetrics } from '../../metrics/definitions.js';
import { STAGING } from './rules.js';
import type { CivilMilitaryTasking } from '../coordination/civil-military.js';

/** One movement on its way in: a unit of one capability of one nation. */
interface Movement {
  nation: string;
  capability: string;
  port: PortState;
  /** Hours from the port to the crisis area once handled. */
  onwardHours: number;
  landed: () => void;
}

interface PortState {
  readonly port: Port;
  readonly slots: Resource;
  diverted: number;
  restored: boolean;
}

/**
 * The ports of entry of a run: each a {@link Resource} whose slots arriving movements queue
 * for (priority by the capability's unmet share once a coordination cell works, else first
 * come first served), with slots lost at onset and restored by the units that reopen the
 * port, and diversions to another port when the queue is long. Traced as `port:<id>`.
 */
export class PortNetwork {
  private readonly ports = new Map<string, PortState>();
  private readonly entryPort = new Map<string, PortState | null>();

  constructor(
    private readonly run: LogisticsContext,
    private readonly tasking: CivilMilitaryTasking,
  ) {
    for (const port of run.scenario.logistics.ports) {
      this.ports.set(port.id, { port, slots: new Resource(run, port.slotsAtOnset ?? port.slots), diverted: 0, restored: port.slotsAtOnset === null });
    }
  }

  /** Whether this nation's units come in through a port (false: they arrive whole, as without logistics). */
  usesPorts(nation: string): boolean {
    return this.entryFor(nation) !== null;
  }

  /**
   * Sends one unit in: it queues at the nation's port of entry (or the port it diverts to),
   * holds a slot for the port's handling hours, travels on, and `landed` runs. `via`, the
   * ports a host's consent confines the unit to (null: any), overrides the entry port and
   * bars diversions elsewhere. Returns true when the movement had to wait for a slot.
   */
  move(nation: string, capability: string, military: boolean, landed: () => void, via: readonly string[] | null = null): boolean {
    let state = this.entryFor(nation)!;
    if (via !== null && !via.includes(state.port.id)) state = this.ports.get(via[0]!) ?? state;
    let onwardHours = state.port.onwardHours;
    const alternative = this.diversionFrom(state, nation, via);
    if (alternative) {
      state.diverted++;
      this.run.trace(`port:${state.port.id}`, 'movement.diverted', { data: { nation, capability, to: alternative.port.id, waiting: state.slots.waiting } });
      state = alternative;
      onwardHours = alternative.port.onwardHours;
    }
    const movement: Movement = { nation, capability, port: state, onwardHours, landed };
    const ticket = state.slots.request(this.handle, movement, this.priorityOf(capability, military));
    if (ticket !== -1 && this.run.tracing) this.run.trace(`port:${state.port.id}`, 'movement.queued', { data: { nation, capability, waiting: state.slots.waiting } });
    return ticket !== -1;
  }

  /** Units of a capability arrived: ports that this capability reopens get their slots back. */
  unitsArrived(capability: string): void {
    for (const state of this.ports.values()) {
      const restore = state.port.restoredBy;
      if (state.restored || restore === null || restore.capability !== capability) continue;
      if (unitsInTheatre(this.run.world.state.deployed, capability) < restore.units) continue;
      state.restored = true;
      state.slots.setCapacity(state.port.slots);
      this.run.trace(`port:${state.port.id}`, 'port.restored', { data: { slots: state.port.slots } });
    }
  }

  /** Per-port figures for the run's metrics, in scenario order. */
  metrics(): Record<string, PortMetrics> {
    const result: Record<string, PortMetrics> = {};
    for (const [id, state] of this.ports) {
      const stats = state.slots.statistics();
      result[id] = {
        movements: stats.granted,
        peakQueue: stats.peakWaiting,
        meanWaitHours: stats.meanWaitHours,
        maxWaitHours: stats.maxWaitHours,
        diverted: state.diverted,
      };
    }
    return result;
  }

  /** A slot was granted: hold it for the handling time, free it, and send the unit on. */
  private readonly handle = (movement: Movement): void => {
    const { port } = movement.port;
    if (this.run.tracing) this.run.trace(`port:${port.id}`, 'movement.landed', { data: { nation: movement.nation, capability: movement.capability, waitedHours: movement.port.slots.lastWaitHours } });
    this.run.schedule(port.handlingHours, () => {
      movement.port.slots.release();
      if (movement.onwardHours > 0) this.run.schedule(movement.onwardHours, movement.landed);
      else movement.landed();
    });
  };

  /** The port a nation's movements come to first: one that serves it by name, else a host's open port. */
  private entryFor(nation: string): PortState | null {
    let entry = this.entryPort.get(nation);
    if (entry !== undefined) return entry;
    entry = null;
    if (this.run.scenario.logistics.inTheatre.includes(nation)) {
      this.entryPort.set(nation, entry);
      return entry;
    }
    for (const state of this.ports.values()) {
      if (state.port.serves.includes(nation)) {
        entry = state;
        break;
      }
      if (entry === null && state.port.serves.length === 0 && this.run.hosts.has(state.port.country)) entry = state;
    }
    this.entryPort.set(nation, entry);
    return entry;
  }

  /** Where a movement goes instead of a crowded port, if anywhere: the alternative must admit this nation. */
  private diversionFrom(state: PortState, nation: string, via: readonly string[] | null): PortState | null {
    const { port } = state;
    if (port.divertTo === null || state.slots.waiting < port.divertWhenWaiting) return null;
    if (via !== null && !via.includes(port.divertTo)) return null;
    const alternative = this.ports.get(port.divertTo)!;
    return this.admits(alternative.port.country, nation) ? alternative : null;
  }

  /**
   * Whether a nation may route through a port in this country: a host's ports and its own,
   * always; a third country's, with a SOFA, MOU or protocol with it or enough trust.
   */
  private admits(country: string, nation: string): boolean {
    if (country === nation || this.run.hosts.has(country)) return true;
    const relation = this.run.relation(country, nation);
    return relation.sofa || relation.mou || relation.protocol || this.run.trust(country, nation) >= STAGING.trustWithoutAgreement;
  }

  /**
   * Slot priority (lower first): with a coordination cell working, the share of the
   * capability's current need already in theatre, so the scarcest capabilities land first;
   * without one, everyone is equal and the queue is first come first served. Under a
   * humanitarian cell's civilian lead, military movements come after every civilian one.
   */
  private priorityOf(capability: string, military: boolean): number {
    const after = military && this.tasking.civilianLead() ? 1 : 0;
    const world = this.run.world.state;
    if (!coordinationCellWorking(world)) return 0;
    const curve = world.needs[capability];
    if (!curve) return after + 1;
    const need = needAt(curve, this.run.now);
    return after + (need > 0 ? Math.min(1, unitsInTheatre(world.deployed, capability) / need) : 1);
  }
}
