import { describe, expect, it } from 'vitest';
import { Simulation, type DecisionRequest } from '../../src/index.js';
import { shippedScenario } from '../fixtures/scenarios.js';

/** Plays a scenario with some nations in human hands, answering as the engine would; returns what they were asked. */
function askedOfPlayers(file: string, players: string[], seed = 1): DecisionRequest[] {
  const asked: DecisionRequest[] = [];
  const sim = new Simulation(shippedScenario(file), { seed, players });
  for (let pending = sim.advance(); pending.length > 0; pending = sim.advance()) {
    for (const request of pending) {
      asked.push(request);
      sim.decide(request.id, request.recommended);
    }
  }
  sim.finish();
  return asked;
}

describe('the drill offers the diplomatic decisions to played nations', () => {
  it('cyclone: the US is asked its conditions and whether to seek talks, the ASEAN lead whether to mediate, Myanmar whether to accept the proposal', () => {
    const asked = askedOfPlayers('cyclone-refused-help.yaml', ['usa', 'tha', 'mmr']);
    const kinds = (nation: string) => new Set(asked.filter((request) => request.nation === nation).map((request) => request.kind));
    expect(kinds('usa')).toContain('conditions');
    expect(kinds('usa')).toContain('talks');
    expect(kinds('tha')).toContain('mediate');
    expect(kinds('mmr')).toContain('proposal');
    expect(kinds('mmr')).toContain('consent');
    for (const request of asked) expect(request.options).toContain(request.recommended);
  });

  it('border clash: Thailand votes on the ASEAN mandate and answers the envoy; Indonesia decides whether to mediate', () => {
    const asked = askedOfPlayers('border-clash.yaml', ['tha', 'idn'], 3);
    const kinds = (nation: string) => new Set(asked.filter((request) => request.nation === nation).map((request) => request.kind));
    expect(kinds('tha')).toContain('vote');
    expect(kinds('tha')).toContain('proposal');
    expect(kinds('idn')).toContain('mediate');
  });

  it('coalition: a played ally is asked each round whether to pool intelligence with its partners', () => {
    const asked = askedOfPlayers('coalition-intervention.yaml', ['usa']);
    const pooling = asked.filter((request) => request.kind === 'pooling');
    expect(pooling.length).toBeGreaterThan(0);
    expect(new Set(pooling.map((request) => request.subject))).toContain('fra');
    expect(pooling[0]!.options).toEqual(['share', 'withhold']);
  });

  it('confidence-building: a played nation is asked to notify the host, to share its movement plans with a rival in theatre, and to propose or join a joint mission', () => {
    const coalition = askedOfPlayers('coalition-intervention.yaml', ['usa', 'rus']);
    const kinds = (asked: DecisionRequest[], nation: string) => new Set(asked.filter((request) => request.nation === nation).map((request) => request.kind));
    expect(kinds(coalition, 'usa')).toContain('notify');
    const transparency = coalition.filter((request) => request.kind === 'transparency');
    expect(transparency.map((request) => `${request.nation}>${request.subject}`)).toEqual(expect.arrayContaining(['usa>rus', 'rus>usa']));
    expect(transparency[0]!.options).toEqual(['share', 'withhold']);
    const haiti = askedOfPlayers('caribbean-earthquake.yaml', ['usa', 'can', 'fra', 'chn']);
    const missions = haiti.filter((request) => request.kind === 'joint-mission');
    expect(missions.map((request) => request.options.join())).toEqual(expect.arrayContaining(['propose,no-mission', 'join,decline']));
  });
});
