import { UNDECLARED_PAIR_TRUST, type Relation, type Scenario } from '../scenario/schema.js';

/** The order-independent key of the relation between two nations. */
export function relationKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
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
