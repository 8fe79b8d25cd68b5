import { loadScenarioFile, roundNumbers, runScenario, type ReportInput, type Scenario, type TraceEntry } from '../../src/index.js';

export const SHIPPED_SCENARIO = new URL('../../scenarios/caribbean-earthquake.yaml', import.meta.url).pathname;

/** A run of a scenario as `run --report` hands it to the report: rounded like a trace file. */
export function reportInputOf(scenario: Scenario, seed = 1): ReportInput {
  const trace: TraceEntry[] = [];
  const result = runScenario(scenario, { seed, trace: (entry) => trace.push(entry) });
  return { scenario, result: roundNumbers(result), trace: roundNumbers(trace) };
}

/** The shipped Caribbean earthquake, run with seed 1. */
export function shippedInput(): ReportInput {
  return reportInputOf(loadScenarioFile(SHIPPED_SCENARIO).scenario);
}

/** How many times `pattern` occurs in `text`. */
export function count(text: string, pattern: RegExp): number {
  return text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
}
