import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { RandomStream, RandomStreams } from '../../src/index.js';
import { aleaSeedState } from '../../src/kernel/alea-seed.js';

/** The first `count` draws of seedrandom's own Alea for a seed text. */
function seedrandomDraws(seedText: string, count: number): number[] {
  const generator = seedrandom.alea(seedText);
  return Array.from({ length: count }, () => generator());
}

describe('named streams draw exactly what seedrandom.alea(seed text) draws', () => {
  it('aleaSeedState gives the state seedrandom seeds Alea with, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (seedText) => {
        expect(aleaSeedState(seedText)).toEqual(seedrandom.alea(seedText, { state: true }).state());
      }),
      { numRuns: 100 },
    );
  });

  it('a RandomStream draws seedrandom.alea(text)\'s numbers to the last bit, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.integer({ min: 1, max: 60 }), (seedText, count) => {
        const stream = new RandomStream(seedText);
        expect(Array.from({ length: count }, () => stream.random())).toEqual(seedrandomDraws(seedText, count));
      }),
      { numRuns: 300 },
    );
  });

  it('a run\'s named stream is seedrandom.alea("<seed>:<name>")', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom('nation/usa/delays', 'host/hti/deliberation', 'talks/fra|hti', 'crisis/escalation'), (seed, name) => {
        const stream = new RandomStreams(seed).stream(name);
        expect([stream.random(), stream.random(), stream.random()]).toEqual(seedrandomDraws(`${seed}:${name}`, 3));
      }),
      { numRuns: 100 },
    );
  });
});
