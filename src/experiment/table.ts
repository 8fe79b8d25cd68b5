import type { ExperimentManifest } from './manifest.js';
import { runCoordinates, type RunOutcome } from './records.js';

interface StoredRun {
  status: RunOutcome['status'];
  error: string | null;
  censoredAtHours: number | null;
  /** NaN = missing: a compact row, so 10,000 runs of 200 metrics take 16 MB. */
  values: Float64Array;
}

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
    this.byPoint = undefined;
    this.rows.set(outcome.run, { status: outcome.status, error: outcome.error, censoredAtHours: outcome.censoredAtHours, values });
    return true;
  }

  get(run: number): RunOutcome | undefined {
    const row = this.rows.get(run);
    if (!row) return undefined;
    return { run, status: row.status, error: row.error, censoredAtHours: row.censoredAtHours, values: Array.from(row.values, (value) => (Number.isNaN(value) ? null : value)) };
  }

  /** Value of metric column `column` in a run: undefined when the run is not recorded, null when missing. */
  value(run: number, column: number): number | null | undefined {
    const row = this.rows.get(run);
    if (!row) return undefined;
    const value = row.values[column]!;
    return Number.isNaN(value) ? null : value;
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
    for (const row of rows) if (!Number.isNaN(row[column]!)) values.push(row[column]!);
    return { values, missing: rows.length - values.length };
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
