/**
 * The state seedrandom's Alea generator starts from for a seed text, computed without
 * seedrandom's own seeding.
 *
 * seedrandom seeds Alea with Baagøe's Mash hash: three passes over a space, then three
 * over the seed text, each continuing the hash. It keeps the hash state in a closure
 * variable, which V8 boxes anew at every character, so seeding one named stream cost
 * about 3 us, 3-5% of a scenario run (50-110 streams a run, docs/performance.md). This is
 * the same arithmetic on a local number; the three spaces' passes, the same for every
 * seed, are computed once. seedrandom still makes every draw: a stream is
 * `seedrandom.alea('', { state: aleaSeedState(text) })`, whose draws are those of
 * `seedrandom.alea(text)` to the last bit (test/kernel/alea-seed.test.ts checks it for
 * arbitrary texts).
 */

/** The state seedrandom's Alea keeps (what its `state()` returns). */
export interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

const MASH_START = 0xefc8249d;
const TWO_TO_MINUS_32 = 2.3283064365386963e-10;

/** Mash's running state after hashing `text` from state `n` (Baagøe's Mash, as seedrandom's). */
function mash(n: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    n += text.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 0x100000000;
  }
  return n;
}

/** Mash's output for a running state. */
function mashValue(n: number): number {
  return (n >>> 0) * TWO_TO_MINUS_32;
}

const AFTER_FIRST_SPACE = mash(MASH_START, ' ');
const AFTER_SECOND_SPACE = mash(AFTER_FIRST_SPACE, ' ');
const AFTER_SPACES = mash(AFTER_SECOND_SPACE, ' ');
const SPACE_S0 = mashValue(AFTER_FIRST_SPACE);
const SPACE_S1 = mashValue(AFTER_SECOND_SPACE);
const SPACE_S2 = mashValue(AFTER_SPACES);

/** The Alea state `seedrandom.alea(seedText)` starts from. */
export function aleaSeedState(seedText: string): AleaState {
  let n = mash(AFTER_SPACES, seedText);
  let s0 = SPACE_S0 - mashValue(n);
  if (s0 < 0) s0 += 1;
  n = mash(n, seedText);
  let s1 = SPACE_S1 - mashValue(n);
  if (s1 < 0) s1 += 1;
  n = mash(n, seedText);
  let s2 = SPACE_S2 - mashValue(n);
  if (s2 < 0) s2 += 1;
  return { c: 1, s0, s1, s2 };
}
