import fc from 'fast-check';
import { produce, setAutoFreeze } from 'immer';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { copyWorldState, initialWorld, type WorldState } from '../../src/model/world.js';
import { produceWorld } from '../../src/model/world-draft.js';
import { loadScenarioFile } from '../../src/scenario/load.js';

setAutoFreeze(false);

type Rec<T> = Record<string, T>;
interface Shape {
  n: number;
  flag: boolean;
  counts: Rec<number>;
  nested: Rec<Rec<number>>;
  pairs: Rec<{ trust: number; up: boolean }>;
}

const KEYS = ['a', 'b', 'c', 'x|y'] as const;
/** Keys of objects; a record of numbers may also hold `constructor`, which a plain record inherits. */
const key = fc.constantFrom(...KEYS);
const countKey = fc.constantFrom(...KEYS, 'constructor');
const value = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(0.5));

/** One step of a recipe, as the engine's recipes write them. */
const operation = fc.oneof(
  fc.record({ op: fc.constant('top' as const), v: value }),
  fc.record({ op: fc.constant('count' as const), k: countKey, v: value }),
  fc.record({ op: fc.constant('add-count' as const), k: countKey, v: value }),
  fc.record({ op: fc.constant('delete-count' as const), k: countKey }),
  fc.record({ op: fc.constant('nested' as const), k: key, k2: key, v: value }),
  fc.record({ op: fc.constant('clear-nested' as const), k: key }),
  fc.record({ op: fc.constant('pair' as const), k: key, v: value }),
  fc.record({ op: fc.constant('same' as const), k: countKey }),
  fc.record({ op: fc.constant('alias' as const), k: key, k2: key }),
  fc.record({ op: fc.constant('read' as const), k: key }),
  fc.record({ op: fc.constant('flag' as const) }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

/** Applies the steps to a draft (immer's or ours) and returns what the recipe read. */
function apply(draft: Shape, steps: readonly Operation[]): unknown[] {
  const reads: unknown[] = [];
  for (const step of steps) {
    switch (step.op) {
      case 'top': draft.n += step.v; break;
      case 'count': draft.counts[step.k] = step.v; break;
      case 'add-count': if (step.k in draft.counts) draft.counts[step.k]! += step.v; break;
      case 'delete-count': delete draft.counts[step.k]; break;
      case 'nested': {
        const inner = draft.nested[step.k] ?? (draft.nested[step.k] = {});
        inner[step.k2] = (inner[step.k2] ?? 0) + step.v;
        break;
      }
      case 'clear-nested': draft.nested[step.k] = {}; break;
      case 'pair': {
        let pair = draft.pairs[step.k];
        if (!pair) {
          pair = { trust: 0.5, up: false };
          draft.pairs[step.k] = pair;
        }
        pair.trust += step.v;
        break;
      }
      case 'same': if (step.k in draft.counts) draft.counts[step.k] = draft.counts[step.k]!; break;
      case 'alias': if (draft.pairs[step.k]) draft.pairs[step.k2] = draft.pairs[step.k]!; break;
      case 'read':
        reads.push(Object.keys(draft.nested), { ...draft.counts }, Object.values(draft.pairs[step.k] ?? {}), step.k in draft.counts);
        for (const inner in draft.nested) reads.push(inner, Object.entries(draft.nested[inner]!));
        break;
      case 'flag': draft.flag = !draft.flag; break;
      default: { const never: never = step; throw new Error(`unknown step ${JSON.stringify(never)}`); }
    }
  }
  return reads;
}

const record = <T>(entries: Record<string, T>, bare: boolean): Rec<T> => Object.assign(bare ? Object.create(null) as Rec<T> : {}, entries);
const base = fc.record({
  n: value,
  flag: fc.boolean(),
  counts: fc.dictionary(countKey, value, { maxKeys: 3 }),
  nested: fc.dictionary(key, fc.dictionary(key, value, { maxKeys: 3 }), { maxKeys: 3 }),
  pairs: fc.dictionary(key, fc.record({ trust: value, up: fc.boolean() }), { maxKeys: 3 }),
  bare: fc.boolean(),
}).map(({ bare, ...shape }): Shape => ({
  ...shape,
  counts: record(shape.counts, bare),
  nested: record(Object.fromEntries(Object.entries(shape.nested).map(([k, inner]) => [k, record(inner, bare)])), bare),
  pairs: record(shape.pairs, false),
}));

/** For every object below the root: whether the result kept the base's object there. */
function sharing(before: Shape, after: Shape): Record<string, boolean> {
  const kept: Record<string, boolean> = { root: before === after };
  for (const field of ['counts', 'nested', 'pairs'] as const) {
    kept[field] = before[field] === after[field];
    for (const k of Object.keys(after[field])) kept[`${field}.${k}`] = (before[field] as Rec<unknown>)[k] === (after[field] as Rec<unknown>)[k];
  }
  return kept;
}

describe('produceWorld gives what immer\'s produce gives', () => {
  it('the same result, reads, prototypes and shared objects, and leaves the base unchanged, for any recipe', () => {
    fc.assert(
      fc.property(base, fc.array(operation, { maxLength: 12 }), (start, steps) => {
        const snapshot = JSON.stringify(start);
        let immerReads: unknown[] = [];
        let ourReads: unknown[] = [];
        const byImmer = produce(start, (draft) => { immerReads = apply(draft, steps); });
        const ours = produceWorld(start, (draft) => { ourReads = apply(draft, steps); });
        // toEqual: a record's own `constructor` key would make toStrictEqual compare two fresh objects by identity.
        expect(ours).toEqual(byImmer);
        expect(Object.getPrototypeOf(ours.counts)).toBe(Object.getPrototypeOf(byImmer.counts));
        expect(Object.getPrototypeOf(ours.nested)).toBe(Object.getPrototypeOf(byImmer.nested));
        expect(ourReads).toEqual(immerReads);
        expect(sharing(start, ours)).toEqual(sharing(start, byImmer));
        expect(JSON.stringify(start)).toBe(snapshot);
      }),
      { numRuns: 400 },
    );
  });

  it('a world change through it equals immer\'s on a shipped scenario\'s world', () => {
    const world = initialWorld(loadScenarioFile('scenarios/coalition-intervention.yaml').scenario);
    const recipe = (draft: WorldState) => {
      const [first, second] = Object.keys(draft.deployed);
      draft.deployed[first!]!['medical'] = 3;
      draft.relations[`${first}|${second}`] = { trust: 0.4, hotlineUp: false };
      draft.relations[`${first}|${second}`]!.trust += 0.1;
      draft.escalations++;
    };
    const ours = produceWorld(world, recipe, copyWorldState);
    expect(ours).toStrictEqual(produce(world, recipe));
    expect(Object.keys(ours)).toEqual(Object.keys(world));
    expect(ours.needs).toBe(world.needs);
    expect(ours.deployed).not.toBe(world.deployed);
  });

  it('copyWorldState, the root copy of a world change, holds every field of the world, in order, as the same objects', () => {
    const world = initialWorld(loadScenarioFile('scenarios/caribbean-earthquake.yaml').scenario);
    const copy = copyWorldState(world);
    expect(copy).not.toBe(world);
    expect(Object.keys(copy)).toEqual(Object.keys(world));
    for (const field of Object.keys(world) as (keyof WorldState)[]) expect(copy[field]).toBe(world[field]);
    expect(Object.getPrototypeOf(copy)).toBe(Object.getPrototypeOf(world));
  });

  it('refuses a draft used after its change, and a recipe that returns a value', () => {
    let kept: WorldState['deployed'] | undefined;
    const world = { deployed: { usa: { medical: 1 } }, escalations: 2 } as unknown as WorldState;
    produceWorld(world, (draft) => { kept = draft.deployed; });
    expect(() => kept!['usa']).toThrow(/after its change finished/);
    expect(() => produceWorld(world, ((draft: WorldState) => draft.escalations) as unknown as (draft: WorldState) => void)).toThrow(/returns nothing/);
  });
});

describe('runs with and without history (immer, produceWorld) are the same runs', () => {
  for (const file of readdirSync('scenarios').filter((name) => name.endsWith('.yaml'))) {
    it(`${file}: the same world and metrics at the horizon, seeds 1-2`, () => {
      const { scenario } = loadScenarioFile(`scenarios/${file}`);
      for (const seed of [1, 2]) {
        const withHistory = new Simulation(scenario, { seed, keepHistory: true });
        const without = new Simulation(scenario, { seed });
        expect(without.finish()).toEqual(withHistory.finish());
        expect(without.world.state).toEqual(withHistory.world.state);
        expect(withHistory.world.history.length).toBeGreaterThan(0);
      }
    });
  }
});
