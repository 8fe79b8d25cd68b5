import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExperimentFile, loadExperimentText, loadScenarioFile, plotResults, runBatch, runScenario } from '../../src/index.js';
import { allColumns, notApplicableColumns } from '../../src/experiment/columns.js';
import { FIXTURES, folderContents, temporaryDir } from './helpers.js';

const SOFA = 'scenarios/experiments/sofa-hotline.yaml';

/**
 * The shipped SOFA x hotline experiment with fewer replications, so the test stays fast,
 * and with Japan's budget as the first factor in place of the US SOFA: a budget of 0 keeps
 * Japan home in every run, so its deployment is censored in half the arms. (The US SOFA
 * once did that through a race for Myanmar's personnel cap; since Myanmar's neighbours
 * notify their deployments and get in sooner, it no longer does.)
 */
function smallSofaExperiment(replications: number) {
  const text = readFileSync(SOFA, 'utf8')
    .replace(/^replications: \d+$/m, `replications: ${replications}`)
    .replace('  - name: sofa\n    path: relations[mmr-usa].sofa\n    values: [false, true]', '  - name: broke\n    path: nations.jpn.budgetMusd\n    values: [60, 0]')
    .replace('baseline: { sofa: false, hotline: false }', 'baseline: { broke: 60, hotline: false }');
  return loadExperimentText(text, SOFA);
}

/** A CSV file as rows of cells keyed by header (no quoted cells in these files). */
function rowsOf(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv.trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, k) => [names[k]!, cell])));
}

describe('run milestones that do not apply', () => {
  const columns = allColumns([]).filter((column) => column.name === 'accessHours' || column.name === 'mediationHours');
  const metricsOf = (scenario: string) => runScenario(loadScenarioFile(scenario), { seed: 3, horizonHours: 200 }).metrics;

  it('mediationHours: the engine lists it as not applicable where no mediation began; where one began and was not accepted it is censored', () => {
    const quiet = metricsOf('scenarios/caribbean-earthquake.yaml');
    expect(quiet.mediations).toEqual([]);
    expect(quiet.notApplicable).toContain('mediationHours');
    expect(notApplicableColumns(quiet, columns).map((k) => columns[k]!.name)).toContain('mediationHours');
    const mediated = runScenario(loadScenarioFile('scenarios/cyclone-refused-help.yaml'), { seed: 3 }).metrics;
    expect(mediated.mediations.length).toBeGreaterThan(0);
    expect(mediated.notApplicable ?? []).not.toContain('mediationHours');
    // The columns read the engine's list only: a run that lists nothing has nothing not applicable.
    const unaccepted = { ...quiet, notApplicable: [] };
    expect(notApplicableColumns(unaccepted, columns)).toEqual([]);
  });

  it('accessHours: the engine lists it as not applicable exactly when no host started closed', () => {
    // Haiti consents from the start; Myanmar starts by refusing help.
    expect(metricsOf('scenarios/caribbean-earthquake.yaml').notApplicable).toEqual(['accessHours', 'mediationHours']);
    const closedHost = metricsOf('scenarios/cyclone-refused-help.yaml');
    expect(closedHost.notApplicable ?? []).not.toContain('accessHours');
    expect(notApplicableColumns(closedHost, columns).map((k) => columns[k]!.name)).not.toContain('accessHours');
  });

  it('accessHours: not applicable when the engine says no host started closed (RunMetrics.notApplicable), else censored or observed', () => {
    const metrics = metricsOf('scenarios/caribbean-earthquake.yaml');
    expect(notApplicableColumns({ ...metrics, accessHours: null, notApplicable: ['accessHours'] }, columns).map((k) => columns[k]!.name)).toContain('accessHours');
    expect(notApplicableColumns({ ...metrics, accessHours: null, notApplicable: [] }, columns).map((k) => columns[k]!.name)).not.toContain('accessHours');
    // A value is observed whatever the list says.
    expect(notApplicableColumns({ ...metrics, accessHours: 12, notApplicable: ['accessHours'] }, columns).map((k) => columns[k]!.name)).not.toContain('accessHours');
  });

  it('are left out of the statistics in a batch: the status column says not-applicable, summary counts them apart', async () => {
    const text = readFileSync(join(FIXTURES, 'small.yaml'), 'utf8').replace("metrics: [firstResponseHours, needsMet50Hours, unmetNeedHours, 'usa.*']", 'metrics: [firstResponseHours, mediationHours, accessHours]');
    const dir = temporaryDir();
    await runBatch(loadExperimentText(text, join(FIXTURES, 'mediation.yaml')), { outDir: dir, workers: 0 });
    for (const metric of ['mediationHours', 'accessHours']) {
      expect(new Set(rowsOf(folderContents(dir)['runs.csv']!).map((row) => row[`${metric}.status`]))).toEqual(new Set(['not-applicable']));
      const summary = rowsOf(folderContents(dir)['summary.csv']!).filter((row) => row.metric === metric);
      expect(summary.length).toBeGreaterThan(0);
      for (const row of summary) expect([row.censored, row.notApplicable]).toEqual(['0', row.runs]);
    }
  }, 60_000);
});

describe('milestones that do not apply', () => {
  it('are marked per nation: a host asks no one, a nation past its approvals skipped what it did not need', () => {
    for (const file of readdirSync('scenarios').filter((name) => name.endsWith('.yaml'))) {
      const scenario = loadScenarioFile(join('scenarios', file));
      for (const seed of [1, 2]) {
        const { metrics } = runScenario(scenario, { seed });
        for (const [id, nation] of Object.entries(metrics.nations)) {
          const isHost = scenario.scenario.crisis.hosts.includes(id);
          if (isHost) expect(nation.notApplicable, `${file} ${id}`).toEqual(expect.arrayContaining(['mandateHours', 'consentHours']));
          // A nation that deployed went through both steps: each was reached or did not apply, never "not yet".
          if (nation.firstDeployHours !== null) {
            for (const step of ['mandateHours', 'consentHours'] as const) expect(nation[step] !== null || nation.notApplicable.includes(step), `${file} ${id} ${step}`).toBe(true);
          }
          for (const step of nation.notApplicable) expect(nation[step]).toBeNull();
        }
      }
    }
  });
});

describe('censoring-aware results of the SOFA x hotline experiment', () => {
  it("shows Japan's lost deployment in differences.csv and sensitivity.csv, and records each value's status", async () => {
    const dir = temporaryDir();
    await runBatch(smallSofaExperiment(4), { outDir: dir, workers: 0 });
    const files = folderContents(dir);

    const differences = rowsOf(files['differences.csv']!).filter((row) => row.metric === 'jpn.firstDeployHours');
    for (const row of differences.filter((candidate) => candidate.broke === '0')) {
      expect(row.pairs).toBe('4');
      expect(row.observedPairs).toBe('0');
      expect(Number(row.reachedShareDifference)).toBe(-1);
      expect(Number(row.reachedShareDifferenceCi95High)).toBeLessThan(-0.3);
      expect(Number(row.rmstDifferenceCi95Low)).toBeGreaterThan(100);
    }
    const hotlineOnly = differences.find((row) => row.broke === '60')!;
    expect(Number(hotlineOnly.reachedShareDifference)).toBe(0);

    const sensitivity = rowsOf(files['sensitivity.csv']!).filter((row) => row.metric === 'jpn.firstDeployHours' && row.response === 'restrictedHours' && row.index === 'src');
    expect(Number(sensitivity.find((row) => row.factor === 'broke')!.estimate)).toBeLessThan(-0.9);
    expect(Math.abs(Number(sensitivity.find((row) => row.factor === 'hotline')!.estimate))).toBeLessThan(0.1);

    const summary = rowsOf(files['summary.csv']!).filter((row) => row.metric === 'jpn.firstDeployHours');
    expect(summary.map((row) => [row.broke, row.observed, row.censored, row.reachedShare])).toEqual([
      ['60', '4', '0', '1'],
      ['60', '4', '0', '1'],
      ['0', '0', '4', '0'],
      ['0', '0', '4', '0'],
    ]);
    // Without a budget no run reached it: the restricted mean is the horizon, the median unknown.
    expect(summary[2]!.rmst).toBe(summary[2]!.rmstHorizonHours);
    expect(summary[2]!.kmMedian).toBe('');

    const runs = rowsOf(files['runs.csv']!);
    expect(new Set(runs.map((row) => row['mmr.consentHours.status']))).toEqual(new Set(['not-applicable']));
    expect(runs.filter((row) => row.broke === '0').every((row) => row['jpn.firstDeployHours.status'] === 'censored')).toBe(true);
    const first = JSON.parse(files['runs.jsonl']!.split('\n')[0]!);
    expect(first.metricStatus['mmr.consentHours']).toBe('not-applicable');
    expect(first.notApplicable).toBeGreaterThanOrEqual(1);

    for (const name of ['summary.csv', 'differences.csv', 'sensitivity.csv']) {
      const row = rowsOf(files[name]!)[0]!;
      expect(row.experimentHash, name).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(row.masterSeed, name).toBe('2008');
      expect(row.engine, name).toMatch(/^crisis-sim \d/);
    }

    const columns = JSON.parse(files['columns.json']!);
    expect(columns).toMatchObject({ engine: expect.stringMatching(/^crisis-sim /), experimentHash: JSON.parse(files['experiment.json']!).experimentHash, masterSeed: 2008 });
    for (const name of ['runs.csv', 'summary.csv', 'differences.csv', 'sensitivity.csv']) {
      const documented = columns.files[name].map((column: { name: string }) => column.name);
      expect(documented, name).toEqual(files[name]!.split('\n')[0]!.split(','));
      for (const column of columns.files[name]) expect(column.unit && column.description, `${name} ${column.name}`).toBeTruthy();
    }
    const runColumns = Object.fromEntries(columns.files['runs.csv'].map((column: { name: string; unit: string }) => [column.name, column.unit]));
    expect(runColumns).toMatchObject({ unmetNeedHours: 'unit-hours', 'usa.firstDeployHours': 'hours', 'usa.firstDeployHours.status': 'observed | censored | not-applicable', broke: 'factor value' });

    const plots = temporaryDir();
    const written = plotResults(dir, plots, ['jpn.firstDeployHours']);
    expect(written).toContain('jpn.firstDeployHours-reached.svg');
    const reached = readFileSync(join(plots, 'jpn.firstDeployHours-reached.svg'), 'utf8');
    expect(reached).toContain('(n=4, 4 censored)');
    for (const file of written) expect(readFileSync(join(plots, file), 'utf8')).toContain(JSON.parse(files['experiment.json']!).experimentHash);
  }, 120_000);
});

describe('merge', () => {
  it('refuses an output folder holding another experiment, and leaves it as it was', async () => {
    const other = temporaryDir();
    await runBatch(smallSofaExperiment(1), { outDir: other, workers: 0 });
    const before = folderContents(other);
    const shard = temporaryDir();
    await runBatch(loadExperimentFile(join(FIXTURES, 'small.yaml')), { outDir: shard, workers: 0, shard: { index: 1, count: 1 } });
    const merge = spawnSync(process.execPath, [resolve('bin/crisis-sim.mjs'), 'merge', shard, '--out', other], { encoding: 'utf8' });
    expect(merge.status).toBe(1);
    expect(merge.stderr).toMatch(new RegExp(`^crisis-sim: ${other} already holds results of another experiment \\(sofa-hotline, sha256:[0-9a-f]{12}\\); choose another --out folder\\n$`));
    expect(folderContents(other)).toEqual(before);
  }, 120_000);
});
