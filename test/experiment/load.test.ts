import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadExperimentFile, loadExperimentText, ScenarioError } from '../../src/index.js';

const FIXTURES = 'test/experiment/fixtures';

function problems(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues.map(formatIssue);
    throw error;
  }
  throw new Error('expected the experiment to be refused');
}

describe('experiment files', () => {
  it('expands the design and builds each point\'s scenario with its own hash', () => {
    const experiment = loadExperimentFile(`${FIXTURES}/small.yaml`);
    expect(experiment.points).toHaveLength(4);
    expect(experiment.points[3]!.values).toEqual({ protocol: true, consentDelay: 36 });
    expect(experiment.points[3]!.run.scenario.nations.find((n) => n.id === 'hti')!.sovereignty.consentDelay).toBe(36);
    expect(new Set(experiment.points.map((p) => p.run.hash)).size).toBe(4);
    expect(experiment.manifest.columns.map((c) => c.name)).toContain('usa.firstDeployHours');
    expect(experiment.manifest.columns.map((c) => c.name)).not.toContain('hti.firstDeployHours');
  });

  it('loads every shipped experiment', () => {
    for (const file of readdirSync('scenarios/experiments').filter((name) => name.endsWith('.yaml'))) {
      expect(loadExperimentFile(`scenarios/experiments/${file}`).points.length, file).toBeGreaterThan(0);
    }
  });

  it('takes text factor values beside durations: text that is no duration stays text', () => {
    const text = [
      'id: x',
      'name: x',
      'scenarios: [../../../scenarios/caribbean-earthquake.yaml]',
      'factors:',
      '  - { name: consent, path: nations.hti.sovereignty.consent, values: [required, refused] }',
      '  - { name: delay, path: nations.hti.sovereignty.consentDelay, values: ["6h", "1d"] }',
      'replications: 1',
    ].join('\n');
    const experiment = loadExperimentText(text, `${FIXTURES}/inline.yaml`);
    expect(experiment.points.map((point) => point.values)).toEqual([
      { consent: 'required', delay: 6 },
      { consent: 'required', delay: 24 },
      { consent: 'refused', delay: 6 },
      { consent: 'refused', delay: 24 },
    ]);
    expect(experiment.points[2]!.run.scenario.nations.find((n) => n.id === 'hti')!.sovereignty.consent).toBe('refused');
  });

  it('refuses a sobol design of more factors than its sequence has dimensions for, at factors', () => {
    const factors = Array.from({ length: 65 }, (_, k) => `  - { name: f${k}, path: nations.hti.budgetMusd, range: { from: 1, to: 2 } }`);
    const text = ['id: x', 'name: x', 'scenarios: [../../../scenarios/caribbean-earthquake.yaml]', 'factors:', ...factors, 'design: sobol', 'samples: 2', 'replications: 1'].join('\n');
    expect(problems(() => loadExperimentText(text, `${FIXTURES}/inline.yaml`))).toEqual([expect.stringMatching(/inline\.yaml:5:3: error: a sobol design takes at most 64 factors .*this one has 65 \(factors\)/)]);
  });

  it('checks paths, names, baseline and metrics against the scenarios even when other fields are malformed: every problem in one pass, in line order', () => {
    const text = [
      'id: Bad_ID',
      'name: x',
      'scenarios: [../../../scenarios/caribbean-earthquake.yaml]',
      'factors:',
      '  - { name: protocol, path: "relations[hti-usa].protocl", values: [false, true] }',
      '  - { name: delay, path: nations.hti.sovereignty.consentDelay, values: [-5, 6] }',
      '  - { name: broken, values: [1] }',
      '  - { name: budget, path: nations.xyz.budgetMusd, values: [1, 2] }',
      'baseline: { protocols: true }',
      'replications: 0',
      'metrics: [firstResponseHour]',
      'series: { everyHours: 0 }',
      'unknownField: 1',
    ].join('\n');
    const found = problems(() => loadExperimentText(text, `${FIXTURES}/inline.yaml`));
    expect(found.map((line) => line.replace(/^test\/experiment\/fixtures\/inline\.yaml:/, '').replace(/ error: (.{0,40}).*$/, ' $1'))).toEqual([
      '1:5: expected an id of lowercase letters, dig',
      '5:29: factor "protocol" in scenario caribbean-',
      '6:73: factor "delay" = -5 makes scenario carib',
      '7:5: missing required field "path" (expected ',
      '8:27: factor "budget" in scenario caribbean-ea',
      '9:24: no factor "protocols"; did you mean "pro',
      '10:15: must be more than 0, got 0 (replications',
      '11:11: no metric "firstResponseHour"; did you m',
      '12:23: must be more than 0, got 0 (series.every',
      '13:1: unknown field "unknownField" (unknownFie',
    ]);
  });

  it('blames a factor value the scenario refuses on that value, with line and column', () => {
    expect(problems(() => loadExperimentFile(`${FIXTURES}/bad-value.yaml`))).toEqual([
      expect.stringMatching(/^test\/experiment\/fixtures\/bad-value\.yaml:7:17: error: factor "consentDelay" = -5 makes scenario caribbean-earthquake invalid: .*\(nations\[0\]\.sovereignty\.consentDelay\)/),
    ]);
  });

  it('reports every schema problem at once, with positions', () => {
    const text = ['id: x', 'name: x', 'scenarios: [../../../scenarios/caribbean-earthquake.yaml]', 'replications: 0', 'replication: 3', 'design: factorial'].join('\n');
    const found = problems(() => loadExperimentText(text, `${FIXTURES}/inline.yaml`));
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/inline\.yaml:4:15: error: .*\(replications\)/);
    expect(found.join('\n')).toMatch(/inline\.yaml:5:1: error: unknown field "replication"/);
    expect(found.join('\n')).toMatch(/inline\.yaml:6:9: error: .*\(design\)/);
  });

  it('points at a wrong factor path and a misspelt metric with a suggestion', () => {
    const text = [
      'id: x',
      'name: x',
      'scenarios: [../../../scenarios/caribbean-earthquake.yaml]',
      'factors:',
      '  - { name: budget, path: nations.xyz.budgetMusd, values: [1, 2] }',
      'replications: 2',
      'metrics: [firstResponseHour]',
    ].join('\n');
    // Both at once: the file is checked in full before anything is reported.
    expect(problems(() => loadExperimentText(text, `${FIXTURES}/inline.yaml`))).toEqual([
      expect.stringMatching(/inline\.yaml:5:27: error: factor "budget" in scenario caribbean-earthquake: no element with id "xyz" in "nations"/),
      expect.stringMatching(/inline\.yaml:7:11: error: no metric "firstResponseHour"; did you mean "firstResponseHours"\?/),
    ]);
  });

  it('reports every problem of names, baseline, metrics, paths and values in one pass, in line order, with suggestions', () => {
    const text = [
      'id: x',
      'name: x',
      'scenarios: [../../../scenarios/caribbean-earthquake.yaml]',
      'factors:',
      '  - { name: delay, path: nations.hti.sovereignty.consentDelya, values: [6, 12, 24] }',
      '  - { name: proto, path: "relations[hti-usa].protocl", values: [false, true] }',
      '  - { name: sev, path: crisis.severity, values: [0.5, 2] }',
      'baseline: { delya: 6, proto: maybe }',
      'replications: 2',
      'metrics: [firstResponseHour, usa.firstDeployHours]',
      'stopping: { metric: needsMet50Hour, halfWidth: 2 }',
    ].join('\n');
    const found = problems(() => loadExperimentText(text, `${FIXTURES}/inline.yaml`));
    expect(found.map((line) => line.replace(/^.*?inline\.yaml:/, ''))).toEqual([
      '5:26: error: factor "delay" in scenario caribbean-earthquake: unknown field "consentDelya"; did you mean "consentDelay"? (factors[0].path)',
      '6:26: error: factor "proto" in scenario caribbean-earthquake: unknown field "protocl"; did you mean "protocol"? (factors[1].path)',
      '7:55: error: factor "sev" = 2 makes scenario caribbean-earthquake invalid: must be at most 1, got 2 (crisis.severity) (factors[2].values[1])',
      '8:20: error: no factor "delya"; did you mean "delay"? (baseline.delya)',
      '8:30: error: baseline value "maybe" is not one of the values of factor "proto" (false, true) (baseline.proto)',
      '10:11: error: no metric "firstResponseHour"; did you mean "firstResponseHours"? (metrics[0])',
      '11:21: error: no metric "needsMet50Hour"; did you mean "needsMet50Hours"? (stopping.metric)',
    ]);
  });

  it('blames a missing base scenario on its entry in the experiment file', () => {
    const text = ['id: x', 'name: x', 'scenarios: [no-such-scenario.yaml]', 'replications: 2'].join('\n');
    expect(problems(() => loadExperimentText(text, `${FIXTURES}/inline.yaml`))).toEqual([expect.stringMatching(/inline\.yaml:3:13: error: scenario .*no-such-scenario\.yaml: file not found \(scenarios\[0\]\)$/)]);
  });

  it('refuses a baseline value that is not among the factor\'s values', () => {
    const text = ['id: x', 'name: x', 'scenarios: [../../../scenarios/caribbean-earthquake.yaml]', 'factors:', '  - { name: sev, path: crisis.severity, values: [0.5, 0.9] }', 'baseline: { sev: 0.7 }', 'replications: 2'].join('\n');
    expect(problems(() => loadExperimentText(text, `${FIXTURES}/inline.yaml`))).toEqual([expect.stringMatching(/inline\.yaml:6:18: error: baseline value 0.7 is not one of the values of factor "sev" \(0.5, 0.9\)/)]);
  });
});
