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

/** One row of the Improvement Plan matrix (HSEEP). */
export interface ImprovementRow {
  /** Stable id: `task:<critical task id>`, `inject:<inject id>` or `choice:<nation>:<kind>:<n>` (the n-th choice of that kind), so a filled-in plan finds its row again. */
  id: string;
  capability: string;
  issue: string;
  correctiveAction: string;
  organization: string;
  contact: string;
  startDate: string;
  completionDate: string;
}

/** A team's choice (a decision, or an own-words action that pulled an engine lever) and what followed in the drill. */
export interface TeamChoiceRecord {
  /** A decision the engine asked for, or an action in the team's own words. */
  source: 'decision' | 'own words';
  nation: string;
  /** The decision kind (`consent`, `act`...) or the engine lever (`talks`, `cell`...): the critical tasks' `decisions:` file it. */
  kind: string;
  /** The option chosen, or the team's words. */
  choice: string;
  atHours: number;
  /** What followed, where the model can say it: a strength, an area for improvement, or context. */
  consequence?: { text: string; kind: 'strength' | 'improvement' | 'context' };
}

/** What an exercise's evaluation recorded, from the drill log; the report turns it into an AAR/IP. */
export interface ExerciseRecord {
  /** `Day 2, 14:00 (T+21 h)` for a time, with the scenario's clock. */
  clock: (hours: number) => string;
  /** How to rebuild this report: the drill log replayed. */
  reproduce: string;
  closedAtHours: number;
  ratings: { task: string; rating: 'P' | 'S' | 'M' | 'U'; observation: string; atHours: number }[];
  /** Expected actions marked by evaluators, with the inject's title, expected action and critical tasks (MSEL or written live). */
  observations: { inject: string; title: string; expectedAction: string; tasks: string[]; status: 'observed' | 'partly' | 'not-observed'; what: string; atHours: number }[];
  /** Teams' actions in their own words. */
  actions: { nation: string; text: string; lever?: string; atHours: number }[];
  /** The teams' decisions and the own-words actions that pulled a lever, with their consequences. */
  teamChoices: TeamChoiceRecord[];
  notes: { text: string; kind: 'note' | 'hotwash'; atHours: number }[];
  skipped: { inject: string; reason: string; atHours: number }[];
  /** The Improvement Plan: rows drawn from the evaluation, with what the planning team filled in. */
  plan: ImprovementRow[];
}

/** Drill material for the report: players' decisions, shown next to the MSEL's expected actions. */
export interface DrillInput {
  /** Present for a report built from a drill log: the AAR/IP sections. */
  exercise?: ExerciseRecord;
  /** Nations played by people (default: those with `player:<nation>` decisions in the trace). */
  players?: string[];
  /** Decisions taken (default: the `decision` trace entries of `player:<nation>` agents). */
  decisions?: PlayerDecision[];
}

/** Another run of the same scenario to compare with, e.g. the engine-only baseline of a drill. */
export interface ComparisonInput {
  /** How the report names it, e.g. `engine-only baseline`. */
  label: string;
  /** A sentence on how to read it, shown with the comparison. */
  note?: string;
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
