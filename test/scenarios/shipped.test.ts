import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, NATION_MILESTONES, RUN_METRICS, STALL_CAUSES } from '../../src/index.js';

/**
 * Every scenario shipped in scenarios/ runs through the real CLI with --json, and its
 * output is well formed: the right scenario and kind, every metric a non-negative number
 * (or null for a milestone that did not happen), every nation reported.
 */
const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const scenarioDir = join(root, 'scenarios');
const files = readdirSync(scenarioDir).filter((file) => file.endsWith('.yaml')).sort();

function expectNonNegative(value: unknown, name: string): void {
  expect(typeof value, name).toBe('number');
  expect(Number.isFinite(value) && (value as number) >= 0, `${name} = ${String(value)}`).toBe(true);
}

function expectMilestone(value: unknown, name: string, horizonHours: number): void {
  if (value === null) return;
  expectNonNegative(value, name);
  expect(value as number, name).toBeLessThanOrEqual(horizonHours);
}

describe('shipped scenarios', () => {
  it('include one scenario per crisis kind at least', () => {
    const kinds = new Set(files.map((file) => loadScenarioFile(join(scenarioDir, file)).scenario.crisis.kind));
    expect([...kinds].sort()).toEqual(['conflict', 'disaster', 'terrorism']);
  });

  it.each(files)('%s runs with --json and reports well-formed metrics', async (file) => {
    const path = join(scenarioDir, file);
    const { scenario } = loadScenarioFile(path);
    const { stdout } = await run(process.execPath, [join(root, 'bin', 'crisis-sim.mjs'), 'run', path, '--json', '--seed', '7'], { cwd: root });
    const output = JSON.parse(stdout);

    expect(output.scenario).toBe(scenario.id);
    expect(output.kind).toBe(scenario.crisis.kind);
    expect(output.seed).toBe(7);
    expect(output.horizonHours).toBe(scenario.horizonHours);
    expect(output.scenarioHash).toMatch(/^sha256:[0-9a-f]{64}$/);

    const metrics = output.metrics;
    for (const { name, censorable } of RUN_METRICS) {
      if (censorable) expectMilestone(metrics[name], name, scenario.horizonHours);
      else expectNonNegative(metrics[name], name);
    }
    expect(Object.keys(metrics.nations).sort()).toEqual(scenario.nations.map((nation) => nation.id).sort());
    for (const [id, nation] of Object.entries<Record<string, unknown>>(metrics.nations)) {
      for (const { name } of NATION_MILESTONES) expectMilestone(nation[name], `${id}.${name}`, scenario.horizonHours);
      for (const cause of STALL_CAUSES) expectNonNegative((nation.stallHours as Record<string, unknown>)[cause], `${id}.stallHours.${cause}`);
      expectNonNegative(nation.unitsDelivered, `${id}.unitsDelivered`);
      expectNonNegative(nation.cost, `${id}.cost`);
    }
    // Somebody answers every shipped crisis before the horizon.
    expect(metrics.firstResponseHours).not.toBeNull();
  });
});
