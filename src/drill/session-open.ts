import { hashScenario } from '../scenario/hash.js';
import type { LoadedScenario } from '../scenario/load.js';
import { scenarioSchema, type Scenario } from '../scenario/schema.js';
import { ENGINE } from '../version.js';
import { DrillError } from './errors.js';
import { DRILL_LOG_FORMAT, DRILL_LOG_VERSION, readDrillLog, type DrillAction, type DrillLogHeader } from './log.js';
import { checkPlayers } from './players.js';

/** What a drill needs to start: the scenario, the seed, who plays, and where to log. */
export interface DrillStart {
  loaded: LoadedScenario;
  seed: number;
  players: readonly string[];
  logPath: string;
  horizonHours?: number;
}

/** The log header of a new drill: provenance, the teams (checked), the horizon and the scenario as loaded, so resume needs only the log. */
export function drillHeader(options: DrillStart): DrillLogHeader {
  const { loaded, seed } = options;
  return {
    type: 'header',
    format: DRILL_LOG_FORMAT,
    formatVersion: DRILL_LOG_VERSION,
    engine: { ...ENGINE },
    scenario: loaded.scenario.id,
    scenarioName: loaded.scenario.name,
    scenarioHash: loaded.hash,
    scenarioPath: loaded.file,
    seed,
    players: checkPlayers(loaded.scenario, options.players),
    horizonHours: options.horizonHours ?? loaded.scenario.horizonHours,
    scenarioDocument: loaded.scenario as unknown as Record<string, unknown>,
  };
}

/**
 * A drill log read to resume or report: written by this engine version (another one could
 * replay differently), its stored scenario matching its hash.
 */
export function readCheckedLog(logPath: string): { header: DrillLogHeader; scenario: Scenario; actions: DrillAction[] } {
  const log = readDrillLog(logPath);
  const { header } = log;
  if (header.engine.version !== ENGINE.version) {
    throw new DrillError(`${logPath}: written by ${header.engine.name} ${header.engine.version}, this is ${ENGINE.version}; replay may differ, resume with that version`);
  }
  const parsed = scenarioSchema.safeParse(header.scenarioDocument);
  if (!parsed.success || hashScenario(parsed.data) !== header.scenarioHash) {
    throw new DrillError(`${logPath}:1:1: the scenario stored in the log does not match its hash ${header.scenarioHash}; the log is damaged`);
  }
  return { header, scenario: parsed.data, actions: log.actions };
}
