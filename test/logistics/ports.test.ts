import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, runScenario, scenarioSchema, type RunMetrics, type Scenario, type ScenarioInput, type TraceEntry } from '../../src/index.js';
import { cli, earthquakeWith, issuesOf, ROOT } from '../scenario/helpers.js';
import { expectOwnDrawsUnchanged } from '../fixtures/draws.js';

/** Ports of entry as queues on the kernel, shown on the Haiti scenario with fixed seeds. */
const SEEDS = Array.from({ length: 20 }, (_, index) => index + 1);
const EARTHQUAKE = join(ROOT, 'scenarios/caribbean-earthquake.yaml');
const haiti = loadScenarioFile(EARTHQUAKE).scenario;

function variant(edit: (draft: ScenarioInput) => void): Scenario {
  const draft = structuredClone(haiti) as ScenarioInput;
  edit(draft);
  return scenarioSchema.parse(draft);
}

function runs(scenario: Scenario): RunMetrics[] {
  return SEEDS.map((seed) => runScenario(scenario, { seed }).metrics);
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

const port = (draft: ScenarioInput, id: string) => draft.logistics!.ports!.find((candidate) => candidate.id === id)!;

describe('Haiti airport congestion as a queue', () => {
  it('the port queue is in `run --json`: movements, peak queue, waits and diversions per port', () => {
    const { status, stdout } = cli(['run', EARTHQUAKE, '--seed', '1', '--json']);
    expect(status).toBe(0);
    const airport = JSON.parse(stdout).metrics.ports['pap-airport'];
    expect(airport.movements).toBeGreaterThan(20);
    expect(airport.peakQueue).toBeGreaterThan(0);
    expect(airport.maxWaitHours).toBeGreaterThan(airport.meanWaitHours);
    expect(airport.diverted).toBeGreaterThan(0);
  });

  it('the trace shows movements queued, landed and diverted, and the airfield restored by the first airlift units', () => {
    const trace: TraceEntry[] = [];
    runScenario(haiti, { seed: 1, trace: (entry) => trace.push(entry) });
    const events = new Set(trace.filter((entry) => entry.agent === 'port:pap-airport').map((entry) => entry.event));
    expect([...events].sort()).toEqual(['movement.diverted', 'movement.landed', 'movement.queued', 'port.restored']);
    const stall = trace.find((entry) => entry.event === 'state' && entry.to === 'awaitingSlot');
    expect(stall?.data).toEqual({ stall: 'logistics' });
  });

  it('taking away the congestion (all 12 slots working at onset) speeds US and French arrivals and cuts logistics stalls', () => {
    const congested = runs(haiti);
    const open = runs(variant((draft) => Object.assign(port(draft, 'pap-airport'), { slots: 12, slotsAtOnset: null })));
    for (const nation of ['usa', 'fra']) {
      const full = (metrics: RunMetrics[]) => mean(metrics.map((m) => m.nations[nation]!.fullDeployHours ?? haiti.horizonHours));
      expect(full(open), nation).toBeLessThan(full(congested));
    }
    const stalls = (metrics: RunMetrics[]) => mean(metrics.map((m) => Object.values(m.nations).reduce((sum, n) => sum + n.stallHours.logistics, 0)));
    expect(stalls(open)).toBeLessThan(stalls(congested) / 2);
    const diverted = (metrics: RunMetrics[]) => mean(metrics.map((m) => m.ports['pap-airport']!.diverted));
    expect(diverted(open)).toBeLessThan(diverted(congested));
    // The host's own process draws nothing from the ports: same seeds, same milestones to its first units at home.
    const early = (m: RunMetrics) => {
      const { detectHours, decideHours, authorizeHours, firstDeployHours } = m.nations.hti!;
      return { detectHours, decideHours, authorizeHours, firstDeployHours };
    };
    SEEDS.forEach((_, index) => expect(early(open[index]!)).toEqual(early(congested[index]!)));
    // Nor does anyone else's: slots change arrivals, not the delays each nation draws.
    SEEDS.forEach((seed, index) => expectOwnDrawsUnchanged(congested[index]!, open[index]!, haiti.nations.map(({ id }) => id), `seed ${seed}`));
  });

  it('an airfield nobody restores stays at one slot: waits grow', () => {
    const unrestored = runs(variant((draft) => void (port(draft, 'pap-airport').restoredBy = null)));
    const restored = runs(haiti);
    const wait = (metrics: RunMetrics[]) => mean(metrics.map((m) => m.ports['pap-airport']!.meanWaitHours ?? 0));
    expect(wait(unrestored)).toBeGreaterThan(wait(restored) * 2);
  });

  it('diverting to Santo Domingo needs the Dominican Republic\'s consent: without US-Dominican ties, no US movement diverts', () => {
    const untied = variant((draft) => {
      draft.relations = draft.relations!.filter(({ between }) => !(between.includes('usa') && between.includes('dom')));
    });
    const divertedUs = (scenario: Scenario) => {
      let count = 0;
      for (const seed of SEEDS.slice(0, 5)) {
        runScenario(scenario, { seed, trace: (entry) => void (entry.event === 'movement.diverted' && (entry.data as { nation: string }).nation === 'usa' && count++) });
      }
      return count;
    };
    expect(divertedUs(haiti)).toBeGreaterThan(0);
    expect(divertedUs(untied)).toBe(0);
  });
});

describe('ports in a scenario file', () => {
  it('an unknown divertTo port is an error naming the field, with the closest id', () => {
    const issues = issuesOf(earthquakeWith('divertTo: sdq-airport', 'divertTo: sdq-airprt'));
    expect(issues.map((issue) => `${issue.code} ${issue.message}`)).toContainEqual(expect.stringMatching(/ref\.unknown unknown port id "sdq-airprt".*sdq-airport/));
  });

  it('more working slots at onset than slots is an error', () => {
    const issues = issuesOf(earthquakeWith('slotsAtOnset: 1', 'slotsAtOnset: 5'));
    expect(issues.map((issue) => issue.code)).toContain('port.slots');
  });
});
