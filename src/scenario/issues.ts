/**
 * Problems found in a scenario (or experiment) file, as data: one union keyed by
 * severity with the field path and source position, printed by one function.
 */
export interface SourcePosition {
  line: number;
  col: number;
}

export interface ScenarioIssue {
  severity: 'error' | 'warning';
  /** Stable machine-readable kind, e.g. `yaml.syntax`, `schema.invalid_type`, `ref.unknown`. */
  code: string;
  message: string;
  /** Path to the field, e.g. `['nations', 2, 'decision', 'authorize']`. */
  path: (string | number)[];
  file: string;
  position: SourcePosition;
}

/** `nations[2].decision.authorize`: a field path as a designer reads it. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** `file:line:col: error: message (path.to.field)`: one line per problem. */
export function formatIssue(issue: ScenarioIssue): string {
  const where = `${issue.file}:${issue.position.line}:${issue.position.col}`;
  const field = issue.path.length > 0 ? ` (${formatPath(issue.path)})` : '';
  return `${where}: ${issue.severity}: ${issue.message}${field}`;
}

/** Thrown by loaders when a file has errors; carries every issue found. */
export class ScenarioError extends Error {
  constructor(readonly issues: ScenarioIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ScenarioError';
  }
}
