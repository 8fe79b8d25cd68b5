import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DrillSession, loadScenarioFile, readDrillLog, startWebConsole } from '../../src/index.js';
import { CARIBBEAN, scratchDir } from '../drill/binary.js';

/** Resolves when `check` holds, polling every few milliseconds; fails after `ms`. */
async function until(check: () => boolean, ms: number): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the paced clock', () => {
  it('moves simulated time in logged steps at the set rate and stops by itself when a team must decide', async () => {
    const dir = scratchDir();
    const session = DrillSession.start({ loaded: loadScenarioFile(CARIBBEAN), seed: 1, players: ['usa'], logPath: join(dir, 'drill.jsonl') });
    // Steps every 50 ms of wall time; at 600 simulated hours per minute that is 0.5 h a step.
    const web = await startWebConsole({ session, handOuts: { reportPath: join(dir, 'r.html'), debriefPath: join(dir, 'd.md') }, host: '127.0.0.1', port: 0, paceStepSeconds: 0.05 });
    try {
      const { exercise } = web;
      const controller = { kind: 'controller' } as const;
      const first = session.pending()[0]!;
      exercise.perform(controller, { type: 'decide', decision: first.id, choice: 'act' });
      expect(session.pending()).toEqual([]);
      const startHours = session.now;
      exercise.perform(controller, { type: 'pace', running: true, simHoursPerWallMinute: 600 });
      expect(exercise.pace.running).toBe(true);
      await until(() => !exercise.pace.running, 20_000);
      expect(exercise.pace.stoppedBecause).toBe('a decision for usa is waiting');
      expect(session.pending()[0]!.nation).toBe('usa');
      const advances = readDrillLog(join(dir, 'drill.jsonl')).actions.filter((action) => action.type === 'advance');
      expect(advances.length).toBeGreaterThan(3);
      // Every step asked for rate x step length of simulated time (the last one stopped early at the decision).
      for (const [index, action] of advances.slice(0, -1).entries()) {
        const from = index === 0 ? startHours : (advances[index - 1] as { untilHours: number }).untilHours;
        expect((action as { untilHours: number }).untilHours - from).toBeCloseTo(0.5, 9);
      }
      // A paused clock stays put.
      const pausedAt = session.now;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(session.now).toBe(pausedAt);
      expect(readFileSync(join(dir, 'drill.jsonl'), 'utf8')).not.toMatch(/token/);
    } finally {
      await web.close();
    }
  });
});
