import type { ExperimentManifest } from './manifest.js';
import { cellsHorizon, restrictedTime, type MilestoneSample } from './milestones.js';
import type { ResultTable } from './table.js';

/**
 * What the by-factor charts and the sensitivity analysis measure of a metric in a run.
 * A plain metric is its value. A censorable milestone is its restricted time (time to
 * it, a run that never got there counting as the horizon) and whether it was reached:
 * so a factor under which a milestone stops happening shows as a large effect instead of
 * vanishing with the runs that lost it.
 */
export type Response = 'value' | 'restrictedHours' | 'reached';

/** The responses of a metric column. */
export function responsesOf(column: { censorable: boolean }): Response[] {
  return column.censorable ? ['restrictedHours', 'reached'] : ['value'];
}

/** A column's value and status in every finished run of a design point. */
export function pointSample(table: ResultTable, point: number, column: number): MilestoneSample {
  return table.withStatus(point, column);
}

/** The common horizon of a censorable column over the whole experiment: the earliest end of a run it applies to. */
export function experimentHorizon(table: ResultTable, column: number): number | null {
  let horizon: number | null = null;
  for (const point of table.manifest.points) {
    const own = cellsHorizon(table.cells(point.index, column));
    if (own !== null) horizon = horizon === null ? own : Math.min(horizon, own);
  }
  return horizon;
}

/** The response of each finished run of a design point where it is defined (not-applicable runs left out). */
export function pointResponses(table: ResultTable, point: number, column: number, response: Response, horizon: number | null): number[] {
  if (response === 'value') return table.observed(point, column).values;
  const sample = pointSample(table, point, column);
  const out: number[] = [];
  sample.statuses.forEach((status, i) => {
    const time = restrictedTime(sample.values[i] ?? null, status, horizon!);
    if (time === null) return;
    out.push(response === 'reached' ? (status === 'observed' && sample.values[i]! <= horizon! ? 1 : 0) : time);
  });
  return out;
}

/** A short label of a response for chart titles and docs. */
export function responseLabel(metric: string, response: Response, horizon: number | null): string {
  switch (response) {
    case 'value':
      return metric;
    case 'restrictedHours':
      return `${metric} restricted to ${horizon} h (not reached = ${horizon})`;
    case 'reached':
      return `share reaching ${metric} by ${horizon} h`;
    default: {
      const exhaustive: never = response;
      throw new Error(`unknown response ${String(exhaustive)}`);
    }
  }
}

/** The provenance cells every derived CSV row ends with: engine, experiment hash, master seed. */
export const PROVENANCE_HEADER = ['engine', 'experimentHash', 'masterSeed'] as const;

export function provenanceCells(manifest: ExperimentManifest): string[] {
  return [`${manifest.engine.name} ${manifest.engine.version}`, manifest.experimentHash, String(manifest.seed)];
}
