import type { Draft } from 'immer';

/**
 * Copy-on-write drafts of the world for runs that keep no history (`runScenario`, batches):
 * the same contract as immer's `produce` for what the world holds (records and plain
 * objects of numbers, strings and booleans, no arrays, maps or classes), at a fraction of
 * its cost. immer checks at every property read whether the value can be drafted (for a
 * number: five lookups on its wrapper), keeps scopes and revocable proxies, and walks every
 * key of every copied record when it finishes; a trust change, which copies the record of
 * relations, cost 15-20 us. Here a read of a primitive is one lookup, a draft is made only
 * for an object the recipe reaches through the draft, and finishing visits only the
 * drafts made. Runs that keep history (drills, undo) still use immer's patches.
 *
 * The contract (tested against immer in test/model/world-draft.test.ts): the base is never
 * changed; what the recipe did not change keeps its identity, so unchanged records are
 * the same objects (supply re-derivation relies on it); writing a value equal to the
 * current one changes nothing; an object the recipe assigns is kept as it is (the recipe
 * may go on changing it directly); a draft must not be used after the recipe returns.
 *
 * `copyRoot`, when given, copies the root's base instead of a spread: the world's top level
 * has 16 fields, and V8 spreads such an object (a clone of a map it cannot take from a
 * literal's boilerplate) about ten times slower than it builds the same object literal
 * written out (see `copyWorldState`, src/model/world.ts). It must return a new object with
 * the base's prototype and every own key, in order.
 */
export function produceWorld<T extends object>(base: T, recipe: (draft: Draft<T>) => void, copyRoot?: (base: T) => T): T {
  const root = new DraftState(base, undefined, undefined, copyRoot as ((base: object) => object) | undefined);
  const returned: unknown = recipe(root.proxy as Draft<T>);
  if (returned !== undefined) throw new TypeError('a world recipe changes its draft and returns nothing');
  const result = root.finish() as T;
  return result;
}

/**
 * What a draft knows: its base, its copy once written, its parent, and the drafts made from
 * it. Those drafts form a list (`firstChild`, then each one's `nextSibling`, in the order
 * they were made) rather than a Map: a world change drafts one to three objects under each
 * draft (the root's `deployed`, a nation's record, a relation), and a Map per draft cost more
 * to make and to read than walking so short a list (measured, docs/performance.md). A
 * recipe that drafts n objects under one draft walks O(n^2) steps, e.g. 45 relations about
 * a thousand key comparisons, a few microseconds.
 */
class DraftState {
  readonly proxy: object;
  copy: Record<PropertyKey, unknown> | undefined;
  /** The first draft made from this one's values; the others follow by `nextSibling`. */
  firstChild: DraftState | undefined;
  /** The next draft made from the same parent. */
  nextSibling: DraftState | undefined;
  /** Keys whose assigned value is another draft, resolved when finishing. */
  assignedDrafts: Set<PropertyKey> | undefined;
  finished = false;

  constructor(
    readonly base: object,
    private readonly parent: DraftState | undefined,
    private readonly key: PropertyKey | undefined,
    /** How to copy the base (the root's can be written out by hand); records and plain objects: {@link shallowCopy}. */
    private readonly copyBase: ((base: object) => object) | undefined = undefined,
  ) {
    this.proxy = new Proxy(this, HANDLER as ProxyHandler<DraftState>);
  }

  /** The values now: the copy once written, else the base. */
  latest(): Record<PropertyKey, unknown> {
    return this.copy ?? (this.base as Record<PropertyKey, unknown>);
  }

  /** Copies the base (keeping its prototype), and the parents' up to the root. */
  markChanged(): void {
    if (this.copy !== undefined) return;
    this.copy = (this.copyBase?.(this.base) ?? shallowCopy(this.base)) as Record<PropertyKey, unknown>;
    this.parent?.markChanged();
  }

  /** The value this draft stands for: its base when nothing changed, else its copy with finished children. */
  finish(): object {
    this.finished = true;
    for (let child = this.firstChild; child !== undefined; child = child.nextSibling) {
      const value = child.finish();
      if (value !== child.base) this.copy![child.key!] = value;
    }
    if (this.assignedDrafts !== undefined) {
      for (const key of this.assignedDrafts) {
        const value = this.copy![key];
        const state = draftStateOf(value);
        if (state !== undefined) this.copy![key] = state.finished ? state.latest() : state.finish();
      }
    }
    return this.copy ?? this.base;
  }

  /** The draft made from the value at `key`, if any. */
  childOf(key: PropertyKey): DraftState | undefined {
    let child = this.firstChild;
    while (child !== undefined && child.key !== key) child = child.nextSibling;
    return child;
  }

  /** A new draft of `value`, the base's value at `key` (which has none yet), at the end of the list. */
  addChild(key: PropertyKey, value: object): object {
    const child = new DraftState(value, this, key);
    if (this.firstChild === undefined) this.firstChild = child;
    else {
      let last = this.firstChild;
      while (last.nextSibling !== undefined) last = last.nextSibling;
      last.nextSibling = child;
    }
    return child.proxy;
  }

  /** Forgets the draft made from `key` once the recipe puts another value there. */
  replaced(key: PropertyKey): void {
    let link: DraftState | undefined;
    for (let child = this.firstChild; child !== undefined; link = child, child = child.nextSibling) {
      if (child.key !== key) continue;
      if (link === undefined) this.firstChild = child.nextSibling;
      else link.nextSibling = child.nextSibling;
      break;
    }
    this.assignedDrafts?.delete(key);
  }
}

const DRAFT_STATE = Symbol('world draft');

function draftStateOf(value: unknown): DraftState | undefined {
  return typeof value === 'object' && value !== null ? ((value as Record<symbol, unknown>)[DRAFT_STATE] as DraftState | undefined) : undefined;
}

function shallowCopy(base: object): Record<PropertyKey, unknown> {
  const prototype: unknown = Object.getPrototypeOf(base);
  if (prototype === Object.prototype) return { ...(base as Record<PropertyKey, unknown>) };
  return Object.assign(Object.create(prototype as object | null) as object, base) as Record<PropertyKey, unknown>;
}

function alive(state: DraftState, operation: string): void {
  if (state.finished) throw new TypeError(`Cannot perform '${operation}' on a world draft after its change finished`);
}

const HANDLER: ProxyHandler<DraftState> = {
  get(state, key) {
    if (key === DRAFT_STATE) return state;
    alive(state, 'get');
    const source = state.latest();
    const value = source[key];
    // A number, string or boolean is read as it is: a key holding one has no draft (putting a
    // value where a draft was forgets the draft), so most reads skip the lookup below.
    if (typeof value !== 'object' || value === null) return value;
    const child = state.childOf(key);
    if (child !== undefined) return child.proxy;
    // Only what the base holds is drafted; what the recipe assigned is its own to change.
    if (value !== (state.base as Record<PropertyKey, unknown>)[key] || !Object.hasOwn(source, key)) return value;
    return state.addChild(key, value);
  },
  set(state, key, value: unknown) {
    alive(state, 'set');
    const source = state.latest();
    const previous = source[key];
    // Only a key holding an object can have a draft (or an assigned draft) to forget.
    const holdsObject = typeof previous === 'object' && previous !== null;
    const current = holdsObject ? (state.childOf(key)?.proxy ?? previous) : previous;
    if (Object.is(value, current) && (value !== undefined || Object.hasOwn(source, key))) return true;
    state.markChanged();
    if (holdsObject) state.replaced(key);
    state.copy![key] = value;
    if (draftStateOf(value) !== undefined) (state.assignedDrafts ??= new Set()).add(key);
    return true;
  },
  deleteProperty(state, key) {
    alive(state, 'delete');
    // As immer: a key the base has (or inherits) is a change; one the recipe added goes from the copy.
    if (key in state.base) state.markChanged();
    state.replaced(key);
    if (state.copy !== undefined) delete state.copy[key];
    return true;
  },
  has(state, key) {
    alive(state, 'has');
    return key in state.latest();
  },
  ownKeys(state) {
    alive(state, 'ownKeys');
    return Reflect.ownKeys(state.latest());
  },
  getOwnPropertyDescriptor(state, key) {
    alive(state, 'getOwnPropertyDescriptor');
    const source = state.latest();
    const descriptor = Reflect.getOwnPropertyDescriptor(source, key);
    if (descriptor === undefined) return undefined;
    return { writable: true, configurable: true, enumerable: descriptor.enumerable ?? false, value: HANDLER.get!(state, key, state.proxy) };
  },
  getPrototypeOf(state) {
    return Object.getPrototypeOf(state.base) as object | null;
  },
  defineProperty() {
    throw new TypeError('a world draft takes assignments, not property definitions');
  },
  setPrototypeOf() {
    throw new TypeError('a world draft keeps its prototype');
  },
};
