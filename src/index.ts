/**
 * The public API of crisis-sim. Every export is listed by name (no `export *`), so what
 * is public is decided here, on purpose, and nothing internal leaks by accident.
 */
export { Kernel, TimeTravelError, InvalidTimeError, EventLimitError, MAX_EVENTS_PER_RUN } from './kernel/kernel.js';
export type { KernelAction, KernelHandler } from './kernel/kernel.js';
export { EventQueue } from './kernel/event-queue.js';
export { Resource } from './kernel/resource.js';
export type { ResourceStatistics, ResourceClock } from './kernel/resource.js';
export { RandomStream, RandomStreams } from './kernel/random.js';

export { scenarioSchema, injectSchema } from './scenario/schema.js';
export type { Scenario, ScenarioInput, Nation, Relation, Organization, Crisis, Inject, InjectEffect, Delay, CrisisKind, Port, Source } from './scenario/schema.js';
export { modelRules, type ModelRule } from './scenario/model-rules.js';
export { loadScenarioFile, loadScenarioText, checkScenarioText, checkScenarioFile } from './scenario/load.js';
export { hashScenario } from './scenario/hash.js';
export type { LoadedScenario, ScenarioCheck } from './scenario/load.js';
export { ScenarioError, formatIssue, formatPath } from './scenario/issues.js';
export type { ScenarioIssue, SourcePosition } from './scenario/issues.js';
export { scenarioJsonSchema, scenarioJsonSchemaText } from './scenario/json-schema.js';
export { newScenarioText, CRISIS_KINDS } from './scenario/templates.js';
export { injectsToMsel } from './msel/export.js';
export { mselToInjects } from './msel/import.js';
export type { MselImport, MselRow } from './msel/import.js';
export { replaceInjects } from './msel/into-scenario.js';
export { MSEL_COLUMNS } from './msel/columns.js';
export type { MselColumn } from './msel/columns.js';

export { Simulation } from './engine/simulation.js';
export { stateName } from './agents/state-name.js';
export type { SimulationOptions } from './engine/simulation.js';
export { TeamActionRefused, teamActionSchema } from './engine/teams/team-actions.js';
export type { TeamAction } from './engine/teams/team-actions.js';
export { RETASKING } from './model/retasking.js';
export { runScenario, provenanceOf, roundNumbers } from './engine/run.js';
export type { RunResult, RunOptions, Provenance } from './engine/run.js';
export { DecisionError } from './engine/decisions.js';
export type { DecisionKind, DecisionRequest } from './engine/decisions.js';

export { RUN_METRICS, NATION_MILESTONES, STALL_CAUSES, STALL_CAUSE_BY_STATE, PORT_METRICS, LIFT_METRICS } from './metrics/definitions.js';
export type { RunMetrics, NationMetrics, StallCause, PortMetrics, LiftMetrics } from './metrics/definitions.js';
export type { PhaseInterval } from './metrics/recorder.js';
export type { TraceEntry, TraceSink } from './metrics/trace.js';

export { buildReport } from './report/build.js';
export type { Report, ReportInput, DrillInput, PlayerDecision, ComparisonInput } from './report/input.js';
export { needSeriesOf, replayNeedSeries } from './report/need-series.js';
export type { NeedSeries, NeedSegment, ReplaySource } from './report/need-series.js';
export { readTraceFile, parseTrace, TraceFileError } from './report/trace-input.js';
export type { TraceFileRun } from './report/trace-input.js';
export { reportFormatOf, writeReport, ReportFormatError } from './report/write.js';
export type { ReportFormat } from './report/write.js';

export { loadExperimentFile, loadExperimentText } from './experiment/load.js';
export type { Experiment, PreparedPoint } from './experiment/load.js';
export { experimentSchema } from './experiment/schema.js';
export type { ExperimentDefinition, Factor, StoppingRule, FactorValue } from './experiment/schema.js';
export { runExperiment } from './experiment/run-experiment.js';
export type { RunExperimentOptions } from './experiment/run-experiment.js';
export { runBatch } from './experiment/batch.js';
export type { BatchOptions, BatchSummary } from './experiment/batch.js';
export { mergeResults } from './experiment/merge.js';
export { writeParquet } from './experiment/parquet.js';
export { plotResults } from './experiment/plot-dir.js';
export { readManifest, readJournal, ResultsError, RESULT_FILES } from './experiment/results-dir.js';
export type { ExperimentManifest } from './experiment/manifest.js';
export { replicationSeed } from './experiment/manifest.js';
export type { ExperimentRun, RunOutcome, ValueStatus } from './experiment/records.js';
export { stoppingHalfWidth } from './experiment/plan.js';
export type { Shard, StoppingObservation } from './experiment/plan.js';
export { describe as describeSample, studentTQuantile } from './experiment/statistics.js';
export type { Description } from './experiment/statistics.js';
export { kaplanMeier, kaplanMeierQuantile, restrictedMean } from './experiment/survival.js';
export type { KaplanMeierCurve, Estimate, RestrictedMean } from './experiment/survival.js';
export { wilsonInterval, pairedShareDifference } from './experiment/proportions.js';
export type { PairedCounts } from './experiment/proportions.js';
export { summarizeMilestone, pairedMilestone } from './experiment/milestones.js';
export { morrisDesign, morrisIndices, saltelliDesign, sobolIndices } from './experiment/global-sensitivity.js';
export type { MorrisIndices, SobolIndices } from './experiment/global-sensitivity.js';
export type { MilestoneSample, MilestoneSummary, PairedMilestone } from './experiment/milestones.js';

export { DrillSession } from './drill/session.js';
export type { DrillStart } from './drill/session.js';
export { DrillConsole } from './drill/console.js';
export type { DrillConsoleOptions, DrillConsoleResult } from './drill/console.js';
export { DrillError } from './drill/errors.js';
export { readDrillLog, actionsInForce, DRILL_LOG_FORMAT } from './drill/log.js';
export type { DrillLog, DrillLogHeader, DrillAction } from './drill/log.js';
export { closeDrill } from './drill/outcome.js';
export type { DrillOutcome, ClosedRun, TakenDecision } from './drill/outcome.js';
export { drillDebriefMarkdown } from './drill/debrief.js';
export { writeHandOuts } from './drill/hand-out.js';
export type { HandOutPaths } from './drill/hand-out.js';
export { runSessionCommand, DEFAULT_COMMAND_SETTINGS } from './drill/session-command.js';
export type { SessionCommand, SessionReply, TimeCommand, CommandSettings } from './drill/session-command.js';
export { drillView, injectCard, situationOf, DRILL_ROLES, ROLE_SEES } from './drill/session-view.js';
export type { DrillView, DrillRole, DecisionView, InjectCard, SituationView, ModuleView, ViewOptions } from './drill/session-view.js';
export { viewText } from './drill/render-text.js';
export { readClock, onsetText } from './drill/scenario-clock.js';
export type { ClockReading } from './drill/scenario-clock.js';
export type { HeldInject } from './drill/replay.js';
export type { ScenarioClock, ExerciseModule, Evaluation, CriticalTask } from './scenario/exercise.js';
export { parseCommand, parseDuration } from './drill/commands.js';
export type { DrillCommand } from './drill/commands.js';
// The web exercise console (`crisis-sim serve`): the drill session served to browsers.
export { startWebConsole, isLoopback } from './web/console.js';
export type { WebConsole, WebConsoleOptions } from './web/console.js';
export { WebExercise, WebError } from './web/exercise.js';
export type { EndedExercise } from './web/exercise.js';
export { commandSchema } from './web/commands.js';
export type { WebCommand } from './web/commands.js';
export type { Role } from './web/roles.js';

export { ENGINE } from './version.js';
