import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { SourcePosition } from './issues.js';

/**
 * Finds the source position of a field path in a parsed YAML document: the value's
 * node when it exists, otherwise the deepest ancestor that does. With `key` set, the
 * position of that key inside the map at `path` (for unknown or misspelt keys).
 */
export function positionOf(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly (string | number)[],
  key?: string,
): SourcePosition {
  let node: unknown = doc.contents;
  let best: Node | null = (doc.contents as Node | null) ?? null;
  for (const part of path) {
    const child = childOf(node, part);
    if (child === undefined) break;
    node = child;
    if (child && typeof child === 'object' && 'range' in child) best = child as Node;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    const keyNode = pair?.key as Node | undefined;
    if (keyNode?.range) return toPosition(lineCounter, keyNode.range[0]);
  }
  const offset = best?.range?.[0] ?? 0;
  return toPosition(lineCounter, offset);
}

function childOf(node: unknown, part: string | number): unknown {
  if (isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part));
    return pair?.value ?? undefined;
  }
  if (isSeq(node) && typeof part === 'number') return node.items[part];
  return undefined;
}

function toPosition(lineCounter: LineCounter, offset: number): SourcePosition {
  const { line, col } = lineCounter.linePos(offset);
  return { line, col };
}

/** Field paths of the innermost collections that hold each syntax error (where the parser's reading cannot be trusted). */
export function brokenPaths(source: { doc: Document; syntax: readonly { position: SourcePosition }[]; lineCounter: LineCounter }): (string | number)[][] {
  const paths: (string | number)[][] = [];
  for (const error of source.syntax) {
    const offset = offsetOf(source.lineCounter, error.position);
    const path: (string | number)[] = [];
    let node: unknown = source.doc.contents;
    for (let child = innerChild(node, offset, path); child !== undefined; child = innerChild(node, offset, path)) node = child;
    paths.push(path);
  }
  return paths;
}

/** The child collection of `node` whose range holds `offset`, its key or index pushed onto `path`. */
function innerChild(node: unknown, offset: number, path: (string | number)[]): unknown {
  const holds = (child: unknown) => (isMap(child) || isSeq(child)) && child.range !== undefined && child.range !== null && child.range[0] <= offset && offset <= child.range[2];
  if (isMap(node)) {
    const pair = node.items.find((item) => holds(item.value));
    if (pair && isScalar(pair.key)) {
      path.push(String(pair.key.value));
      return pair.value;
    }
  } else if (isSeq(node)) {
    const index = node.items.findIndex(holds);
    if (index !== -1) {
      path.push(index);
      return node.items[index];
    }
  }
  return undefined;
}

function offsetOf(lineCounter: LineCounter, position: SourcePosition): number {
  return (lineCounter.lineStarts[position.line - 1] ?? 0) + position.col - 1;
}
