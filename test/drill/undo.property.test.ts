import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DrillSession, loadScenarioFile } from '../../src/index.js';
import { CARIBBEAN, crisisSim, fingerprints, scratchDir, writeScript } from './binary.js';

const loaded = loadScenarioFile(CARIBBEAN);

/** Plays `choices` (option indexes, taken modulo each decision's option count), running on after each. */
function play(session: DrillSession, choices: readonly number[]): void {
  for (const choice of choices) {
    const request = session.pending()[0];
    if (!request) return;
    session.decide(request.id, request.options[choice % request.options.length]!);
    if (session.pending().length === 0 && !session.atHorizon) session.advanceTo(session.sim.horizonHours);
  }
}

function startSession(dir: string, name: string, seed: number): DrillSession {
  return DrillSession.start({ loaded, seed, players: ['usa', 'hti'], logPath: join(dir, name) });
}

describe('undo restores the state exactly', () => {
  it('should equal the state after the first n-k decisions when k of n decisions are undone (library)', () => {
    const dir = scratchDir();
    let counter = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.nat(5), { minLength: 1, maxLength: 10 }),
        fc.nat(),
        (seed, choices, kSeed) => {
          counter++;
          const full = startSession(dir, `full-${counter}.jsonl`, seed);
          play(full, choices);
          const taken = full.actionsInForce().filter((action) => action.type === 'decide').length;
          const k = taken === 0 ? 0 : 1 + (kSeed % taken);
          for (let i = 0; i < k; i++) full.undo();
          const partial = startSession(dir, `partial-${counter}.jsonl`, seed);
          play(partial, choices.slice(0, taken - k));
          expect(full.fingerprint()).toBe(partial.fingerprint());
          expect(full.sim.world.state).toEqual(partial.sim.world.state);
          expect(full.sim.recorder.intervals).toEqual(partial.sim.recorder.intervals);
          expect(full.pending()).toEqual(partial.pending());
          full.close();
          partial.close();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('should equal the state after the first n-k decisions when k of n decisions are undone (binary)', () => {
    // One drill per case: after each decision and `continue` the binary prints the state's
    // fingerprint (computed live); after k undos (computed by replay from the seed) the
    // fingerprint must equal the one printed after decision n-k. A case may reach the
    // horizon before all its answers are used: those lines are refused, and n counts only
    // the decisions recorded.
    const dir = scratchDir();
    let counter = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.array(fc.constantFrom(1, 2), { minLength: 1, maxLength: 6 }), fc.nat(5), (seed, choices, kSeed) => {
        counter++;
        const k = 1 + (kSeed % choices.length);
        const lines = ['fingerprint', ...choices.flatMap((choice) => [String(choice), 'continue', 'fingerprint']), ...Array<string>(k).fill('undo'), 'fingerprint'];
        const script = writeScript(dir, `undo-${counter}.txt`, lines);
        const run = crisisSim(['drill', CARIBBEAN, '--play', 'usa', '--seed', String(seed), '--script', script, '--log', `undo-${counter}.jsonl`], { cwd: dir });
        const refused = run.stdout.split('\n').filter((line) => line.startsWith('error: '));
        for (const line of refused) expect(line).toMatch(/no decision is waiting|at its horizon|is waiting: answer it|no decision to undo/);
        const n = run.stdout.match(/^Recorded: /gm)?.length ?? 0;
        const printed = fingerprints(run.stdout);
        expect(printed).toHaveLength(choices.length + 2);
        expect(printed.at(-1)).toBe(printed[Math.max(0, n - k)]);
        expect(run.stdout.match(/^Undone: /gm)?.length ?? 0).toBe(Math.min(k, n));
      }),
      { numRuns: 4 },
    );
  });
});
