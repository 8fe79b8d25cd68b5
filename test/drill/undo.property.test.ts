import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DrillSession, loadScenarioFile, readDrillLog } from '../../src/index.js';
import { CARIBBEAN, crisisSim, fingerprints, scratchDir, writeScript } from './binary.js';

const loaded = loadScenarioFile(CARIBBEAN);

/**
 * Plays `choices`: each one answers the decision waiting (option index modulo the option
 * count), delivers or skips the inject due (odd or even), or else runs the clock on by
 * 6-41 h. Returns the state's fingerprint before the first action and after each one.
 */
function play(session: DrillSession, choices: readonly number[]): string[] {
  const prints = [session.fingerprint()];
  for (const choice of choices) {
    if (session.atHorizon) break;
    const [due] = session.due();
    const [request] = session.pending();
    if (request) session.decide(request.id, request.options[choice % request.options.length]!);
    else if (due) {
      if (choice % 2 === 1) session.deliver(due.inject.id);
      else session.skip(due.inject.id, 'not needed');
    } else session.advanceTo(session.now + 6 + (choice % 6) * 7);
    prints.push(session.fingerprint());
  }
  return prints;
}

function startSession(dir: string, name: string, seed: number): DrillSession {
  return DrillSession.start({ loaded, seed, players: ['usa', 'hti'], logPath: join(dir, name) });
}

describe('undo restores the state exactly', () => {
  it('should equal the state after the first n-k actions when the last k of n actions are undone, time jumps included (library)', () => {
    const dir = scratchDir();
    let counter = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.nat(11), { minLength: 1, maxLength: 14 }),
        fc.nat(),
        (seed, choices, kSeed) => {
          counter++;
          const full = startSession(dir, `full-${counter}.jsonl`, seed);
          const prints = play(full, choices);
          const taken = prints.length - 1;
          const k = 1 + (kSeed % taken);
          for (let i = 0; i < k; i++) full.undo();
          expect(full.fingerprint()).toBe(prints[taken - k]);
          const partial = startSession(dir, `partial-${counter}.jsonl`, seed);
          play(partial, choices.slice(0, taken - k));
          expect(full.fingerprint()).toBe(partial.fingerprint());
          expect(full.sim.world.state).toEqual(partial.sim.world.state);
          expect(full.sim.recorder.intervals).toEqual(partial.sim.recorder.intervals);
          expect(full.pending()).toEqual(partial.pending());
          expect(full.due()).toEqual(partial.due());
          full.close();
          partial.close();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('should equal the state after the first n-k actions when the last k of n actions are undone (binary)', () => {
    // One drill per case. Each logged action carries the fingerprint of the state it was
    // taken in (computed live); after k undos (computed by replay from the seed) the printed
    // fingerprint must equal the one logged with action n-k+1 (the state after the first
    // n-k actions), or the start state's.
    // Commands that cannot be carried out (a decision waiting, an inject due) are refused
    // and log nothing.
    const dir = scratchDir();
    let counter = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.array(fc.constantFrom('1', '2', 'advance 6h', 'advance 20h', 'deliver', 'skip'), { minLength: 1, maxLength: 8 }), fc.nat(7), (seed, commands, kSeed) => {
        counter++;
        const k = 1 + (kSeed % commands.length);
        const lines = ['fingerprint', ...commands, ...Array<string>(k).fill('undo'), 'fingerprint'];
        const script = writeScript(dir, `undo-${counter}.txt`, lines);
        const log = `undo-${counter}.jsonl`;
        const run = crisisSim(['drill', CARIBBEAN, '--play', 'usa', '--seed', String(seed), '--script', script, '--log', log], { cwd: dir });
        const refused = run.stdout.split('\n').filter((line) => line.startsWith('error: '));
        for (const line of refused) expect(line).toMatch(/no decision is waiting|at its horizon|is waiting: answer it|is due: deliver it|no inject is due|has options|nothing to undo/);
        const logged = readDrillLog(join(dir, log)).actions.filter((action) => action.type !== 'undo');
        const n = logged.length;
        const printed = fingerprints(run.stdout);
        expect(printed).toHaveLength(2);
        const stamp = (index: number) => {
          const action = logged[index]!;
          return 'fingerprint' in action ? action.fingerprint : undefined;
        };
        if (n > 0) expect(stamp(0)).toBe(printed[0]);
        expect(printed[1]).toBe(n - k <= 0 ? printed[0] : stamp(n - k));
        expect(run.stdout.match(/^Undone: /gm)?.length ?? 0).toBe(Math.min(k, n));
      }),
      { numRuns: 4 },
    );
  });
});
