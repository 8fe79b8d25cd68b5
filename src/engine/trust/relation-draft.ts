import type { Draft } from 'immer';
import type { RelationState, WorldState } from '../../model/world.js';

/** Current relation values, read before a change creates the relation's world entry. */
export interface RelationLookups {
  trust(a: string, b: string): number;
  hotlineUp(a: string, b: string): boolean;
  /** The key of the pair's entry in `world.relations` (see model/relations.ts). */
  relationKey(a: string, b: string): string;
}

/** The dynamic relation between two nations, created with its current values when first changed. */
export function relationDraft(world: Draft<WorldState>, a: string, b: string, lookups: RelationLookups): Draft<RelationState> {
  const key = lookups.relationKey(a, b);
  let relation = world.relations[key];
  if (!relation) {
    relation = { trust: lookups.trust(a, b), hotlineUp: lookups.hotlineUp(a, b) };
    world.relations[key] = relation;
  }
  return relation;
}
