import { describe, expect, it } from 'vitest';
import { buildReport, hashScenario, injectSchema, provenanceOf, Simulation, type TraceEntry } from '../../src/index.js';
import { scenarioWith } from '../fixtures/scenarios.js';

describe('drill reports and injects written on the spot', () => {
  it("show a live inject's expected action next to the players' decisions", () => {
    const scenario = scenarioWith(() => {});
    const trace: TraceEntry[] = [];
    const sim = new Simulation(scenario, { seed: 4, players: ['aaa'], trace: (entry) => trace.push(entry) });
    sim.advance(20);
    const live = injectSchema.parse({
      id: 'live-1',
      atHours: sim.now,
      title: 'Viral video of a collapsed bridge',
      to: 'Alpha',
      expectedAction: 'Brief the press with the host',
      effect: { type: 'pressure', amount: 0.2 },
    });
    sim.fireInject(live);
    for (let pending = sim.advance(); pending.length > 0; pending = sim.advance()) {
      for (const decision of pending) sim.decide(decision.id, decision.recommended);
    }
    const metrics = sim.finish();
    const result = { ...provenanceOf(scenario, hashScenario(scenario), 4, sim.horizonHours), censoredAtHours: sim.horizonHours, metrics, timeline: sim.recorder.intervals };
    const { markdown } = buildReport({ scenario, result, trace, needs: null, drill: { players: ['aaa'] } });
    expect(markdown).toContain('Viral video of a collapsed bridge');
    expect(markdown).toContain('Brief the press with the host');
  });
});
