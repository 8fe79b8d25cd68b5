import { NATION_MILESTONES, RUN_METRICS, STALL_CAUSES, type RunMetrics } from '../metrics/definitions.js';
import { didYouMean } from '../scenario/suggest.js';

/**
 * The metric columns of an experiment's results, taken from the metric definitions:
 * run metrics by name (`firstResponseHours`), nation metrics as `<nation>.<metric>`
 * (`usa.firstDeployHours`, `usa.stallHours.consent`, `usa.unitsDelivered`, `usa.cost`,
 * `usa.talksHeld`).
 */
export interface MetricColumn {
  name: string;
  /** True when the metric can be missing because it did not happen before the horizon. */
  censorable: boolean;
  nation: string | null;
  /** Field path inside the run metrics (or inside the nation's metrics). */
  field: readonly string[];
}

/** Unit and meaning of a metric column, from the metric definitions. */
export interface ColumnInfo {
  unit: string;
  description: string;
}

/** The unit and meaning of a metric column by its name (`firstResponseHours`, `usa.stallHours.consent`, `usa.cost`). */
export function columnInfo(name: string): ColumnInfo {
  const run = RUN_METRICS.find((metric) => metric.name === name);
  if (run) return { unit: run.unit, description: run.description };
  const [nation, ...rest] = name.split('.');
  const field = rest.join('.');
  const milestone = NATION_MILESTONES.find((candidate) => candidate.name === field);
  if (milestone) return { unit: 'hours', description: `${nation}: ${milestone.description}` };
  if (field.startsWith('stallHours.')) return { unit: 'hours', description: `${nation}: hours stalled by ${field.slice('stallHours.'.length)}` };
  if (field === 'unitsDelivered') return { unit: 'units', description: `${nation}: units that arrived in theatre` };
  if (field === 'cost') return { unit: 'MUSD', description: `${nation}: cost of its deployed units, millions of US dollars` };
  if (field === 'talksHeld') return { unit: 'count', description: `${nation}: bilateral talks it requested` };
  throw new Error(`no metric column "${name}"`);
}

/** Every metric column for scenarios with these nations, in definition order. */
export function allColumns(nationIds: readonly string[]): MetricColumn[] {
  const columns: MetricColumn[] = RUN_METRICS.map((metric) => ({ name: metric.name, censorable: metric.censorable, nation: null, field: [metric.name] }));
  for (const nation of nationIds) {
    for (const milestone of NATION_MILESTONES) columns.push({ name: `${nation}.${milestone.name}`, censorable: true, nation, field: [milestone.name] });
    for (const cause of STALL_CAUSES) columns.push({ name: `${nation}.stallHours.${cause}`, censorable: false, nation, field: ['stallHours', cause] });
    columns.push({ name: `${nation}.unitsDelivered`, censorable: false, nation, field: ['unitsDelivered'] });
    columns.push({ name: `${nation}.cost`, censorable: false, nation, field: ['cost'] });
    columns.push({ name: `${nation}.talksHeld`, censorable: false, nation, field: ['talksHeld'] });
  }
  return columns;
}

/**
 * The columns a list of patterns selects, in definition order. A pattern is a column
 * name, where `*` stands for any run of characters (`*.consentHours`, `usa.*`).
 * Returns the patterns that match nothing, so the caller can point at them.
 */
export function selectColumns(all: readonly MetricColumn[], patterns: readonly string[] | undefined): { columns: MetricColumn[]; unmatched: { index: number; message: string }[] } {
  if (patterns === undefined) return { columns: [...all], unmatched: [] };
  const matchers = patterns.map(globMatcher);
  const unmatched = patterns.flatMap((pattern, index) =>
    all.some((column) => matchers[index]!(column.name)) ? [] : [{ index, message: `no metric "${pattern}"${didYouMean(pattern, all.map((column) => column.name))}` }],
  );
  return { columns: all.filter((column) => matchers.some((matches) => matches(column.name))), unmatched };
}

function globMatcher(pattern: string): (name: string) => boolean {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  const regex = new RegExp(`^${escaped}$`);
  return (name) => regex.test(name);
}

/** The run's value for each column, rounded to 6 decimals; null when missing (censored or no such nation). */
export function extractValues(metrics: RunMetrics, columns: readonly MetricColumn[]): (number | null)[] {
  return columns.map((column) => {
    let value: unknown = column.nation === null ? metrics : metrics.nations[column.nation];
    for (const part of column.field) value = value === undefined || value === null ? undefined : (value as Record<string, unknown>)[part];
    return typeof value === 'number' ? round6(value) : null;
  });
}

/**
 * Indices of the censorable columns whose milestone does not apply to this run: for a
 * nation's milestone, the nation is not in the scenario or its process skipped the step
 * (no mandate or consent needed, see NationMetrics.notApplicable); for a run milestone,
 * the engine lists it in RunMetrics.notApplicable (no host started closed, no mediation
 * began). Their null is "not applicable", not censored.
 */
export function notApplicableColumns(metrics: RunMetrics, columns: readonly MetricColumn[]): number[] {
  const indices: number[] = [];
  columns.forEach((column, k) => {
    if (!column.censorable) return;
    if (column.nation === null) {
      const skipped = metrics.notApplicable?.find((name) => name === column.name);
      // A value is observed whatever the list says.
      if (skipped !== undefined && metrics[skipped] === null) indices.push(k);
      return;
    }
    const nation = metrics.nations[column.nation];
    if (nation === undefined || (nation.notApplicable as readonly string[]).includes(column.field[0]!)) indices.push(k);
  });
  return indices;
}

/** Rounds to 6 decimals (integers stay as they are), the precision of every result file. */
export function round6(value: number): number {
  return Number.isInteger(value) ? value : Math.round(value * 1e6) / 1e6;
}
