import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ScenarioIssue, SourcePosition } from './issues.js';
import { positionOf } from './positions.js';
import { isRecord } from './schema-walk.js';
import type { ParsedSource } from './source.js';
import { describe, describeFile } from './zod-issues.js';

/**
 * `extends: base.yaml`: a scenario that is a variant of another. The base chain is
 * read (relative to each extending file, cycles refused), then merged from the root
 * base down to the extending file, keeping for every merged value the file and path it
 * came from, so that an error in the merged scenario points into the right file.
 *
 * Merge rules (docs/scenario-format.md, "Reuse"): mappings merge key by key; lists whose
 * items all carry a key (`id`, the `between` pair, or `capability`, unique in each list)
 * merge item by item, new items appended, `remove: true` deleting an item; any other
 * value, lists without keys included, is replaced by the extending file's.
 */

type Path = (string | number)[];

/**
 * Where an issue at a field path of the (merged) scenario is in the source files; with
 * `atKey`, the position of the path's last key itself (an unknown field) rather than its value.
 */
export type Locate = (path: Path, atKey?: boolean) => { file: string; position: SourcePosition };

/** Most files in one `extends` chain. */
export const MAX_EXTENDS_DEPTH = 16;

interface Located {
  source: ParsedSource;
  path: Path;
  scalar?: unknown;
  map?: Map<string, Located>;
  list?: Located[];
}

/** The scenario data after resolving `extends`, and where each of its parts came from. */
export interface Resolved {
  data: unknown;
  locate: Locate;
}

/** Positions in one file, for a scenario without `extends`. */
export function locatorFor(source: ParsedSource): Locate {
  return (path, atKey) => ({ file: source.file, position: keyOrValuePosition(source, path, atKey) });
}

/** Resolves the `extends` chain of a parsed scenario; `load` reads a base file (path relative to the working directory). */
export function resolveExtends(child: ParsedSource, load: (file: string) => ParsedSource | ScenarioIssue[]): Resolved | ScenarioIssue[] {
  const chain: ParsedSource[] = [child];
  for (let current = child; isRecord(current.data) && Object.hasOwn(current.data, 'extends'); ) {
    const ref = current.data.extends;
    const at = (code: string, message: string): ScenarioIssue[] => [
      { severity: 'error', code, message, path: ['extends'], file: current.file, position: positionOf(current.doc, current.lineCounter, ['extends']) },
    ];
    if (typeof ref !== 'string' || ref.trim() === '') return at('extends.invalid', `expected the path of the base scenario file, got ${describe(ref)}`);
    const baseFile = isAbsolute(ref) ? ref : join(dirname(current.file), ref);
    const cycleStart = chain.findIndex((layer) => resolve(layer.file) === resolve(baseFile));
    if (chain.some((layer) => resolve(layer.file) === resolve(baseFile))) {
      return at('extends.cycle', `extends cycle: ${[...chain.map((layer) => layer.file), baseFile].join(' -> ')}`);
    }
    if (chain.length >= MAX_EXTENDS_DEPTH) return at('extends.too_deep', `more than ${MAX_EXTENDS_DEPTH} files in the extends chain`);
    const base = load(baseFile);
    if (Array.isArray(base)) {
      const unreadable = base.find((problem) => problem.code === 'file.unreadable');
      return unreadable ? at('extends.unreadable', `cannot read base scenario "${ref}": ${unreadable.message}`) : base;
    }
    if (!isRecord(base.data)) return at('extends.not_scenario', `base scenario "${ref}" is not a scenario: expected a mapping of fields (key: value), got ${describeFile(base.data)}`);
    chain.push(base);
    current = base;
  }
  if (chain.length === 1) return { data: child.data, locate: locatorFor(child) };
  const problems: ScenarioIssue[] = [];
  const layers = chain.reverse().map((source) => located(source, source.data, [], true));
  const merged = layers.reduce((base, over) => merge(base, over, problems));
  if (problems.length > 0) return problems;
  return { data: plain(merged), locate: (path, atKey) => locateIn(merged, path, atKey) };
}

function located(source: ParsedSource, value: unknown, path: Path, root = false): Located {
  if (Array.isArray(value)) return { source, path, list: value.map((item, index) => located(source, item, [...path, index])) };
  if (isRecord(value)) {
    const map = new Map<string, Located>();
    for (const key of Object.keys(value)) if (!(root && key === 'extends')) map.set(key, located(source, value[key], [...path, key]));
    return { source, path, map };
  }
  return { source, path, scalar: value };
}

function merge(base: Located, over: Located, problems: ScenarioIssue[]): Located {
  if (base.map && over.map) {
    const map = new Map(base.map);
    for (const [key, value] of over.map) map.set(key, map.has(key) ? merge(map.get(key)!, value, problems) : value);
    return { source: over.source, path: over.path, map };
  }
  if (base.list && over.list) {
    const merged = mergeKeyed(base.list, over.list, problems);
    if (merged) return { source: over.source, path: over.path, list: merged };
  }
  return over;
}

/** Item-by-item merge of two keyed lists, or undefined when they are not both keyed. */
function mergeKeyed(base: Located[], over: Located[], problems: ScenarioIssue[]): Located[] | undefined {
  const baseKeys = uniqueKeys(base);
  const overKeys = uniqueKeys(over);
  if (!baseKeys || !overKeys || over.length === 0) return undefined;
  const result = [...base];
  over.forEach((item, index) => {
    const key = overKeys[index]!;
    const at = result.findIndex((existing) => itemKey(existing) === key);
    if (item.map?.get('remove')?.scalar === true) {
      if (at === -1) {
        problems.push({
          severity: 'error',
          code: 'extends.remove_unknown',
          message: `remove: the base has no item ${key}`,
          path: [...item.path, 'remove'],
          file: item.source.file,
          position: positionOf(item.source.doc, item.source.lineCounter, [...item.path, 'remove']),
        });
      } else result.splice(at, 1);
    } else if (at === -1) result.push(item);
    else result[at] = merge(result[at]!, item, problems);
  });
  return result;
}

function uniqueKeys(items: Located[]): string[] | undefined {
  const keys = items.map(itemKey);
  if (keys.some((key) => key === undefined) || new Set(keys).size !== keys.length) return undefined;
  return keys as string[];
}

/** What identifies a list item across files: `id "usa"`, `between usa/hti`, `capability "medical"`. */
function itemKey(item: Located): string | undefined {
  const id = item.map?.get('id')?.scalar;
  if (typeof id === 'string') return `with id "${id}"`;
  const between = item.map?.get('between')?.list?.map((side) => side.scalar);
  if (between?.length === 2 && between.every((side) => typeof side === 'string')) return `between ${[...(between as string[])].sort().join('/')}`;
  const capability = item.map?.get('capability')?.scalar;
  if (typeof capability === 'string') return `with capability "${capability}"`;
  return undefined;
}

/** Plain data from a located tree; keys are defined as own properties, so `__proto__` stays an ordinary (unknown) field. */
function plain(node: Located): unknown {
  if (node.list) return node.list.map(plain);
  if (node.map) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of node.map) Object.defineProperty(out, key, { value: plain(value), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return node.scalar;
}

function keyOrValuePosition(source: ParsedSource, path: Path, atKey = false): SourcePosition {
  if (atKey && path.length > 0) return positionOf(source.doc, source.lineCounter, path.slice(0, -1), String(path.at(-1)));
  return positionOf(source.doc, source.lineCounter, path);
}

function locateIn(tree: Located, path: Path, atKey = false): { file: string; position: SourcePosition } {
  let node = tree;
  let consumed = 0;
  for (const part of path) {
    const child = node.map?.get(String(part)) ?? (typeof part === 'number' ? node.list?.[part] : undefined);
    if (!child) break;
    node = child;
    consumed += 1;
  }
  const rest = path.slice(consumed);
  return { file: node.source.file, position: keyOrValuePosition(node.source, [...node.path, ...rest], atKey) };
}
