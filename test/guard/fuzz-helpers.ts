import fc from 'fast-check';
import { expect } from 'vitest';
import { errorReport } from '../../src/cli/errors.js';
import type { ScenarioIssue } from '../../src/scenario/issues.js';

/** Pieces shared by the fuzzers: mutations of a valid input, and what every failure must look like. */

/** Each case must finish within this much CPU time (loose, but it catches a hang). */
const CASE_LIMIT_MS = 2_000;

/** Runs a case and checks its CPU time: unlike wall time, not inflated when other processes load the machine. */
export function timed(work: () => void): void {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  expect((used.user + used.system) / 1000).toBeLessThan(CASE_LIMIT_MS);
}

/** Text with mutations: a slice replaced by random characters, YAML/CSV/JSON punctuation and names of object machinery. */
export function mutated(base: string) {
  const fragment = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('__proto__', 'constructor', 'toString', '[', '{', ']', '}', ':', '- ', '"', "'", ',', ';', '=', '\n', '\r', '\t', '\u001b[2J', '\ufeff', '&a', '*a', '!!js', '1e308', '-1', 'NaN', '\u0000'),
  );
  return fc.tuple(fc.nat(base.length), fc.nat(40), fc.array(fragment, { maxLength: 4 })).map(([at, cut, parts]) => base.slice(0, at) + parts.join('') + base.slice(at + cut));
}

export function positioned(issues: readonly ScenarioIssue[], text: string): void {
  const lines = text.split(/\r\n|\r|\n/).length + 1;
  for (const issue of issues) {
    expect(issue.position.line).toBeGreaterThanOrEqual(1);
    expect(issue.position.line).toBeLessThanOrEqual(lines);
    expect(issue.position.col).toBeGreaterThanOrEqual(1);
    expect(issue.message).not.toBe('');
  }
}

/** A failure the CLI prints as one line (errorReport), never a stack trace. */
export function cliPrintable(error: unknown): void {
  const report = errorReport(error);
  if (report === undefined) throw error;
  expect(report.text).not.toMatch(/\n\s+at /);
}
