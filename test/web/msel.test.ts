import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrillSession, loadScenarioFile, startWebConsole, type WebConsole, type WebCommand, type WebExercise } from '../../src/index.js';
import { controllerView, evaluatorView } from '../../src/web/staff-views.js';
import { teamView } from '../../src/web/views.js';
import { CARIBBEAN, scratchDir } from '../drill/binary.js';

const CONTROLLER = { kind: 'controller' } as const;

/**
 * The controller's MSEL through the console's command layer (in process, no browser): an
 * inject coming due stops the clock and waits on the controller's page, not the teams';
 * re-time, skip, undo and deliver each change its status; a long jump asks first.
 */
describe('the controller page drives the MSEL: due, re-timed, skipped, delivered', () => {
  let web: WebConsole;
  let exercise: WebExercise;
  const status = (id: string) => controllerView(exercise).msel.find((row) => row.id === id)!;
  const perform = (command: WebCommand) => exercise.perform(CONTROLLER, command);
  /** Runs the clock, answering every decision with the engine's choice, until an inject is due. */
  const runUntilDue = () => {
    for (let guard = 0; guard < 100 && exercise.session.due().length === 0; guard++) {
      const [decision] = exercise.session.pending();
      const reply = decision ? perform({ type: 'decide', decision: decision.id, choice: decision.recommended }) : perform({ type: 'continue', confirmed: true });
      expect(reply).toHaveProperty('ok');
    }
  };

  beforeAll(async () => {
    const dir = scratchDir();
    const session = DrillSession.start({ loaded: loadScenarioFile(CARIBBEAN), seed: 1, players: ['usa', 'hti'], logPath: join(dir, 'drill.jsonl') });
    web = await startWebConsole({ session, handOuts: { reportPath: join(dir, 'r.html'), debriefPath: join(dir, 'd.md') }, host: '127.0.0.1', port: 0 });
    exercise = web.exercise;
  });
  afterAll(() => web.close());

  it('ratings take only the scenario\'s critical tasks, and only from the evaluator', () => {
    const evaluator = { kind: 'evaluator' } as const;
    expect(() => exercise.perform(evaluator, { type: 'rate', task: 'no-such-task', rating: 'P', observation: '' })).toThrow(/no critical task no-such-task.*atc-cell/);
    expect(() => exercise.perform({ kind: 'team', nation: 'usa' }, { type: 'rate', task: 'atc-cell', rating: 'P', observation: '' })).toThrow(/team page cannot rate/);
    expect(exercise.perform(evaluator, { type: 'rate', task: 'atc-cell', rating: 'M', observation: 'cell set up on day 4' })).toEqual({ ok: expect.stringMatching(/^Rated atc-cell .* M: performed with major challenges/) });
    expect(exercise.perform(evaluator, { type: 'rate', task: 'atc-cell', rating: 'S', observation: 'revised after the hot wash' })).toHaveProperty('ok');
    const task = evaluatorView(exercise).objectives.flatMap((o) => o.capabilities.flatMap((c) => c.tasks)).find((t) => t.id === 'atc-cell')!;
    expect(task.rating).toMatchObject({ rating: 'S', text: 'revised after the hot wash' });
    expect(task.injects).toEqual(['airport-congestion']);
  });

  it("a team acts in its own words: a hotline takes effect, only for its own nation", () => {
    const usa = { kind: 'team', nation: 'usa' } as const;
    expect(exercise.perform(usa, { type: 'act', text: 'We propose a hotline with Haiti' })).toEqual({ ok: expect.stringMatching(/takes effect in the engine \(hotline/) });
    expect(teamView(exercise, 'usa').actions).toMatchObject([{ text: 'We propose a hotline with Haiti', lever: 'hotline' }]);
    expect(teamView(exercise, 'hti').actions).toEqual([]);
    expect(() => exercise.perform(CONTROLLER, { type: 'act', text: 'anything' })).toThrow(/controller page cannot act/);
  });

  it('a long jump asks for confirmation and changes nothing until confirmed', () => {
    for (const decision of exercise.session.pending()) perform({ type: 'decide', decision: decision.id, choice: decision.recommended });
    const before = exercise.session.now;
    const reply = perform({ type: 'advance', byHours: 500 });
    if ('confirm' in reply) {
      expect(reply.confirm).toMatch(/Run it\?/);
      expect(reply.command).toEqual({ type: 'advance', byHours: 500, confirmed: true });
      expect(exercise.session.now).toBe(before);
    } else {
      // The jump stopped early (a decision or an inject within a day): nothing to confirm.
      expect(exercise.session.now - before).toBeLessThanOrEqual(24);
    }
  });

  it('an inject coming due stops the clock on the controller page; teams see it only once delivered', () => {
    runUntilDue();
    const [due] = exercise.session.due();
    expect(due!.inject.id).toBe('airport-congestion');
    expect(controllerView(exercise).due.map((card) => card.id)).toEqual(['airport-congestion']);
    expect(status('airport-congestion').status).toBe('due now');
    expect(JSON.stringify(teamView(exercise, 'usa'))).not.toContain('Airport slots saturated');
    expect(() => perform({ type: 'continue', confirmed: true })).toThrow(/airport-congestion is due/);
  });

  it('re-time moves it later, skip drops it with the reason, undo brings it back, deliver hands it to its team only', () => {
    const later = exercise.session.now + 10;
    perform({ type: 'retime', inject: 'airport-congestion', toHours: later });
    expect(status('airport-congestion').status).toBe('re-timed');
    runUntilDue();
    expect(exercise.session.now).toBe(later);
    perform({ type: 'skip', inject: 'airport-congestion', reason: 'covered in the briefing' });
    expect(status('airport-congestion')).toMatchObject({ status: 'skipped', reason: 'covered in the briefing' });
    perform({ type: 'undo' });
    expect(status('airport-congestion').status).toBe('due now');
    perform({ type: 'deliver' });
    expect(status('airport-congestion').status).toBe('delivered');
    expect(teamView(exercise, 'usa').injects.map((card) => card.id)).toEqual(['airport-congestion']);
    expect(teamView(exercise, 'hti').injects).toEqual([]);
  });

  it('a live inject from the form carries from, to, mode and message to the team it is for, never its expected action', () => {
    const form: Extract<WebCommand, { type: 'inject' }> = {
      type: 'inject',
      effect: 'pressure',
      args: ['0.1'],
      title: 'Press conference at the airport',
      expectedAction: 'Brief the press together',
      from: 'UN OCHA',
      to: 'Haiti',
      mode: 'phone call',
      message: 'Journalists ask why the aid is stuck',
    };
    expect(perform(form)).toHaveProperty('ok');
    const card = teamView(exercise, 'hti').injects.find((candidate) => candidate.title === form.title);
    expect(card).toMatchObject({ from: 'UN OCHA', to: 'Haiti', mode: 'phone call', message: 'Journalists ask why the aid is stuck' });
    expect(card).not.toHaveProperty('controller');
    expect(teamView(exercise, 'usa').injects.map((candidate) => candidate.title)).not.toContain(form.title);
    expect(evaluatorView(exercise).checklist.find((item) => item.title === form.title)?.controller?.expectedAction).toBe('Brief the press together');
  });
});
