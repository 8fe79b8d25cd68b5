import { needAt } from '../../model/needs.js';
import type { Organization, Resource } from '../../scenario/schema.js';
import type { RunContext } from '../run-context.js';

type CivilMilitary = NonNullable<Organization['civilMilitary']>;

/** The part of a run civil-military coordination reads: the scenario, the world, time. */
export type CivilMilitaryContext = Pick<RunContext, 'scenario' | 'world' | 'now'>;

/**
 * Request and tasking of foreign military assets through a humanitarian coordination
 * cell, by the Oslo Guidelines' principles, while the cell works: a foreign military pool is
 * tasked in full for a capability no civilian actor offers (unique capability) and only for
 * the gap civilian and host capacity cannot fill otherwise (last resort); the cell's
 * civilian lead puts civilian movements first at the ports. Without a working cell that
 * has `civilMilitary`, military assets deploy bilaterally, as offered.
 */
export class CivilMilitaryTasking {
  private readonly bodies: { id: string; rules: CivilMilitary }[];
  /** Capabilities some civilian pool (any nation's, the host's included) offers. */
  private readonly civilianCapabilities = new Set<string>();
  /** Units committed per capability: civilian and host capacity, and military assets tasked. */
  private readonly civilian = new Map<string, number>();
  private readonly military = new Map<string, number>();

  constructor(private readonly run: CivilMilitaryContext) {
    this.bodies = run.scenario.organizations.flatMap((organization) => (organization.civilMilitary && organization.coordinationCell ? [{ id: organization.id, rules: organization.civilMilitary }] : []));
    for (const nation of run.scenario.nations) {
      for (const resource of nation.resources) if (!resource.military && resource.units > 0) this.civilianCapabilities.add(resource.capability);
    }
  }

  /** The rules of the first humanitarian body whose cell works now, if any. */
  rules(): CivilMilitary | null {
    const working = this.run.world.state.coordinationCell;
    for (const body of this.bodies) if (working[body.id]) return body.rules;
    return null;
  }

  /**
   * Units of a foreign military pool the coordination cell tasks now (all of them without
   * a working cell, for a civilian pool, or for a host's own assets). `plannedBefore`: units
   * of the same capability the nation's earlier military pools of this offer already take
   * of the gap (a nation may hold several pools of one capability).
   */
  tasked(resource: Resource, units: number, foreign: boolean, plannedBefore = 0): number {
    const rules = foreign && resource.military ? this.rules() : null;
    if (rules === null) return units;
    const unique = !this.civilianCapabilities.has(resource.capability);
    if (unique && rules.uniqueCapability) return units;
    if (!rules.lastResort) return rules.uniqueCapability ? 0 : units;
    return Math.min(units, Math.max(0, this.gap(resource.capability) - plannedBefore));
  }

  /** Records a committed pool: civilian and host pools add capacity; military pools take part of the gap. */
  committed(resource: Resource, units: number, foreign: boolean): void {
    const ledger = foreign && resource.military ? this.military : this.civilian;
    ledger.set(resource.capability, (ledger.get(resource.capability) ?? 0) + units);
  }

  /** Whether civilian movements go first at the ports now (a working cell with civilian lead). */
  civilianLead(): boolean {
    return this.rules()?.civilianLead ?? false;
  }

  /** Units of need civilian and host capacity and military assets already tasked leave uncovered. */
  private gap(capability: string): number {
    const curve = this.run.world.state.needs[capability];
    const need = curve ? needAt(curve, this.run.now) : 0;
    return Math.max(0, Math.ceil(need - (this.civilian.get(capability) ?? 0) - (this.military.get(capability) ?? 0)));
  }
}

