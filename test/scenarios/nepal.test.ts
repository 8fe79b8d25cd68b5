import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenarioText, loadScenarioFile, runScenario } from '../../src/index.js';
import { formatPath } from '../../src/scenario/issues.js';
import { scenarioVariant } from '../fixtures/scenarios.js';
import { cli, ROOT } from '../scenario/helpers.js';

/**
 * The Nepal 2015 scenario: clean under the strictest check, its numbers tied to public
 * sources, and its runs in the documented order (the neighbour with a hotline first).
 */
const FILE = join(ROOT, 'scenarios/nepal-earthquake.yaml');

describe('scenarios/nepal-earthquake.yaml', () => {
  it('validates with --lint --strict: no error, no warning', () => {
    const { status, stdout, stderr } = cli(['validate', '--lint', '--strict', FILE]);
    expect(stdout).toBe('');
    expect(stderr).toBe('1 file checked: valid\n');
    expect(status).toBe(0);
  });

  it('has seven nations with India, China, the US, the UK, Israel and Pakistan, a UN (OCHA) coordination cell and six injects or more', () => {
    const { scenario } = loadScenarioFile(FILE);
    expect(scenario.nations.map((nation) => nation.id)).toEqual(expect.arrayContaining(['npl', 'ind', 'chn', 'usa', 'gbr', 'isr', 'pak']));
    const ocha = scenario.organizations.find((organization) => organization.name.startsWith('United Nations'));
    expect(ocha?.kind).toBe('humanitarian');
    expect(ocha?.coordinationCell?.engagedBy).toBe('onset');
    expect(scenario.injects.length).toBeGreaterThanOrEqual(6);
  });

  it('cites a public source with an address and the numbers it backs for every entry', () => {
    const { scenario } = loadScenarioFile(FILE);
    expect(scenario.sources.length).toBeGreaterThanOrEqual(10);
    for (const source of scenario.sources) {
      expect(source.url, source.title).toMatch(/^https?:\/\//);
      expect(source.supports.length, source.title).toBeGreaterThan(10);
    }
    const publishers = scenario.sources.map((source) => source.publisher).join(' ');
    for (const publisher of ['OCHA', 'USAID', 'National Planning Commission']) expect(publishers).toContain(publisher);
  });

  it('plays out in the documented order: India first within hours, the aftershock adds need after the rescue teams left', () => {
    const loaded = loadScenarioFile(FILE);
    for (const seed of [1, 2, 3]) {
      const { metrics } = runScenario(loaded, { seed });
      const foreign = Object.entries(metrics.nations).filter(([id]) => id !== 'npl');
      const first = foreign.reduce((best, entry) => ((entry[1].firstDeployHours ?? Infinity) < (best[1].firstDeployHours ?? Infinity) ? entry : best));
      expect(first[0], `seed ${seed}`).toBe('ind');
      expect(metrics.firstResponseHours!, `seed ${seed}`).toBeLessThan(12);
      // The far contributors come in days, not hours (USAID DART and the IDF on 28 April).
      expect(metrics.nations.usa!.firstDeployHours!, `seed ${seed}`).toBeGreaterThan(48);
      expect(metrics.nations.isr!.firstDeployHours!, `seed ${seed}`).toBeGreaterThan(48);
    }
  });
});

describe('the foreign operation in Nepal (issue 12: operations that last)', () => {
  it('ends inside the horizon about 40 days in, as Operation Maitri did on 4 June 2015, with a peak of documented contingents', () => {
    const loaded = loadScenarioFile(FILE);
    for (const seed of [1, 2, 3]) {
      const { metrics } = runScenario(loaded, { seed });
      expect(metrics.operationHours, `seed ${seed}`).not.toBeNull();
      expect(metrics.operationHours! / 24, `seed ${seed}`).toBeGreaterThan(30);
      expect(metrics.operationHours! / 24, `seed ${seed}`).toBeLessThan(50);
      expect(metrics.peakForeignPersonnel, `seed ${seed}`).toBeGreaterThan(1500);
      expect(metrics.peakForeignPersonnel, `seed ${seed}`).toBeLessThan(4000);
    }
  });

  it('without the recovery tail the needs stay and the operation is censored at the horizon', () => {
    const loaded = loadScenarioFile(FILE);
    const noTail = { ...loaded, scenario: scenarioVariant(loaded.scenario, (draft) => void draft.crisis!.needs!.forEach((need) => (need.recoveryHalfLifeHours = null))) };
    const { metrics } = runScenario(noTail, { seed: 1 });
    expect(metrics.operationHours).toBeNull();
  });
});

describe('the UN coordination cell in Nepal (its calibration lever)', () => {
  it('without it the contributors duplicate effort: more unmet need, 90% of needs met no sooner', () => {
    const loaded = loadScenarioFile(FILE);
    const withoutCell = { ...loaded, scenario: scenarioVariant(loaded.scenario, (draft) => void draft.organizations!.forEach((org) => (org.coordinationCell = null))) };
    for (const seed of [11, 12, 13]) {
      const shipped = runScenario(loaded, { seed }).metrics;
      const lever = runScenario(withoutCell, { seed }).metrics;
      expect(lever.unmetNeedHours, `seed ${seed}`).toBeGreaterThan(shipped.unmetNeedHours);
      expect(lever.needsMet90Hours ?? Infinity, `seed ${seed}`).toBeGreaterThanOrEqual(shipped.needsMet90Hours!);
    }
  });
});

describe('sources[] in any scenario', () => {
  it('refuses a malformed date or address at its position, and changes nothing in a run', () => {
    const text = readFileSync(FILE, 'utf8');
    const broken = text.replace('    date: 2015-04-28\n    url: https://2012-2017.usaid.gov/nepal-earthquake/fy15/fs03', '    date: 28 April 2015\n    url: not an address');
    const issues = checkScenarioText(broken, 'nepal.yaml').issues.map((issue) => `${issue.position.line} ${formatPath(issue.path)}: ${issue.message}`);
    const line = text.slice(0, text.indexOf('    date: 2015-04-28\n    url: https://2012-2017.usaid.gov')).split('\n').length;
    expect(issues).toEqual([
      `${line} sources[3].date: expected a date YYYY, YYYY-MM or YYYY-MM-DD, got "28 April 2015"`,
      `${line + 1} sources[3].url: expected a web address starting with http:// or https://, got "not an address"`,
    ]);

    const loaded = loadScenarioFile(FILE);
    const without = { ...loaded, scenario: { ...loaded.scenario, sources: [] } };
    expect(runScenario(without, { seed: 4 }).metrics).toEqual(runScenario(loaded, { seed: 4 }).metrics);
  });
});
