import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ScenarioError, type ScenarioIssue } from './issues.js';
import { positionOf } from './positions.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { checkSemantics } from './semantic.js';

/** A scenario as loaded: validated, defaults filled, with the hash that identifies it. */
export interface LoadedScenario {
  scenario: Scenario;
  /** `sha256:<hex>` of the scenario as loaded (after defaults), recorded in every output. */
  hash: string;
  file: string;
  warnings: ScenarioIssue[];
}

/** Result of checking a scenario text: the scenario when there are no errors, and every issue. */
export interface ScenarioCheck {
  scenario: Scenario | undefined;
  issues: ScenarioIssue[];
}

/** Parses and validates scenario YAML (or JSON) text, collecting every problem with its position. */
export function checkScenarioText(text: string, file: string): ScenarioCheck {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const issues: ScenarioIssue[] = [];
  for (const yamlError of doc.errors) {
    const [line, col] = yamlError.linePos?.[0] ? [yamlError.linePos[0].line, yamlError.linePos[0].col] : [1, 1];
    issues.push({ severity: 'error', code: 'yaml.syntax', message: yamlError.message.split('\n')[0]!, path: [], file, position: { line, col } });
  }
  if (issues.length > 0) return { scenario: undefined, issues };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return { scenario: undefined, issues: [{ severity: 'error', code: 'yaml.aliases', message, path: [], file, position: { line: 1, col: 1 } }] };
  }
  const parsed = scenarioSchema.safeParse(data ?? {});
  if (!parsed.success) {
    for (const zodIssue of parsed.error.issues) issues.push(...fromZodIssue(zodIssue, doc, lineCounter, file));
    return { scenario: undefined, issues };
  }
  for (const problem of checkSemantics(parsed.data)) {
    issues.push({ ...problem, file, position: positionOf(doc, lineCounter, problem.path) });
  }
  const hasErrors = issues.some((issue) => issue.severity === 'error');
  return { scenario: hasErrors ? undefined : parsed.data, issues };
}

function fromZodIssue(
  zodIssue: z.core.$ZodIssue,
  doc: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
  file: string,
): ScenarioIssue[] {
  const path = zodIssue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
  if (zodIssue.code === 'unrecognized_keys') {
    return zodIssue.keys.map((key) => ({
      severity: 'error' as const,
      code: 'schema.unrecognized_key',
      message: `unknown field "${key}"`,
      path: [...path, key],
      file,
      position: positionOf(doc, lineCounter, path, key),
    }));
  }
  return [{ severity: 'error', code: `schema.${zodIssue.code}`, message: zodIssue.message, path, file, position: positionOf(doc, lineCounter, path) }];
}

/** The canonical hash of a validated scenario. */
export function hashScenario(scenario: Scenario): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(scenario)).digest('hex')}`;
}

/** Reads, validates and hashes a scenario file; throws {@link ScenarioError} listing every problem. */
export function loadScenarioFile(file: string): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read file: ${(cause as Error).message}`;
    throw new ScenarioError([{ severity: 'error', code: 'file.unreadable', message: reason, path: [], file, position: { line: 1, col: 1 } }]);
  }
  return loadScenarioText(text, file);
}

/** Validates and hashes scenario text; throws {@link ScenarioError} listing every problem. */
export function loadScenarioText(text: string, file = '<scenario>'): LoadedScenario {
  const { scenario, issues } = checkScenarioText(text, file);
  if (!scenario) throw new ScenarioError(issues);
  return { scenario, hash: hashScenario(scenario), file, warnings: issues.filter((issue) => issue.severity === 'warning') };
}
