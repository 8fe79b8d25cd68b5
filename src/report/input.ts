import type { RunResult } from '../engine/run.js';
import type { TraceEntry } from '../metrics/trace.js';
import type { Scenario } from '../scenario/schema.js';
import type { NeedSeries } from './need-series.js';

/** A decision a player took in a drill. */
export interface PlayerDecision {
  atHours: number;
  nation: string;
  /** `act`, `mandate`, `offer`, `consent`, `vote`, `intelligence`... */
  kind: string;
  choice: string;
  /** What the engine would have chosen, when known. */
  recommended?: string;
  /** Free text the facilitator or player recorded. */
  note?: string;
}

/** Drill material for the report: players' decisions, shown next to the MSEL's expected actions. */
export interface DrillInput {
  /** Nations played by people (default: those with `player:<nation>` decisions in the trace). */
  players?: string[];
  /** Decisions taken (default: the `decision` trace entries of `player:<nation>` agents). */
  decisions?: PlayerDecision[];
}

/** Another run of the same scenario to compare with, e.g. the all-AI run of a drill. */
export interface ComparisonInput {
  /** How the report names it, e.g. `all-AI run`. */
  label: string;
  result: RunResult;
}

/** Everything a report is built from; `run --report`, `report <trace>` and drills all fill this. */
export interface ReportInput {
  /** The scenario as loaded (defaults applied), e.g. a trace header's `scenarioDocument`. */
  scenario: Scenario;
  result: RunResult;
  /** The run's trace entries (the `event` lines of a trace file). */
  trace: readonly TraceEntry[];
  /**
   * Need and supply per capability over time. Omitted: the run is replayed with the engine
   * (players' decisions from the trace) and the series used if the replay reproduces the
   * run's metrics exactly. null: the report says the series is unavailable.
   */
  needs?: NeedSeries | null;
  drill?: DrillInput;
  comparison?: ComparisonInput;
}

/** Both renderings of a report. */
export interface Report {
  html: string;
  markdown: string;
}
