import { replicationSeed, type ExperimentManifest } from './manifest.js';
import { csvLine } from '../guard/csv.js';
import { runCoordinates } from './records.js';
import { provenanceCells, PROVENANCE_HEADER } from './responses.js';
import { SERIES_VARIABLES, seriesRows, type RunSeries } from './series.js';

/** The columns of a series CSV: which run, when, what, its value and unit, provenance. */
export const SERIES_HEADER = ['run', 'point', 'replication', 'seed', 'hours', 'variable', 'subject', 'value', 'unit', 'scenarioHash', ...PROVENANCE_HEADER] as const;

/** A run's time series as CSV rows (long form, no header), every row carrying the run's identity and provenance. */
export function seriesLines(manifest: ExperimentManifest, run: number, series: RunSeries): string {
  const { point, replication } = runCoordinates(manifest, run);
  const identity = [run, point, replication, replicationSeed(manifest.seed, replication)];
  const provenance = provenanceCells(manifest);
  const scenarioHash = manifest.points[point]!.scenarioHash;
  return seriesRows(series).map((row) => csvLine([...identity, row.hours, row.variable, row.subject, row.value, SERIES_VARIABLES[row.variable].unit, scenarioHash, ...provenance])).join('');
}

/** A run's time series as a CSV file with its header. */
export function seriesCsv(manifest: ExperimentManifest, run: number, series: RunSeries): string {
  return csvLine(SERIES_HEADER) + seriesLines(manifest, run, series);
}
