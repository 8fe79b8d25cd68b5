import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DrillSession, loadScenarioFile, readDrillLog, runSessionCommand, Simulation } from '../../src/index.js';
import { CARIBBEAN, scratchDir } from './binary.js';

type SessionCommand = Parameters<typeof runSessionCommand>[1];

const loaded = loadScenarioFile(CARIBBEAN);
const ROOT = resolve(import.meta.dirname, '../..');
const CRASHING_CHILD = resolve(import.meta.dirname, 'crash-while-applying.ts');

/** A drill of both teams, played with the same commands up to the first MSEL inject due. */
function toFirstCard(logPath: string): DrillSession {
  const session = DrillSession.start({ loaded, seed: 3, players: ['usa', 'hti'], logPath });
  while (session.due().length === 0) {
    const [request] = session.pending();
    if (request) runSessionCommand(session, { type: 'decide', decision: request.id, choice: request.recommended });
    else runSessionCommand(session, { type: 'continue', confirmed: true });
  }
  return session;
}

function lastLine(logPath: string): Record<string, unknown> {
  const lines = readFileSync(logPath, 'utf8').trimEnd().split('\n');
  return JSON.parse(lines.at(-1)!) as Record<string, unknown>;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the decision log is written ahead', () => {
  it('should have each action on disk, with the state it was taken in, by the time the engine applies it', () => {
    const logPath = join(scratchDir(), 'drill.jsonl');
    const session = toFirstCard(logPath);
    const seen: Record<string, unknown>[] = [];
    for (const method of ['advance', 'decide', 'fireInject'] as const) {
      const original = Simulation.prototype[method] as (...args: unknown[]) => unknown;
      vi.spyOn(Simulation.prototype, method).mockImplementation(function (this: Simulation, ...args: unknown[]) {
        seen.push({ method, line: lastLine(logPath) });
        return original.apply(this, args);
      });
    }
    const [card] = session.due();
    const before = session.fingerprint();
    runSessionCommand(session, { type: 'deliver' });
    expect(seen[0]).toEqual({ method: 'fireInject', line: expect.objectContaining({ type: 'fire', inject: card!.inject.id, fingerprint: before }) });

    seen.length = 0;
    const from = session.now;
    runSessionCommand(session, { type: 'advance', byHours: 2 });
    expect(seen[0]).toEqual({ method: 'advance', line: expect.objectContaining({ type: 'advance', atHours: from }) });
    session.close();
  });

  it('should take the line back when applying fails, leaving log and state as they were', () => {
    const logPath = join(scratchDir(), 'drill.jsonl');
    const session = toFirstCard(logPath);
    const [bytes, state] = [readFileSync(logPath, 'utf8'), session.fingerprint()];
    vi.spyOn(Simulation.prototype, 'fireInject').mockImplementationOnce(() => {
      throw new Error('engine failure while delivering');
    });
    expect(() => runSessionCommand(session, { type: 'deliver' })).toThrow('engine failure while delivering');
    expect(readFileSync(logPath, 'utf8')).toBe(bytes);
    expect(session.fingerprint()).toBe(state);
    runSessionCommand(session, { type: 'deliver' });
    expect(lastLine(logPath)).toMatchObject({ type: 'fire' });
    session.close();
    expect(DrillSession.resume(logPath).fingerprint()).toBe(session.fingerprint());
  });

  it('should resume after a kill between logging a clock jump and applying it as if it had been applied', () => {
    const dir = scratchDir();
    const jump: SessionCommand = { type: 'advance', byHours: 12 };
    const uninterrupted = toFirstCard(join(dir, 'whole.jsonl'));
    runSessionCommand(uninterrupted, { type: 'skip', reason: 'not needed' });
    runSessionCommand(uninterrupted, jump);
    const crashing = toFirstCard(join(dir, 'crash.jsonl'));
    runSessionCommand(crashing, { type: 'skip', reason: 'not needed' });
    crashing.close();

    const child = spawnSync(process.execPath, ['--import', 'tsx', CRASHING_CHILD, join(dir, 'crash.jsonl'), JSON.stringify(jump)], { cwd: ROOT, encoding: 'utf8' });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    expect(child.stdout).not.toContain('applied');

    expect(readFileSync(join(dir, 'crash.jsonl'), 'utf8')).toBe(readFileSync(join(dir, 'whole.jsonl'), 'utf8'));
    const resumed = DrillSession.resume(join(dir, 'crash.jsonl'));
    expect(resumed.now).toBe(uninterrupted.now);
    expect(resumed.fingerprint()).toBe(uninterrupted.fingerprint());
    uninterrupted.close();
    resumed.close();
  }, 30_000);

  it('should cut a line torn by a crash before appending, so the log resumes again after more play', () => {
    const logPath = join(scratchDir(), 'drill.jsonl');
    toFirstCard(logPath).close();
    appendFileSync(logPath, '{"type":"fire","inj');
    const resumed = DrillSession.resume(logPath);
    runSessionCommand(resumed, { type: 'deliver' });
    runSessionCommand(resumed, { type: 'note', text: 'after the crash' });
    resumed.close();
    expect(readDrillLog(logPath).actions.slice(-2).map((action) => action.type)).toEqual(['fire', 'note']);
    expect(DrillSession.resume(logPath).fingerprint()).toBe(resumed.fingerprint());
  });

  it('should keep a whole last line that lost only its newline, as resume read it, and start the next line on its own', () => {
    const logPath = join(scratchDir(), 'drill.jsonl');
    const session = toFirstCard(logPath);
    runSessionCommand(session, { type: 'deliver' });
    session.close();
    writeFileSync(logPath, readFileSync(logPath, 'utf8').replace(/\n$/, ''));
    const resumed = DrillSession.resume(logPath);
    expect(resumed.fingerprint()).toBe(session.fingerprint());
    runSessionCommand(resumed, { type: 'note', text: 'after the crash' });
    resumed.close();
    expect(readDrillLog(logPath).actions.slice(-2).map((action) => action.type)).toEqual(['fire', 'note']);
  });
});
