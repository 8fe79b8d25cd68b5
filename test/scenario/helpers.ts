import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkScenarioText } from '../../src/index.js';
import type { ScenarioIssue } from '../../src/index.js';

/** Shared by the scenario-authoring tests: the real CLI, temporary files, the shipped scenarios. */

export const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/crisis-sim.mjs');

export function cli(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'crisis-sim-authoring-'));
}

export function tempFile(name: string, content: string | Uint8Array, dir = tempDir()): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Every scenario shipped in scenarios/ (globbed, so scenarios added later are covered too). */
export function shippedScenarios(): string[] {
  return readdirSync(join(ROOT, 'scenarios'))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => join(ROOT, 'scenarios', name));
}

export const TEMPLATES = ['disaster', 'conflict', 'terrorism'].map((kind) => join(ROOT, 'scenarios/templates', `${kind}.yaml`));

export const EARTHQUAKE_TEXT = readFileSync(join(ROOT, 'scenarios/caribbean-earthquake.yaml'), 'utf8');

/** The earthquake scenario with one exact piece of text replaced (the piece must exist). */
export function earthquakeWith(find: string, replace: string): string {
  if (!EARTHQUAKE_TEXT.includes(find)) throw new Error(`test bug: "${find}" is not in the earthquake scenario`);
  return EARTHQUAKE_TEXT.replace(find, replace);
}

/** Line (1-based) of the first occurrence of `text` in `source`. */
export function lineOf(source: string, text: string): number {
  const index = source.indexOf(text);
  if (index === -1) throw new Error(`test bug: "${text}" not found`);
  return source.slice(0, index).split('\n').length;
}

export function issuesOf(text: string, file = 'scenario.yaml'): ScenarioIssue[] {
  return checkScenarioText(text, file).issues;
}

/**
 * Scenarios broken in their shape (not only in meaning): the loader and the exported JSON
 * Schema must both reject each. `find` is replaced by `replace` in the earthquake scenario.
 */
export const SHAPE_ERRORS: { name: string; find: string; replace: string; code: string; message: RegExp; path: string }[] = [
  { name: 'a misspelt key', find: 'authorize: 4 }', replace: 'autohrize: 4 }', code: 'schema.unrecognized_key', message: /unknown field "autohrize"; did you mean "authorize"\?/, path: 'nations[0].decision.autohrize' },
  { name: 'a misspelt delay form', find: 'consentDelay: { triangular: [1, 3, 6] }', replace: 'consentDelay: { triangle: [6, 12, 24] }', code: 'schema.invalid_union', message: /expected hours: a number, or \{triangular.*got a mapping with triangle; did you mean "triangular"\?/, path: 'nations[0].sovereignty.consentDelay' },
  { name: 'a delay in words', find: 'consentDelay: { triangular: [1, 3, 6] }', replace: 'consentDelay: two days', code: 'schema.duration', message: /"two days" is not a duration; write a number of hours .*; or a distribution: \{triangular: \[min, mode, max\]\}/, path: 'nations[0].sovereignty.consentDelay' },
  { name: 'a triangular delay with two numbers', find: 'consentDelay: { triangular: [1, 3, 6] }', replace: 'consentDelay: { triangular: [6, 12] }', code: 'schema.too_small', message: /needs at least 3 items, got \[6, 12\]/, path: 'nations[0].sovereignty.consentDelay.triangular' },
  { name: 'a lognormal delay without sigma', find: 'consentDelay: { triangular: [1, 3, 6] }', replace: 'consentDelay: { lognormal: { median: 3 } }', code: 'schema.missing', message: /missing required field "sigma" \(expected a number\)/, path: 'nations[0].sovereignty.consentDelay.lognormal.sigma' },
  { name: 'a misspelt option', find: 'consent: required', replace: 'consent: requird', code: 'schema.invalid_value', message: /expected one of "required", "automatic", "refused", got "requird"; did you mean "required"\?/, path: 'nations[0].sovereignty.consent' },
  { name: 'an unknown effect type', find: 'type: need.add', replace: 'type: need.ad', code: 'schema.invalid_value', message: /unknown effect type "need.ad"; expected one of none, need.add, .*; did you mean "need.add"\?/, path: 'injects[0].effect.type' },
  { name: 'a negative budget', find: 'budgetMusd: 20\n', replace: 'budgetMusd: -20\n', code: 'schema.too_small', message: /must be at least 0, got -20/, path: 'nations[0].budgetMusd' },
  { name: 'a missing name', find: '  - id: hti\n    name: Haiti\n', replace: '  - id: hti\n', code: 'schema.missing', message: /missing required field "name" \(expected text\)/, path: 'nations[0].name' },
  { name: 'a number in words', find: 'severity: 0.9', replace: 'severity: high', code: 'schema.invalid_type', message: /expected a number, got "high"/, path: 'crisis.severity' },
  { name: 'an id in capitals', find: 'id: caribbean-earthquake', replace: 'id: Caribbean', code: 'schema.invalid_format', message: /expected an id of lowercase letters, digits and dashes, starting with a letter, got "Caribbean"/, path: 'id' },
  { name: 'a __proto__ key', find: 'horizonHours: 4320', replace: '__proto__: { polluted: true }\nhorizonHours: 4320', code: 'schema.unrecognized_key', message: /unknown field "__proto__"/, path: '__proto__' },
];
