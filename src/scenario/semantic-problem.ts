/** A problem found by a semantic check, before it is given a file position. */
export interface SemanticProblem {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  path: (string | number)[];
}
