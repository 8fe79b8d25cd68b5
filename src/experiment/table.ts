import { tmpdir } from 'node:os';
import type { ExperimentManifest } from './manifest.js';
import { runCoordinates, type RunOutcome, type ValueStatus } from './records.js';
import { ValueSpill } from './value-spill.js';

/** What the table knows of a run index: not recorded, finished (ok), or failed (error or timeout). */
const RUN_STATE = { unrecorded: 0, ok: 1, failed: 2 } as const;

/** How a stored value says a milestone does not apply to the run (NaN: censored, not reached). */
export const NOT_APPLICABLE = Number.NEGATIVE_INFINITY;

/** Bytes of whole columns the table keeps in memory for repeated reads (at least two columns). */
const COLUMN_CACHE_BYTES = 32 << 20;

/**
 * The finished runs of an experiment, keyed by run index, in bounded memory: per run a
 * status byte in memory; the metric values (NaN censored, -Infinity not applicable) and
 * the time each run ended in a ValueSpill that sends them to disk block by block. Statistics read one metric column at a time, so
 * summaries of 100,000 runs need a few columns in memory, never every value. The first
 * outcome recorded for a run wins, so a run is never counted twice. Call `close` when done.
 */
export class ResultTable {
  private states = new Uint8Array(1024);
  private recorded = 0;
  private readonly spill: ValueSpill;
  /** Whole columns by run index (NaN where a run has no value), most recently used last. */
  private columnCache: { column: number; cells: Float64Array }[] = [];
  /** Finished runs per design point, built on first use after a change. */
  private byPoint: number[][] | undefined;
  private readonly row: Float64Array;

  /**
   * `scratchDir`: where values beyond the first block of runs are spilled (default: the
   * system's temporary folder); `blockRuns`: runs per spilled block (default 2048).
   */
  constructor(readonly manifest: ExperimentManifest, options: { scratchDir?: string; blockRuns?: number } = {}) {
    // One column after the metrics: when each run ended (censoredAtHours).
    this.spill = new ValueSpill(options.scratchDir ?? tmpdir(), manifest.columns.length + 1, options.blockRuns);
    this.row = new Float64Array(manifest.columns.length + 1);
  }

  get size(): number {
    return this.recorded;
  }

  has(run: number): boolean {
    return (this.states[run] ?? RUN_STATE.unrecorded) !== RUN_STATE.unrecorded;
  }

  /** Records an outcome; returns false when the run was already recorded. */
  add(outcome: RunOutcome): boolean {
    return this.addRow(outcome.run, outcome.status === 'ok', outcomeRow(outcome, this.row));
  }

  /**
   * Records a run from its stored row (see {@link outcomeRow}: each metric's value, NaN
   * censored, -Infinity not applicable, then when the run ended); returns false when the
   * run was already recorded.
   */
  addRow(run: number, ok: boolean, row: ArrayLike<number>): boolean {
    if (this.has(run)) return false;
    this.reserve(run);
    this.states[run] = ok ? RUN_STATE.ok : RUN_STATE.failed;
    this.spill.append(run, row);
    this.recorded += 1;
    this.byPoint = undefined;
    if (this.columnCache.length > 0) this.columnCache = [];
    return true;
  }

  /** Forgets every recorded run not in `runs` (a merge keeps only the runs the stopping rule keeps). */
  keepOnly(runs: Iterable<number>): void {
    const kept = new Uint8Array(this.states.length);
    for (const run of runs) kept[run] = this.states[run] ?? RUN_STATE.unrecorded;
    this.states = kept;
    this.recorded = this.runs().length;
    this.byPoint = undefined;
  }

  /** Value of metric column `column` in a run: undefined when the run is not recorded, null when missing. */
  value(run: number, column: number): number | null | undefined {
    if (!this.has(run)) return undefined;
    const value = this.column(column)[run]!;
    return Number.isFinite(value) ? value : null;
  }

  /** Status of metric column `column` in a recorded run (meaningful for censorable columns of finished runs). */
  status(run: number, column: number): ValueStatus | undefined {
    if (!this.has(run)) return undefined;
    return cellStatus(this.column(column)[run]!);
  }

  /** When a recorded run ended: a milestone missing from it was not reached by then. */
  censoredAt(run: number): number | null {
    if (!this.has(run)) return null;
    const hours = this.column(this.manifest.columns.length)[run]!;
    return Number.isNaN(hours) ? null : hours;
  }

  /** True when the run is recorded and finished without error. */
  ok(run: number): boolean {
    return this.states[run] === RUN_STATE.ok;
  }

  /** Recorded run indices in ascending order. */
  runs(): number[] {
    const runs: number[] = [];
    for (let run = 0; run < this.states.length; run += 1) if (this.states[run] !== RUN_STATE.unrecorded) runs.push(run);
    return runs;
  }

  /** Finished (ok) runs of a design point, in replication order. */
  runsOfPoint(point: number): readonly number[] {
    return this.pointIndex()[point]!;
  }

  /** Observed values of metric column `column` in the finished runs of a design point, with how many are missing. */
  observed(point: number, column: number): { values: number[]; missing: number } {
    const values: number[] = [];
    const runs = this.pointIndex()[point]!;
    const cells = this.column(column);
    for (const run of runs) if (Number.isFinite(cells[run]!)) values.push(cells[run]!);
    return { values, missing: runs.length - values.length };
  }

  /** Value and status of metric column `column` in each finished run of a design point, in replication order, with when each run ended. */
  withStatus(point: number, column: number): { values: (number | null)[]; statuses: ValueStatus[]; censoredAtHours: number[] } {
    const { cells, ends } = this.cells(point, column);
    return {
      values: Array.from(cells, (cell) => (Number.isFinite(cell) ? cell : null)),
      statuses: Array.from(cells, cellStatus),
      censoredAtHours: Array.from(ends, (end) => (Number.isNaN(end) ? null : end) as number),
    };
  }

  /**
   * Metric column `column` in each finished run of a design point, in replication order,
   * as stored (the value; NaN censored; -Infinity not applicable), with when each run ended:
   * typed arrays, so summaries of 100,000 runs build no list per run.
   */
  cells(point: number, column: number): { cells: Float64Array; ends: Float64Array } {
    // The two columns once, not a cache look-up per run and field (summaries call this for every metric).
    const runs = this.runsOfPoint(point);
    const stored = this.column(column);
    const storedEnds = this.column(this.manifest.columns.length);
    const cells = new Float64Array(runs.length);
    const ends = new Float64Array(runs.length);
    for (let i = 0; i < runs.length; i += 1) {
      cells[i] = stored[runs[i]!]!;
      ends[i] = storedEnds[runs[i]!]!;
    }
    return { cells, ends };
  }

  /** Deletes the spilled values; the table cannot be read afterwards. */
  close(): void {
    this.spill.close();
    this.columnCache = [];
  }

  /** Column `column` of every run by run index (a metric's, or after them when each run ended); NaN where missing or not recorded. */
  private column(column: number): Float64Array {
    // A few entries, searched from the most recent: statistics alternate between two or three columns.
    const cache = this.columnCache;
    for (let k = cache.length - 1; k >= 0; k -= 1) {
      if (cache[k]!.column !== column) continue;
      const entry = cache[k]!;
      if (k !== cache.length - 1) cache.push(...cache.splice(k, 1));
      return entry.cells;
    }
    const cells = new Float64Array(this.states.length).fill(Number.NaN);
    this.spill.forEachInColumn(column, (run, value) => (cells[run] = value));
    while (cache.length >= 2 && (cache.length + 1) * cells.byteLength > COLUMN_CACHE_BYTES) cache.shift();
    cache.push({ column, cells });
    return cells;
  }

  /** Grows the status array to hold run index `run`. */
  private reserve(run: number): void {
    if (run < this.states.length) return;
    const larger = new Uint8Array(Math.max(run + 1, this.states.length * 2));
    larger.set(this.states);
    this.states = larger;
  }

  private pointIndex(): number[][] {
    if (!this.byPoint) {
      const byPoint = this.manifest.points.map(() => [] as number[]);
      for (let run = 0; run < this.states.length; run += 1) if (this.ok(run)) byPoint[runCoordinates(this.manifest, run).point]!.push(run);
      this.byPoint = byPoint;
    }
    return this.byPoint;
  }
}

/** An outcome as the table stores it, written into `row` (one cell per metric, then when the run ended). */
export function outcomeRow(outcome: RunOutcome, row: Float64Array): Float64Array {
  const columns = row.length - 1;
  for (let k = 0; k < columns; k += 1) row[k] = outcome.values[k] ?? Number.NaN;
  for (const column of outcome.notApplicable) row[column] = NOT_APPLICABLE;
  row[columns] = outcome.censoredAtHours ?? Number.NaN;
  return row;
}

/** The status a stored value stands for: a number observed, -Infinity not applicable, NaN censored. */
function cellStatus(value: number): ValueStatus {
  return Number.isFinite(value) ? 'observed' : value === NOT_APPLICABLE ? 'not-applicable' : 'censored';
}
