import type { ExperimentManifest } from './manifest.js';
import { runCoordinates, type RunOutcome, type ValueStatus } from './records.js';

interface StoredRun {
  status: RunOutcome['status'];
  error: string | null;
  censoredAtHours: number | null;
  /** NaN = missing (censored), -Infinity = not applicable: a compact row, so 10,000 runs of 200 metrics take 16 MB. */
  values: Float64Array;
}

/** How a row stores a not-applicable value (NaN is a censored one). */
const NOT_APPLICABLE = Number.NEGATIVE_INFINITY;

/**
 * The finished runs of an experiment, one compact row each, keyed by run index. The
 * first outcome recorded for a run wins, so a run is never counted twice.
 */
export class ResultTable {
  private readonly rows = new Map<number, StoredRun>();
  /** Finished runs per design point and their value rows, built on first use after a change. */
  private byPoint: { runs: number[]; rows: Float64Array[] }[] | undefined;

  constructor(readonly manifest: ExperimentManifest) {}

  get size(): number {
    return this.rows.size;
  }

  has(run: number): boolean {
    return this.rows.has(run);
  }

  /** Records an outcome; returns false when the run was already recorded. */
  add(outcome: RunOutcome): boolean {
    if (this.rows.has(outcome.run)) return false;
    const values = Float64Array.from(outcome.values, (value) => (value === null ? Number.NaN : value));
    for (const column of outcome.notApplicable) values[column] = NOT_APPLICABLE;
    this.byPoint = undefined;
    this.rows.set(outcome.run, { status: outcome.status, error: outcome.error, censoredAtHours: outcome.censoredAtHours, values });
    return true;
  }

  get(run: number): RunOutcome | undefined {
    const row = this.rows.get(run);
    if (!row) return undefined;
    const notApplicable: number[] = [];
    row.values.forEach((value, k) => value === NOT_APPLICABLE && notApplicable.push(k));
    return { run, status: row.status, error: row.error, censoredAtHours: row.censoredAtHours, values: Array.from(row.values, (value) => (Number.isFinite(value) ? value : null)), notApplicable };
  }

  /** Value of metric column `column` in a run: undefined when the run is not recorded, null when missing. */
  value(run: number, column: number): number | null | undefined {
    const row = this.rows.get(run);
    if (!row) return undefined;
    const value = row.values[column]!;
    return Number.isFinite(value) ? value : null;
  }

  /** Status of metric column `column` in a recorded run (meaningful for censorable columns of finished runs). */
  status(run: number, column: number): ValueStatus | undefined {
    const row = this.rows.get(run);
    if (!row) return undefined;
    const value = row.values[column]!;
    return Number.isFinite(value) ? 'observed' : value === NOT_APPLICABLE ? 'not-applicable' : 'censored';
  }

  /** When a recorded run ended: a milestone missing from it was not reached by then. */
  censoredAt(run: number): number | null {
    return this.rows.get(run)?.censoredAtHours ?? null;
  }

  /** True when the run is recorded and finished without error. */
  ok(run: number): boolean {
    return this.rows.get(run)?.status === 'ok';
  }

  /** Recorded run indices in ascending order. */
  runs(): number[] {
    return [...this.rows.keys()].sort((a, b) => a - b);
  }

  /** Finished (ok) runs of a design point, in replication order. */
  runsOfPoint(point: number): readonly number[] {
    return this.pointIndex()[point]!.runs;
  }

  /** Observed values of metric column `column` in the finished runs of a design point, with how many are missing. */
  observed(point: number, column: number): { values: number[]; missing: number } {
    const values: number[] = [];
    const rows = this.pointIndex()[point]!.rows;
    for (const row of rows) if (Number.isFinite(row[column]!)) values.push(row[column]!);
    return { values, missing: rows.length - values.length };
  }

  /** Value and status of metric column `column` in each finished run of a design point, in replication order, with when each run ended. */
  withStatus(point: number, column: number): { values: (number | null)[]; statuses: ValueStatus[]; censoredAtHours: number[] } {
    const runs = this.runsOfPoint(point);
    return {
      values: runs.map((run) => this.value(run, column)!),
      statuses: runs.map((run) => this.status(run, column)!),
      censoredAtHours: runs.map((run) => this.censoredAt(run)!),
    };
  }

  private pointIndex(): { runs: number[]; rows: Float64Array[] }[] {
    if (!this.byPoint) {
      const byPoint = this.manifest.points.map(() => ({ runs: [] as number[], rows: [] as Float64Array[] }));
      for (const run of this.runs()) {
        const row = this.rows.get(run)!;
        if (row.status !== 'ok') continue;
        const point = byPoint[runCoordinates(this.manifest, run).point]!;
        point.runs.push(run);
        point.rows.push(row.values);
      }
      this.byPoint = byPoint;
    }
    return this.byPoint;
  }
}
