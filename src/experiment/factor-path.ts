import { setOwn } from '../guard/user-keys.js';
import { UNDECLARED_PAIR_TRUST, type Scenario } from '../scenario/schema.js';

/**
 * Factor paths: where in a scenario a factor's value goes. A path is dot-separated
 * fields; inside a list, a segment picks an element by id (`nations.hti`, or
 * `nations[hti]`), by index (`injects[0]`), or, for relations, by the two nation ids in
 * either order (`relations[usa-hti]`). A relation that does not exist yet is added, so
 * a factor can open a hotline between nations that had no relation; it starts at the
 * trust of an undeclared pair (`UNDECLARED_PAIR_TRUST`).
 */

/** A factor path that cannot be applied, with the reason. */
export class FactorPathError extends Error {
  override name = 'FactorPathError';
}

/** Splits `relations[usa-hti].hotline` into `['relations', 'usa-hti', 'hotline']`. */
export function parsePath(path: string): string[] {
  const first = /^[^.[\]]+/.exec(path);
  if (!first) throw new FactorPathError(`a path starts with a field name, got "${path}"`);
  const segments = [first[0]];
  let rest = path.slice(first[0].length);
  while (rest !== '') {
    const next = /^\.([^.[\]]+)|^\[([^\]]+)\]/.exec(rest);
    if (!next) throw new FactorPathError(`cannot read path "${path}" at "${rest}"`);
    segments.push(next[1] ?? next[2]!);
    rest = rest.slice(next[0].length);
  }
  // No scenario field or id is named `__proto__` (and the path is walked by own keys only, see child()).
  if (segments.includes('__proto__')) throw new FactorPathError(`"__proto__" is not a scenario field (path "${path}")`);
  return segments;
}

/** Returns a copy of the scenario with the field at `path` set to `value`. */
export function applyFactor(scenario: Scenario, path: string, value: unknown): Scenario {
  const copy = structuredClone(scenario) as unknown as Record<string, unknown>;
  const segments = parsePath(path);
  let node: unknown = copy;
  for (let i = 0; i < segments.length - 1; i += 1) node = child(node, segments[i]!, segments.slice(0, i).join('.'), true);
  const last = segments[segments.length - 1]!;
  if (Array.isArray(node)) {
    const index = elementIndex(node, last, segments.slice(0, -1).join('.'));
    node[index] = structuredClone(value);
  } else if (isRecord(node)) {
    setOwn(node, last, structuredClone(value));
  } else {
    throw new FactorPathError(`"${segments.slice(0, -1).join('.')}" is not an object, cannot set "${last}"`);
  }
  return copy as unknown as Scenario;
}

function child(node: unknown, segment: string, where: string, create: boolean): unknown {
  if (Array.isArray(node)) return node[elementIndex(node, segment, where)];
  if (!isRecord(node)) throw new FactorPathError(`"${where}" is not an object, cannot go into "${segment}"`);
  if (!Object.hasOwn(node, segment)) {
    if (!create) throw new FactorPathError(`no field "${segment}" in "${where}"`);
    setOwn(node, segment, segment === 'relations' ? [] : {});
  }
  return node[segment];
}

/** Index of the list element a segment names; adds a relation when the pair has none. */
function elementIndex(list: unknown[], segment: string, where: string): number {
  if (/^\d+$/.test(segment)) {
    const index = Number(segment);
    if (index >= list.length) throw new FactorPathError(`"${where}" has ${list.length} elements, no index ${index}`);
    return index;
  }
  const byId = list.findIndex((element) => isRecord(element) && element['id'] === segment);
  if (byId >= 0) return byId;
  if (where === 'relations') return relationIndex(list, segment);
  const ids = list.filter(isRecord).map((element) => element['id']).filter((id) => typeof id === 'string');
  throw new FactorPathError(`no element with id "${segment}" in "${where}"${ids.length > 0 ? ` (ids: ${ids.join(', ')})` : ''}`);
}

/** A relation named `a-b` (either order; ids may contain dashes, so every split is tried). */
function relationIndex(relations: unknown[], segment: string): number {
  const splits: [string, string][] = [];
  for (let cut = segment.indexOf('-'); cut > 0; cut = segment.indexOf('-', cut + 1)) splits.push([segment.slice(0, cut), segment.slice(cut + 1)]);
  if (splits.length === 0) throw new FactorPathError(`a relation is named by two nation ids joined by "-", e.g. relations[usa-hti], got "${segment}"`);
  for (const [a, b] of splits) {
    const index = relations.findIndex((relation) => {
      const between = isRecord(relation) ? relation['between'] : undefined;
      return Array.isArray(between) && ((between[0] === a && between[1] === b) || (between[0] === b && between[1] === a));
    });
    if (index >= 0) return index;
  }
  if (splits.length > 1) throw new FactorPathError(`no relation "${segment}", and the ids are ambiguous: write it as it appears in the scenario`);
  // Added with the trust of a pair that has no relation, so a factor on one lever moves only that lever.
  relations.push({ between: splits[0], trust: UNDECLARED_PAIR_TRUST });
  return relations.length - 1;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
