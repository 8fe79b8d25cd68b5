import { columnInfo } from './columns.js';
import type { ExperimentManifest } from './manifest.js';
import { runsHeader, STATUS_SUFFIX } from './records.js';
import { provenanceCells } from './responses.js';
import { SENSITIVITY_HEADER } from './sensitivity.js';
import { SERIES_HEADER } from './series-csv.js';
import { differencesHeader, summaryHeader } from './summary.js';

/**
 * columns.json: every column of every CSV of a results folder with its unit and meaning,
 * built from the same header lists the files are written from, so it cannot drift.
 */

export interface ColumnDoc {
  name: string;
  unit: string;
  description: string;
}

/** Unit written for a statistic in the unit of the row's metric. */
const METRIC_UNIT = 'unit of the metric (column unit)';
const HOURS_OF_METRIC = 'hours';

/** Columns whose meaning does not depend on the experiment. */
const FIXED: Record<string, Omit<ColumnDoc, 'name'>> = {
  run: { unit: 'index', description: 'run index: design point + replication × number of points' },
  point: { unit: 'index', description: 'design point (arm) index in experiment.json' },
  replication: { unit: 'index', description: 'replication number; the same replication uses the same seed in every arm (common random numbers)' },
  seed: { unit: 'integer', description: 'run seed, derived from the master seed and the replication' },
  scenario: { unit: 'id', description: 'scenario id of the design point' },
  scenarioHash: { unit: 'sha256', description: "hash of the design point's scenario as run (factors applied)" },
  baselineScenarioHash: { unit: 'sha256', description: "hash of the baseline arm's scenario as run" },
  engine: { unit: 'text', description: 'engine name and version' },
  experimentHash: { unit: 'sha256', description: 'hash of the experiment manifest (experiment.json): design, factors, every scenario hash, engine' },
  masterSeed: { unit: 'integer', description: "the experiment's master seed" },
  status: { unit: 'ok | error | timeout', description: 'whether the run finished' },
  error: { unit: 'text', description: 'what went wrong in a failed run' },
  censoredAtHours: { unit: 'hours', description: 'when the run ended (the horizon): a milestone not reached by then is censored' },
  censored: { unit: 'count', description: 'runs not reaching the milestone by the horizon (summary.csv), or censorable metrics of the run, among those kept, not reached by censoredAtHours (runs.csv)' },
  notApplicable: { unit: 'count', description: 'runs (summary.csv) or censorable metrics of the run (runs.csv) where the milestone does not apply' },
  metric: { unit: 'name', description: 'metric column of runs.csv' },
  unit: { unit: 'text', description: "the metric's unit (series.csv: the variable's)" },
  runs: { unit: 'count', description: 'finished runs of the design point' },
  observed: { unit: 'count', description: 'runs where the metric has a value (a milestone: was reached)' },
  reachedShare: { unit: 'share 0-1', description: 'share of the runs it applies to that reached the milestone by the horizon' },
  kmQ25: { unit: HOURS_OF_METRIC, description: 'Kaplan-Meier time by which 25% of the runs reached the milestone' },
  kmMedian: { unit: HOURS_OF_METRIC, description: 'Kaplan-Meier median time to the milestone' },
  kmQ75: { unit: HOURS_OF_METRIC, description: 'Kaplan-Meier time by which 75% of the runs reached the milestone' },
  rmstHorizonHours: { unit: 'hours', description: 'horizon of the restricted mean' },
  rmst: { unit: HOURS_OF_METRIC, description: 'restricted mean time to the milestone up to the horizon (not reached = horizon)' },
  baselinePoint: { unit: 'index', description: 'the baseline arm the differences are taken against' },
  pairs: { unit: 'count', description: 'pairs (same replication) where the metric applies in both arms' },
  horizonHours: { unit: 'hours', description: 'horizon the restricted times are cut at' },
  rmstDifference: { unit: HOURS_OF_METRIC, description: 'paired difference of restricted times (point minus baseline): the RMST difference' },
  reachedShareDifference: { unit: 'share -1-1', description: 'paired difference of the shares that reached the milestone (point minus baseline)' },
  observedPairs: { unit: 'count', description: 'pairs where the metric was observed in both arms' },
  observedMeanDifference: { unit: METRIC_UNIT, description: 'mean paired difference over observedPairs' },
  response: { unit: 'value | restrictedHours | reached', description: 'what is analysed: the value, min(time, horizon), or 1 if reached by the horizon' },
  factor: { unit: 'name', description: 'factor of the experiment' },
  index: {
    unit: 'mainEffect | src | muStar | mu | sigma | firstOrder | total',
    description:
      "mainEffect: range of the response's mean over the factor's values (unit of the response); src: standardized regression coefficient (-1 to 1); " +
      'muStar, mu, sigma: Morris mean |elementary effect|, mean and sd of the elementary effects (response units per full range of the factor); ' +
      'firstOrder, total: Sobol first-order and total indices (share of variance, 0 to 1)',
  },
  estimate: { unit: 'depends on index', description: 'the value of the index' },
  hours: { unit: 'hours', description: 'simulated hours since onset of the sample (series.csv)' },
  variable: { unit: 'coverage | unmetNeed | unitsDeployed | trust', description: 'what is sampled: mean met share of the capabilities, unmet need, units of a nation arrived so far, trust of a relation' },
  subject: { unit: 'nation id | relation a-b', description: "the nation (unitsDeployed) or relation (trust) the value is of; empty for the whole crisis" },
  value: { unit: 'unit of the variable (column unit)', description: 'the sampled value' },
};

const OBSERVED_STATISTICS: Record<string, string> = {
  Mean: 'mean', Sd: 'standard deviation', Ci95Low: 'lower 95% limit of the mean (Student t)', Ci95High: 'upper 95% limit of the mean (Student t)', Ci95HalfWidth: 'half-width of the 95% interval of the mean',
  Min: 'minimum', Q05: '5th percentile (R type 7)', Q25: '25th percentile', Median: 'median', Q75: '75th percentile', Q95: '95th percentile', Max: 'maximum',
};

/** Unit and meaning of a CSV column of this experiment. */
export function describeColumn(manifest: ExperimentManifest, name: string): Omit<ColumnDoc, 'name'> {
  if (FIXED[name]) return FIXED[name]!;
  if (name === 'ci95Low' || name === 'ci95High') return { unit: 'depends on index', description: `${name === 'ci95Low' ? 'lower' : 'upper'} 95% limit of the index (bootstrap percentile; Morris muStar and Sobol indices)` };
  const limit = /^(.*)Ci95(Low|High)$/.exec(name);
  if (limit && FIXED[limit[1]!]) return { unit: FIXED[limit[1]!]!.unit, description: `${limit[2] === 'Low' ? 'lower' : 'upper'} 95% limit of ${limit[1]}` };
  const observed = /^observed(.+)$/.exec(name);
  if (observed && OBSERVED_STATISTICS[observed[1]!]) return { unit: METRIC_UNIT, description: `${OBSERVED_STATISTICS[observed[1]!]} over observed values only (a milestone: runs that reached it)` };
  const factor = manifest.factors.find((candidate) => candidate.name === name);
  if (factor) return { unit: 'factor value', description: factor.path === null ? 'the scenario (several scenarios)' : `factor: value of ${factor.path}` };
  if (name.endsWith(STATUS_SUFFIX)) return { unit: 'observed | censored | not-applicable', description: `status of ${name.slice(0, -STATUS_SUFFIX.length)} in the run` };
  return columnInfo(name);
}

/** The content of columns.json for an experiment's results folder. */
export function columnsJson(manifest: ExperimentManifest): string {
  const [engine, experimentHash, masterSeed] = provenanceCells(manifest);
  const files: Record<string, readonly string[]> = {
    'runs.csv': runsHeader(manifest),
    'summary.csv': summaryHeader(manifest),
    'differences.csv': differencesHeader(manifest),
    'sensitivity.csv': SENSITIVITY_HEADER,
    ...(manifest.series ? { 'series.csv': SERIES_HEADER } : {}),
  };
  const columns = Object.fromEntries(Object.entries(files).map(([file, header]) => [file, header.map((name) => ({ name, ...describeColumn(manifest, name) }))]));
  return `${JSON.stringify({ engine, experimentHash, masterSeed: Number(masterSeed), files: columns }, null, 2)}\n`;
}
