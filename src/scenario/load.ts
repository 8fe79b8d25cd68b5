import { hashScenario } from './hash.js';
import { resolveExtends, type Locate } from './extends.js';
import { ScenarioError, type ScenarioIssue } from './issues.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { readDurationFields } from './duration-fields.js';
import { formatPath } from './issues.js';
import { lintScenario } from './lint.js';
import { checkPlayability } from './playability.js';
import { brokenPaths } from './positions.js';
import { checkReferences, nationNames, withNationNameHint, type SemanticProblem } from './semantic.js';
import { valueAt } from './schema-walk.js';
import { parseScenarioSource, readScenarioText, type ParsedSource } from './source.js';
import { explainZodIssues, type SchemaProblem } from './zod-issues.js';

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
 * Parses and validates scenario YAML (or JSON) text, collecting every problem of every
 * pass with its position: unsafe input, YAML syntax, `extends` (resolved relative to
 * `file`), durations, shape and types, references, then playability warnings. A syntax
 * error stops only what depends on it: the schema still checks the rest of the file
 * (problems inside or missing from the broken part are left out), while references and
 * playability, which need every id of the file, wait until the syntax is fixed. Shape
 * errors do not stop the reference checks. Never throws for bad input.
 */
export function checkScenarioText(text: string, file: string, options: { lint?: boolean } = {}): ScenarioCheck {
  const source = parseScenarioSource(text, file, { tolerant: true });
  if (Array.isArray(source)) return { scenario: undefined, issues: source };
  const resolved = resolveExtends(source, readBase);
  if (Array.isArray(resolved)) return { scenario: undefined, issues: [...source.syntax, ...resolved] };
  const { locate } = resolved;
  const durations = readDurationFields(scenarioSchema, resolved.data);
  const data = durations.data;
  const parsed = scenarioSchema.safeParse(data);
  const names = nationNames(data);
  const schemaProblems = parsed.success
    ? []
    : explainZodIssues(scenarioSchema, parsed.error.issues, data).map((problem) => ({ ...problem, ...withNationNameHint(problem, valueAt(data, problem.path), names) }));
  const broken = brokenPaths(source);
  const unreadDurations = new Set(durations.problems.map((problem) => formatPath(problem.path)));
  const shape: SchemaProblem[] = [
    ...durations.problems,
    ...schemaProblems.filter((problem) => !dependsOnBroken(problem, broken) && !unreadDurations.has(formatPath(problem.path))),
  ];
  if (source.syntax.length > 0) return { scenario: undefined, issues: [...source.syntax, ...shape.map((problem) => positioned(problem, locate, problem.key !== undefined))] };
  const shown = new Set(shape.map((problem) => formatPath(problem.path)));
  const references = checkReferences(data).filter((problem) => !shown.has(formatPath(problem.path)));
  const problems: SchemaProblem[] = [...shape, ...references];
  if (problems.length === 0 && parsed.success) problems.push(...checkPlayability(parsed.data), ...(options.lint === true ? lintScenario(parsed.data) : []));
  const issues = problems.map((problem) => positioned(problem, locate, problem.key !== undefined));
  const hasErrors = issues.some((issue) => issue.severity === 'error');
  return { scenario: hasErrors || !parsed.success ? undefined : parsed.data, issues };
}

function positioned(problem: SemanticProblem, locate: Locate, atKey = false): ScenarioIssue {
  const { file, position } = locate(problem.path, atKey);
  return { severity: problem.severity, code: problem.code, message: problem.message, path: problem.path, file, position };
}

/** A schema problem inside a part of the file that has a syntax error, or a field missing from it. */
function dependsOnBroken(problem: SchemaProblem, broken: readonly (string | number)[][]): boolean {
  // An error outside every collection (at the top level) makes only the top-level fields doubtful.
  return broken.some((path) =>
    path.length === 0 ? problem.path.length <= 1 : startsWith(problem.path, path) || (problem.code === 'schema.missing' && startsWith(path, problem.path.slice(0, -1))),
  );
}

function startsWith(path: readonly (string | number)[], prefix: readonly (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((part, index) => path[index] === part);
}

/** Reads and parses a base file named by `extends`. */
function readBase(file: string): ParsedSource | ScenarioIssue[] {
  const read = readScenarioText(file);
  return 'issue' in read ? [read.issue] : parseScenarioSource(read.text, file);
}

/** Checks a scenario file (UTF-8 YAML or JSON), collecting every problem; never throws for bad input. */
export function checkScenarioFile(file: string, options: { lint?: boolean } = {}): ScenarioCheck {
  const read = readScenarioText(file);
  return 'issue' in read ? { scenario: undefined, issues: [read.issue] } : checkScenarioText(read.text, file, options);
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
