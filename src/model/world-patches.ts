import type { Patch } from 'immer';
import { setOwn } from '../guard/user-keys.js';

/**
 * Replays recorded world changes (immer patches) without immer's `applyPatches`, which
 * refuses every path through a key named `constructor`, and `constructor` is a valid
 * nation or capability id. Paths are walked by own properties only and copied on write,
 * so the state passed in is never changed and no prototype is ever reached.
 */
export function applyWorldPatches<T>(state: T, patches: readonly Patch[]): T {
  let root = state as unknown;
  for (const patch of patches) root = applyOne(root, patch);
  return root as T;
}

type Container = Record<string, unknown> | unknown[];

function copyOf(value: unknown, where: readonly (string | number)[]): Container {
  if (Array.isArray(value)) return value.slice();
  if (typeof value === 'object' && value !== null) return { ...(value as Record<string, unknown>) };
  throw new Error(`cannot apply a world patch: ${where.join('/')} is not an object`);
}

function applyOne(root: unknown, patch: Patch): unknown {
  const path = patch.path;
  if (path.length === 0) return patch.op === 'remove' ? undefined : patch.value;
  const top = copyOf(root, []);
  let node: Container = top;
  for (let depth = 0; depth < path.length - 1; depth += 1) {
    const key = path[depth]!;
    const child = Array.isArray(node) ? node[Number(key)] : Object.hasOwn(node, key) ? node[String(key)] : undefined;
    const copy = copyOf(child, path.slice(0, depth + 1));
    if (Array.isArray(node)) node[Number(key)] = copy;
    else setOwn(node, String(key), copy);
    node = copy;
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(node)) {
    const index = Number(last);
    if (patch.op === 'remove') node.splice(index, 1);
    else if (patch.op === 'add') node.splice(index, 0, patch.value);
    else node[index] = patch.value;
  } else if (patch.op === 'remove') delete node[String(last)];
  else setOwn(node, String(last), patch.value);
  return top;
}
