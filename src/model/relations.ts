import { UNDECLARED_PAIR_TRUST, type Relation, type Scenario } from '../scenario/schema.js';

/** The order-independent key of the relation between two nations. */
export function relationKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * {@link relationKey}, remembered per pair for one run. A run asks for the keys of the same
 * few dozen pairs some 300-600 times (trust, hotlines, static relations, trust changes); a
 * key built anew is a new string that each lookup must hash, one remembered is hashed once
 * (about 55 ns a lookup less, measured).
 */
export class RelationKeys {
  private readonly byFirst = new Map<string, Map<string, string>>();

  /** The key of the relation between `a` and `b` (the same string for `b`, `a`). */
  key(a: string, b: string): string {
    let bySecond = this.byFirst.get(a);
    if (bySecond === undefined) {
      bySecond = new Map();
      this.byFirst.set(a, bySecond);
    }
    let key = bySecond.get(b);
    if (key === undefined) {
      key = relationKey(a, b);
      bySecond.set(b, key);
    }
    return key;
  }
}

/** A relation with every field at its "no ties" value, for pairs the scenario does not list. */
export const NO_RELATION: Relation = {
  between: ['', ''],
  trust: UNDECLARED_PAIR_TRUST,
  mou: false,
  sofa: false,
  protocol: false,
  hotline: false,
  jointTraining: 0,
  liaisonOfficers: false,
  intelligencePooling: false,
};

/** Index of the scenario's relations by {@link relationKey}. */
export function indexRelations(scenario: Scenario): Map<string, Relation> {
  const index = new Map<string, Relation>();
  for (const relation of scenario.relations) index.set(relationKey(relation.between[0], relation.between[1]), relation);
  return index;
}
