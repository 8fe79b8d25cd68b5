import { hashScenario } from './hash.js';
import { resolveExtends, type Locate } from './extends.js';
import { ScenarioError, type ScenarioIssue } from './issues.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { checkSemantics, type SemanticProblem } from './semantic.js';
import { parseScenarioSource, readScenarioText, type ParsedSource } from './source.js';
import { explainZodIssues } from './zod-issues.js';

/** A scenario as loaded: validated, defaults filled, with the hash that identifies it. */
export interface LoadedScenario {
  scenario: Scenario;
  /** `sha256:<hex>` of the scenario as loaded (after defaults and `extends`), recorded in every output. */
  hash: string;
  file: string;
  warnings: ScenarioIssue[];
}

/** Result of checking a scenario text: the scenario when there are no errors, and every issue. */
export interface ScenarioCheck {
  scenario: Scenario | undefined;
  issues: ScenarioIssue[];
}

/**
 * Parses and validates scenario YAML (or JSON) text, collecting every problem with its
 * position: unsafe input, YAML syntax, `extends` (resolved relative to `file`), shape and
 * types, references, then playability warnings. Never throws for bad input.
 */
export function checkScenarioText(text: string, file: string): ScenarioCheck {
  const source = parseScenarioSource(text, file);
  if (Array.isArray(source)) return { scenario: undefined, issues: source };
  const resolved = resolveExtends(source, readBase);
  if (Array.isArray(resolved)) return { scenario: undefined, issues: resolved };
  const { data, locate } = resolved;
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) {
    const problems = explainZodIssues(scenarioSchema, parsed.error.issues, data);
    return { scenario: undefined, issues: problems.map((problem) => positioned(problem, locate, problem.key !== undefined)) };
  }
  const issues = checkSemantics(parsed.data).map((problem) => positioned(problem, locate));
  const hasErrors = issues.some((issue) => issue.severity === 'error');
  return { scenario: hasErrors ? undefined : parsed.data, issues };
}

function positioned(problem: SemanticProblem, locate: Locate, atKey = false): ScenarioIssue {
  const { file, position } = locate(problem.path, atKey);
  return { severity: problem.severity, code: problem.code, message: problem.message, path: problem.path, file, position };
}

/** Reads and parses a base file named by `extends`. */
function readBase(file: string): ParsedSource | ScenarioIssue[] {
  const read = readScenarioText(file);
  return 'issue' in read ? [read.issue] : parseScenarioSource(read.text, file);
}

/** Checks a scenario file (UTF-8 YAML or JSON), collecting every problem; never throws for bad input. */
export function checkScenarioFile(file: string): ScenarioCheck {
  const read = readScenarioText(file);
  return 'issue' in read ? { scenario: undefined, issues: [read.issue] } : checkScenarioText(read.text, file);
}

/** Reads, validates and hashes a scenario file; throws {@link ScenarioError} listing every problem. */
export function loadScenarioFile(file: string): LoadedScenario {
  return loaded(checkScenarioFile(file), file);
}

/** Validates and hashes scenario text; throws {@link ScenarioError} listing every problem. */
export function loadScenarioText(text: string, file = '<scenario>'): LoadedScenario {
  return loaded(checkScenarioText(text, file), file);
}

function loaded({ scenario, issues }: ScenarioCheck, file: string): LoadedScenario {
  if (!scenario) throw new ScenarioError(issues);
  return { scenario, hash: hashScenario(scenario), file, warnings: issues.filter((issue) => issue.severity === 'warning') };
}
