/** The files of a results folder (see results-dir.ts). */
export const RESULT_FILES = {
  manifest: 'experiment.json',
  journal: 'runs.jsonl',
  runs: 'runs.csv',
  summary: 'summary.csv',
  differences: 'differences.csv',
  sensitivity: 'sensitivity.csv',
  columns: 'columns.json',
  series: 'series.csv',
  shard: 'shard.json',
} as const;

/** A problem with a results folder: wrong experiment, missing files, existing results. */
export class ResultsError extends Error {
  override name = 'ResultsError';
}
