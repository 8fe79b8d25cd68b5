import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveSupply, hasUnitsDeployed, SUPPLY, unitsInTheatre } from '../../src/model/supply.js';
import type { NeedCurve } from '../../src/model/needs.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { worldRecord, type WorldState } from '../../src/model/world.js';
import { produceWorld } from '../../src/model/world-draft.js';

type Deployed = WorldState['deployed'];

const NATIONS = ['haiti', 'usa', 'constructor', 'fra'] as const;
const CAPABILITIES = ['medical', 'lift', 'constructor', 'water'] as const;

/** The sum unitsInTheatre keeps, walked anew over every nation. */
function recounted(deployed: Deployed, capability: string, except?: string): number {
  let units = 0;
  for (const nation in deployed) if (nation !== except) units += deployed[nation]![capability] ?? 0;
  return units;
}

/** A change of the deployments as the contributors make them: arrivals, releases, a withdrawal. */
const change = fc.record({
  kind: fc.constantFrom('arrive', 'release', 'withdraw', 'nothing'),
  nation: fc.constantFrom(...NATIONS),
  capability: fc.constantFrom(...CAPABILITIES),
  units: fc.integer({ min: 1, max: 5 }),
});
const question = fc.record({
  snapshot: fc.nat(),
  capability: fc.constantFrom(...CAPABILITIES, 'unknown'),
  except: fc.option(fc.constantFrom(...NATIONS, 'absent'), { nil: undefined }),
});

describe('unitsInTheatre', () => {
  it('always equals the sum over the nations, on every deployment record asked in any order', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 30 }), fc.array(question, { minLength: 1, maxLength: 40 }), (changes, questions) => {
        let world: { deployed: Deployed } = { deployed: worldRecord() };
        const snapshots: Deployed[] = [world.deployed];
        for (const { kind, nation, capability, units } of changes) {
          world = produceWorld(world, (draft) => {
            if (kind === 'withdraw') draft.deployed[nation] = worldRecord();
            if (kind === 'nothing') return;
            const own = (draft.deployed[nation] ??= worldRecord());
            if (kind === 'arrive') own[capability] = (own[capability] ?? 0) + units;
            if (kind === 'release') own[capability] = Math.max(0, (own[capability] ?? 0) - units);
          });
          snapshots.push(world.deployed);
          // Asked right after each change too, as the recovery reviews and the ports do.
          expect(unitsInTheatre(world.deployed, capability)).toBe(recounted(world.deployed, capability));
        }
        for (const { snapshot, capability, except } of questions) {
          const deployed = snapshots[snapshot % snapshots.length]!;
          expect(unitsInTheatre(deployed, capability, except)).toBe(recounted(deployed, capability, except));
        }
      }),
    );
  });
});

/** Effective supply the plain way: per capability, a sum over every nation with units deployed, in nation order. */
function plainSupply(nations: readonly string[], world: WorldState, capabilities: readonly string[], hosts: ReadonlySet<string>, duplication: number): number[] {
  return capabilities.map((capability) => {
    let supply = 0;
    let foreign = 0;
    for (const nation of nations) {
      const units = world.deployed[nation];
      if (!hasUnitsDeployed(units)) continue;
      const count = units![capability] ?? 0;
      if (count <= 0) continue;
      supply += count * SUPPLY.needUnitsPerResourceUnit * (world.effectiveness[nation] ?? 1);
      if (!hosts.has(nation)) foreign++;
    }
    return foreign > 1 ? supply * (1 - duplication) : supply;
  });
}

describe('effectiveSupply', () => {
  /** Enough nations that a sum in another order would round differently. */
  const MANY = [...NATIONS, 'can', 'bra', 'jpn', 'esp'];
  it('gives exactly the plain sums per capability, in nation order, for any deployments and effectiveness', () => {
    const deployment = fc.array(fc.tuple(fc.constantFrom(...CAPABILITIES, 'unlisted'), fc.integer({ min: 0, max: 9 })), { maxLength: 5 });
    fc.assert(
      fc.property(
        fc.array(fc.option(deployment, { nil: undefined }), { minLength: MANY.length, maxLength: MANY.length }),
        fc.array(fc.option(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.1, 0.7, 0.3)), { nil: undefined }), { minLength: MANY.length, maxLength: MANY.length }),
        fc.boolean(),
        fc.subarray(MANY),
        (deployments, effectiveness, cell, hostList) => {
          const world = { deployed: worldRecord(), effectiveness: worldRecord(), needs: worldRecord(), coordinationCell: worldRecord() } as unknown as WorldState;
          MANY.forEach((nation, n) => {
            const units = deployments[n];
            if (units !== undefined) {
              const record = worldRecord<number>();
              for (const [capability, count] of units) record[capability] = count;
              (world.deployed as Record<string, Record<string, number>>)[nation] = record;
            }
            if (effectiveness[n] !== undefined) (world.effectiveness as Record<string, number>)[nation] = effectiveness[n]!;
          });
          for (const capability of CAPABILITIES) (world.needs as Record<string, NeedCurve>)[capability] = { level: 1, ratePerHour: 0, sinceHours: 0 };
          if (cell) (world.coordinationCell as Record<string, boolean>)['un'] = true;
          const parameters = { duplication: 0.25, duplicationWithCell: 0.05 };
          const scenario = { nations: MANY.map((id) => ({ id })), parameters } as unknown as Scenario;
          const hosts = new Set(hostList);
          const curves: NeedCurve[] = [];
          const supplies: number[] = [];
          effectiveSupply(scenario, world, CAPABILITIES, hosts, curves, supplies);
          expect(supplies).toEqual(plainSupply(MANY, world, CAPABILITIES, hosts, cell ? parameters.duplicationWithCell : parameters.duplication));
          expect(curves).toEqual(CAPABILITIES.map((capability) => world.needs[capability]));
        },
      ),
      { numRuns: 300 },
    );
  });
});
