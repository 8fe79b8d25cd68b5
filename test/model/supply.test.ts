import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unitsInTheatre } from '../../src/model/supply.js';
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
