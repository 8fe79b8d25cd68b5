import { enablePatches, immerable, produceWithPatches, setAutoFreeze, type Draft, type Patch } from 'immer';
import type { Scenario } from '../scenario/schema.js';
import { needRate, type NeedCurve } from './needs.js';
import { relationKey } from './relations.js';
import { produceWorld } from './world-draft.js';

enablePatches();
// The world is only changed through WorldStore.update; freezing every state costs more
// than it protects in the run loop (measured in bench/), so it is off.
setAutoFreeze(false);

/**
 * The prototype of the world's records: empty and itself without a prototype, so a key
 * users choose (`constructor`, `__proto__`, `toString`) reads as absent until set and is
 * an ordinary key when set, as in a prototype-less record. Unlike `Object.create(null)`,
 * which V8 keeps in slow dictionary mode, objects made from this prototype keep fast
 * properties: every world change copies the records it touches (immer) and supply is
 * re-derived from them after every change (measured, docs/performance.md). Marked
 * `immerable` because immer drafts only plain objects and marked classes.
 */
const WORLD_RECORD = Object.freeze(Object.assign(Object.create(null) as object, { [immerable]: true }));

/** An empty world record (see {@link WORLD_RECORD}). */
export function worldRecord<T>(): Record<string, T> {
  return Object.create(WORLD_RECORD) as Record<string, T>;
}

export type HostPolicy = 'undecided' | 'open' | 'restrictive' | 'closed';
export type IntelligenceSharing = 'full' | 'partners' | 'none';

/** The parts of a relation that change during a run. */
export interface RelationState {
  trust: number;
  hotlineUp: boolean;
}

/** Everything about the crisis world that changes during a run. */
export interface WorldState {
  /** Need curve per capability. */
  needs: Record<string, NeedCurve>;
  /** Units in theatre per nation and capability. */
  deployed: Record<string, Record<string, number>>;
  /** Effectiveness (0..1) of each nation's units, e.g. lowered where intelligence is withheld. */
  effectiveness: Record<string, number>;
  relations: Record<string, RelationState>;
  budgetsMusd: Record<string, number>;
  hostPolicy: Record<string, HostPolicy>;
  intelligenceSharing: Record<string, IntelligenceSharing>;
  foreignPersonnel: Record<string, number>;
  mandated: Record<string, boolean>;
  coordinationCell: Record<string, boolean>;
  mediaPressure: number;
  /** Per host: the organization or nation under whose umbrella it admits conditioned help (mediation, regional mandate); absent = none. */
  umbrella: Record<string, string>;
  /** Incidents between the forces of rival intervening powers. */
  incidents: number;
  escalations: number;
  attacks: number;
  resolved: boolean;
}

/**
 * Every capability the run tracks need for: those of the crisis, then those injects and
 * hazards can add, in order of first mention.
 */
export function scenarioCapabilities(scenario: Scenario): string[] {
  const capabilities = new Set(scenario.crisis.needs.map((need) => need.capability));
  for (const inject of scenario.injects) if (inject.effect.type === 'need.add') capabilities.add(inject.effect.capability);
  for (const hazard of [scenario.crisis.escalation, scenario.crisis.attacks]) {
    for (const added of hazard?.addsNeed ?? []) capabilities.add(added.capability);
  }
  return [...capabilities];
}

/** The world at onset. */
export function initialWorld(scenario: Scenario): WorldState {
  // Keyed by ids and capability names users choose: records without a prototype, so an
  // id such as `constructor` reads as absent until set, never as Object's constructor.
  const world: WorldState = {
    needs: worldRecord(),
    deployed: worldRecord(),
    effectiveness: worldRecord(),
    // Keyed by relationKey ("a|b"): every key contains "|", which no inherited member's name
    // does, so a plain object is safe here, and immer copies a plain object fastest; the
    // record is copied at every trust change (measured, docs/performance.md).
    relations: {},
    budgetsMusd: worldRecord(),
    hostPolicy: worldRecord(),
    intelligenceSharing: worldRecord(),
    foreignPersonnel: worldRecord(),
    mandated: worldRecord(),
    coordinationCell: worldRecord(),
    mediaPressure: 0,
    umbrella: worldRecord(),
    incidents: 0,
    escalations: 0,
    attacks: 0,
    resolved: false,
  };
  for (const capability of scenarioCapabilities(scenario)) world.needs[capability] = { level: 0, ratePerHour: 0, sinceHours: 0 };
  for (const need of scenario.crisis.needs) {
    const curve = world.needs[need.capability]!;
    curve.level += need.initial;
    curve.ratePerHour = needRate(need.halfLifeHours, need.doublingHours);
  }
  for (const nation of scenario.nations) {
    world.deployed[nation.id] = worldRecord();
    world.effectiveness[nation.id] = 1;
    world.budgetsMusd[nation.id] = nation.budgetMusd;
  }
  for (const host of scenario.crisis.hosts) {
    const sovereignty = scenario.nations.find((nation) => nation.id === host)!.sovereignty;
    world.hostPolicy[host] = sovereignty.consent === 'automatic' ? 'open' : 'undecided';
    world.intelligenceSharing[host] = sovereignty.intelligenceSharing;
    world.foreignPersonnel[host] = 0;
  }
  for (const relation of scenario.relations) {
    world.relations[relationKey(relation.between[0], relation.between[1])] = { trust: relation.trust, hotlineUp: relation.hotline };
  }
  for (const organization of scenario.organizations) {
    world.mandated[organization.id] = false;
    world.coordinationCell[organization.id] = false;
  }
  return world;
}

/**
 * A shallow copy of the world's top level, field by field: what {@link produceWorld}
 * makes of the root at every change. A spread of these 16 fields costs about 0.4 us; this
 * literal, which V8 builds from one boilerplate, under 0.05 us (docs/performance.md). The
 * fields are in {@link initialWorld}'s order, so the copy's keys read as the original's
 * (test/model/world-draft.test.ts checks both). The literal is typed with every field
 * required, so a field added to {@link WorldState}, optional or not, fails to compile here
 * until it is copied.
 */
export function copyWorldState(world: WorldState): WorldState {
  const copy: { [Field in keyof WorldState]-?: WorldState[Field] } = {
    needs: world.needs,
    deployed: world.deployed,
    effectiveness: world.effectiveness,
    relations: world.relations,
    budgetsMusd: world.budgetsMusd,
    hostPolicy: world.hostPolicy,
    intelligenceSharing: world.intelligenceSharing,
    foreignPersonnel: world.foreignPersonnel,
    mandated: world.mandated,
    coordinationCell: world.coordinationCell,
    mediaPressure: world.mediaPressure,
    umbrella: world.umbrella,
    incidents: world.incidents,
    escalations: world.escalations,
    attacks: world.attacks,
    resolved: world.resolved,
  };
  return copy;
}

/** One recorded world change: what to apply to redo it and what to apply to undo it. */
export interface WorldChange {
  atHours: number;
  label: string;
  patches: Patch[];
  inversePatches: Patch[];
}

/**
 * Holds the world state; every change goes through {@link update}, an immer recipe,
 * and (when history is kept) is recorded as patches for undo and replay.
 */
export class WorldStore {
  private current: WorldState;
  readonly history: WorldChange[] = [];

  constructor(initial: WorldState, private readonly keepHistory: boolean) {
    this.current = initial;
  }

  get state(): WorldState {
    return this.current;
  }

  /**
   * Applies a recipe to the world, labelled for the history. Without history the recipe
   * runs on {@link produceWorld}'s drafts, which give immer's result at a fraction of its
   * cost; with history, on immer's, for the patches.
   */
  update(atHours: number, label: string, recipe: (draft: Draft<WorldState>) => void): void {
    if (!this.keepHistory) {
      this.current = produceWorld(this.current, recipe, copyWorldState);
      return;
    }
    const [next, patches, inversePatches] = produceWithPatches(this.current, recipe);
    this.current = next;
    if (patches.length > 0) this.history.push({ atHours, label, patches, inversePatches });
  }
}
