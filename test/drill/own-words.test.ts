import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DrillSession, loadScenarioFile, runSessionCommand } from '../../src/index.js';
import type { TraceEntry } from '../../src/metrics/trace.js';
import { RETASKING } from '../../src/model/retasking.js';
import { replay } from '../../src/drill/replay.js';
import { CARIBBEAN, scratchDir } from './binary.js';

const loaded = loadScenarioFile(CARIBBEAN);

/** A new two-team drill (the United States and the Dominican Republic; Haiti played by the engine). */
function startDrill(): DrillSession {
  return DrillSession.start({ loaded, seed: 1, players: ['usa', 'dom'], logPath: join(scratchDir(), 'drill.jsonl') });
}

/** Plays on to `hours`: every decision as the engine would choose, every inject delivered. */
function playUntil(session: DrillSession, hours: number): void {
  for (let step = 0; step < 200 && session.now < hours; step++) {
    const [request] = session.pending();
    if (request) runSessionCommand(session, { type: 'decide', decision: request.id, choice: request.recommended });
    else if (session.due().length > 0) runSessionCommand(session, { type: 'deliver' });
    else runSessionCommand(session, { type: 'advance-to', atHours: hours, confirmed: true });
  }
  expect(session.now).toBeGreaterThanOrEqual(hours);
}

/** The run's trace, rebuilt by replaying the drill's log from the seed. */
function traceOf(session: DrillSession): TraceEntry[] {
  const trace: TraceEntry[] = [];
  replay(session.scenario, session.runOptions(), session.actionsInForce(), false, (entry) => trace.push(entry));
  return trace;
}

/** Takes a team's action through the session command, as the consoles do; returns the reply. */
function act(session: DrillSession, nation: string, text: string): string {
  const reply = runSessionCommand(session, { type: 'act', nation, text });
  if (reply.type !== 'done') throw new Error('act asked for confirmation');
  return reply.message;
}

/** Checks that the log replays to the same state, and that undo takes the action back exactly. */
function expectReplayAndUndo(session: DrillSession, before: string): void {
  expect(DrillSession.load(session.logPath).fingerprint()).toBe(session.fingerprint());
  runSessionCommand(session, { type: 'undo' });
  expect(session.fingerprint()).toBe(before);
  expect(DrillSession.load(session.logPath).fingerprint()).toBe(before);
}

describe("a team's own words pull the engine's levers", () => {
  it('request talks: the engine holds talks between the team and the host, which move trust; replayed and undone exactly', () => {
    const session = startDrill();
    playUntil(session, 6);
    const before = session.fingerprint();
    expect(act(session, 'usa', 'request talks with Haiti on customs for relief flights')).toContain('it takes effect in the engine (talks: talks between usa and hti start now)');
    expect(session.actionsInForce().at(-1)).toMatchObject({ type: 'act', lever: 'talks', engineAction: { type: 'talks', nation: 'usa', with: 'hti' } });
    // Replayed from the log to the same state; undo takes it back to the state before, exactly.
    expectReplayAndUndo(session, before);
    act(session, 'usa', 'request talks with Haiti on customs for relief flights');
    playUntil(session, 40);
    const trace = traceOf(session);
    expect(trace.find((entry) => entry.event === 'talks.requested' && entry.agent === 'nation:usa')).toMatchObject({ t: 6, data: { host: 'hti' } });
    const ended = trace.find((entry) => entry.event === 'talks.ended' && entry.agent === 'nation:usa');
    expect(ended?.t).toBeGreaterThan(6);
    // The talks' outcome moved US-Haiti trust (talks-success or talks-failed), as the engine's own talks do.
    expect(trace.some((entry) => entry.event === 'trust.changed' && entry.t === ended?.t && JSON.stringify(entry.data).includes('talks'))).toBe(true);
    // The same run without the team's action holds no US-Haiti talks.
    const without = startDrill();
    playUntil(without, 40);
    expect(traceOf(without).some((entry) => entry.event === 'talks.requested' && entry.agent === 'nation:usa')).toBe(false);
    expect(DrillSession.load(session.logPath).fingerprint()).toBe(session.fingerprint());
  });

  it('set up a coordination cell: the cell of the organization named starts its set-up now and opens earlier than without', () => {
    // Without the team, the UN's cell is engaged when a member decides to respond (the United Kingdom, at about T+6.7 h).
    const session = startDrill();
    playUntil(session, 3);
    const opened = (drill: DrillSession) => traceOf(drill).find((entry) => entry.agent === 'cell:un' && entry.event === 'state' && entry.to === 'working')?.t ?? Infinity;
    expect(act(session, 'usa', 'Stand up an air-traffic coordination cell with the UN and the host')).toContain("it takes effect in the engine (cell: un's coordination cell starts its set-up now)");
    expect(session.actionsInForce().at(-1)).toMatchObject({ lever: 'cell', engineAction: { type: 'cell', nation: 'usa', organization: 'un' } });
    expect(traceOf(session).find((entry) => entry.event === 'cell.engaged' && entry.agent === 'cell:un')).toMatchObject({ t: 3, data: { reason: 'usa set it up' } });
    playUntil(session, 100);
    const without = startDrill();
    playUntil(without, 100);
    expect(opened(session)).toBeLessThan(opened(without));
    expect(session.sim.world.state.coordinationCell['un']).toBe(true);
    // Once it is there: logged as what the team did, no lever. The Dominican team (a CARICOM member) gets CARICOM's.
    const reply = act(session, 'dom', 'set up a coordination cell');
    expect(reply).toContain("no engine lever taken (cell: caricom's coordination cell is already set up or being set up)");
    expect(session.actionsInForce().at(-1)).not.toHaveProperty('engineAction');
    expect(DrillSession.load(session.logPath).fingerprint()).toBe(session.fingerprint());
  });

  it('re-task units: units in theatre leave one capability, serve none for the re-tasking hours, then serve the other; replayed and undone exactly', () => {
    const session = startDrill();
    // Before the US search-and-rescue teams land there is nothing to re-task.
    playUntil(session, 6);
    expect(act(session, 'usa', 're-task search-and-rescue teams to engineering')).toContain('no engine lever taken (retask: usa has no search-rescue units in theatre to re-task)');
    playUntil(session, 80);
    const deployed = () => ({ ...session.sim.world.state.deployed['usa'] });
    const sar = deployed()['search-rescue'] ?? 0;
    expect(sar).toBeGreaterThan(0);
    const engineering = deployed()['engineering'] ?? 0;
    const before = session.fingerprint();
    const at = session.now;
    expect(act(session, 'usa', 'Re-task our search and rescue teams to engineering: structural assessments')).toMatch(
      /it takes effect in the engine \(retask: usa's search-rescue units in theatre serve engineering from Day \d+, \d\d:\d\d \(T\+[\d.]+ h\) \(12 h to re-task\)\)/,
    );
    const withRetask = session.actionsInForce().length;
    expect(deployed()['search-rescue']).toBe(0);
    expect(deployed()['engineering'] ?? 0).toBe(engineering);
    playUntil(session, at + RETASKING['search-rescue'].engineering);
    expect(deployed()['engineering']).toBeGreaterThanOrEqual(engineering + sar);
    expect(traceOf(session).find((entry) => entry.event === 'units.retasked')).toMatchObject({ t: at + RETASKING['search-rescue'].engineering, data: { from: 'search-rescue', to: 'engineering', units: sar } });
    expect(DrillSession.load(session.logPath).fingerprint()).toBe(session.fingerprint());
    // Undo what came after (the clock move, and any decision the teams took meanwhile), then the re-tasking: the state it was taken in, exactly.
    while (session.actionsInForce().length > withRetask) runSessionCommand(session, { type: 'undo' });
    expectReplayAndUndo(session, before);
    expect(session.sim.world.state.deployed['usa']?.['search-rescue']).toBe(sar);
  });

  it('say why nothing took effect when the words cannot be completed', () => {
    const session = startDrill();
    playUntil(session, 3);
    expect(act(session, 'usa', 're-task search-and-rescue teams to the western districts')).toContain('name the capability to re-task search-rescue units to (engineering, medical)');
    expect(act(session, 'usa', 're-task medical teams to engineering')).toContain('medical units cannot be re-tasked to engineering');
    expect(act(session, 'dom', 'talks with Jamaica')).toContain('talks are between a host (hti) and a nation outside it');
    expect(session.actionsInForce().filter((action) => action.type === 'act').every((action) => action.type === 'act' && action.lever === undefined)).toBe(true);
  });
});
