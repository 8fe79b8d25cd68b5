import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DrillSession, loadScenarioFile, runSessionCommand, Simulation } from '../../src/index.js';
import { viewText } from '../../src/drill/render-text.js';
import { drillView } from '../../src/drill/session-view.js';
import { PLAIN_STYLE } from '../../src/drill/style.js';
import { injectsToMsel } from '../../src/msel/export.js';
import { mselToInjects } from '../../src/msel/import.js';
import { hashScenario } from '../../src/scenario/hash.js';
import { checkScenarioText } from '../../src/scenario/load.js';
import { injectSchema, type Scenario } from '../../src/scenario/schema.js';
import { CARIBBEAN, scratchDir } from './binary.js';

const base = loadScenarioFile(CARIBBEAN);
const baseText = readFileSync(CARIBBEAN, 'utf8');

/** The Caribbean scenario with extra injects. */
function withInjects(...extra: object[]): Scenario {
  return { ...base.scenario, injects: [...base.scenario.injects, ...extra.map((inject) => injectSchema.parse(inject))] };
}

/** Injects that fired and lapsed in a run with every nation played by the engine. */
function runInjects(scenario: Scenario): { fired: string[]; lapsed: string[] } {
  const fired: string[] = [];
  const lapsed: string[] = [];
  const sim = new Simulation(scenario, {
    seed: 1,
    trace: (entry) => {
      if (entry.event === 'inject') fired.push(String(entry.data?.['id']));
      if (entry.event === 'inject.lapsed') lapsed.push(String(entry.data?.['id']));
    },
  });
  sim.finish();
  return { fired, lapsed };
}

describe('contingency injects', () => {
  it('fire in a run only when their condition holds at their time', () => {
    // The US deploys at about 42 h in the seed-1 run: not yet at 30 h, long since at 200 h.
    const scenario = withInjects(
      { id: 'us-absent-early', atHours: 30, title: 'Press asks where the US is', when: { notDeployed: 'usa' } },
      { id: 'us-absent-late', atHours: 200, title: 'Press asks again', when: { notDeployed: 'usa' } },
      { id: 'coverage-low', atHours: 24, title: 'Needs unmet', when: { coverageBelow: 0.5 } },
      { id: 'coverage-high', atHours: 24, title: 'Needs met', when: { coverageBelow: 0.01 } },
      { id: 'consent-open', atHours: 100, title: 'Host opened', when: { decided: { nation: 'hti', kind: 'consent', choice: 'open' } } },
      { id: 'consent-closed', atHours: 100, title: 'Host closed', when: { decided: { nation: 'hti', kind: 'consent', choice: 'closed' } } },
    );
    const { fired, lapsed } = runInjects(scenario);
    expect(fired).toEqual(expect.arrayContaining(['us-absent-early', 'coverage-low', 'consent-open']));
    expect(lapsed.sort()).toEqual(['consent-closed', 'coverage-high', 'us-absent-late']);
    for (const id of lapsed) expect(fired).not.toContain(id);
  });

  it('in a drill, stop the clock with a card only when the condition holds; the team\'s decision decides', () => {
    const scenario = withInjects({ id: 'door-closed', atHours: 20, title: 'Contributors protest the closed door', when: { decided: { nation: 'hti', kind: 'consent', choice: 'closed' } } });
    const loaded = { ...base, scenario, hash: hashScenario(scenario) };
    const play = (consent: string) => {
      const session = DrillSession.start({ loaded, seed: 1, players: ['hti'], logPath: join(scratchDir(), 'drill.jsonl') });
      for (let step = 0; step < 20 && session.now < 20; step++) {
        const [request] = session.pending();
        if (request) session.decide(request.id, request.kind === 'consent' ? consent : request.options[0]!);
        else runSessionCommand(session, { type: 'advance-to', atHours: 21, confirmed: true });
      }
      return session;
    };
    const closed = play('closed');
    expect(closed.now).toBe(20);
    expect(closed.due().map((entry) => entry.inject.id)).toEqual(['door-closed']);
    const open = play('open');
    expect(open.due()).toEqual([]);
    expect(open.held().map((entry) => entry.inject.id)).not.toContain('door-closed');
    // The clock ran straight past the lapsed inject's time: no stop at T+20 without a card.
    expect(open.now).toBe(21);
    expect(open.actionsInForce().filter((action) => action.type === 'advance').map((action) => action.atHours)).not.toContain(20);
    expect(open.lapsed()).toEqual([{ id: 'door-closed', atHours: 20, title: 'Contributors protest the closed door' }]);
    // Controllers see it as not fired (condition false); the room's screen says nothing of it.
    expect(drillView(open, 'controller').controller?.notFired).toEqual([expect.objectContaining({ id: 'door-closed', sinceLastStop: true })]);
    expect(JSON.stringify(drillView(open, 'projector'))).not.toContain('door-closed');
    expect(viewText(drillView(open, 'controller'), PLAIN_STYLE)).toContain('[controller] inject door-closed not fired (condition false) at');
    expect(viewText(drillView(open, 'projector'), PLAIN_STYLE)).not.toContain('door-closed');
    // Replay from the log gives the same: the lapse is part of the state.
    expect(DrillSession.load(open.logPath).fingerprint()).toBe(open.fingerprint());
  });

  it('keep their condition through the MSEL CSV', () => {
    const injects = withInjects({ id: 'watch', atHours: 12, title: 'Watch', tasks: ['atc-cell'], when: { notDeployed: 'usa', coverageBelow: 0.25, notObserved: 'airport-congestion', decided: { nation: 'hti', kind: 'consent', choice: 'closed' } } }).injects;
    const imported = mselToInjects(injectsToMsel(injects), 'msel.csv');
    expect(imported.issues).toEqual([]);
    expect(imported.injects).toEqual(injects);
  });

  it('are validated like every field, with positions', () => {
    const text = baseText.replace('    tasks: [ atc-cell ]\n', '    tasks: [ atc-cell ]\n    when: { notDeployed: usaa }\n');
    expect(text).not.toBe(baseText);
    const { issues } = checkScenarioText(text, 'x.yaml');
    expect(issues.map((issue) => `${issue.position?.line}:${issue.position?.col} ${issue.message}`)).toEqual([expect.stringMatching(/^\d+:\d+ unknown nation id "usaa"; did you mean "usa" \(United States\)\?$/)]);
    const empty = checkScenarioText(baseText.replace('    tasks: [ atc-cell ]\n', '    tasks: [ atc-cell ]\n    when: {}\n'), 'x.yaml').issues;
    expect(empty.map((issue) => issue.message)).toEqual(['give at least one condition: notDeployed, coverageBelow, notObserved or decided, got an empty mapping']);
  });
});
