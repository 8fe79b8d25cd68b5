import { INPUT_BYTE_LIMITS, InputFileError, readInputText } from '../guard/input-file.js';
import { z } from 'zod';
import type { RunResult } from '../engine/run.js';
import { NATION_MILESTONES, SKIPPABLE_RUN_MILESTONES, STALL_CAUSES } from '../metrics/definitions.js';
import type { TraceEntry } from '../metrics/trace.js';
import { hashScenario } from '../scenario/hash.js';
import { formatPath } from '../scenario/issues.js';
import { scenarioSchema, type Scenario } from '../scenario/schema.js';

/** A trace file that cannot be read as a run; the message names file:line and what is wrong. */
export class TraceFileError extends Error {
  override name = 'TraceFileError';
}

/** A run as read back from a trace file. */
export interface TraceFileRun {
  scenario: Scenario;
  result: RunResult;
  trace: TraceEntry[];
}

type NationMilestoneName = (typeof NATION_MILESTONES)[number]['name'];
const hoursOrNull = z.number().nullable();
const nationMetricsSchema = z.object({
  detectHours: hoursOrNull,
  decideHours: hoursOrNull,
  authorizeHours: hoursOrNull,
  mandateHours: hoursOrNull,
  consentHours: hoursOrNull,
  firstDeployHours: hoursOrNull,
  fullDeployHours: hoursOrNull,
  // Absent in traces written before milestones could be marked not applicable.
  notApplicable: z.array(z.enum(NATION_MILESTONES.map((milestone) => milestone.name) as [NationMilestoneName, ...NationMilestoneName[]])).default([]),
  // `logistics` is absent in traces written before ports of entry existed (issue 12).
  stallHours: z.object(Object.fromEntries(STALL_CAUSES.map((cause) => [cause, cause === 'logistics' || cause === 'clearance' ? z.number().default(0) : z.number()])) as Record<(typeof STALL_CAUSES)[number], z.ZodDefault<z.ZodNumber> | z.ZodNumber>),
  unitsDelivered: z.number(),
  cost: z.number(),
  declined: z.boolean(),
  conditions: z.array(z.string()),
  talksHeld: z.number(),
});

const relationMetricsSchema = z.object({ between: z.tuple([z.string(), z.string()]), trustStart: z.number(), trustEnd: z.number(), trustMin: z.number(), talks: z.number() });
const mediationMetricsSchema = z.object({
  host: z.string(),
  mediator: z.string(),
  outcome: z.enum(['accepted', 'failed', 'under-way']),
  startHours: z.number(),
  hours: hoursOrNull,
  rounds: z.number(),
});

/** One port's figures (PORT_METRICS). */
const portMetricsSchema = z.object({
  movements: z.number(),
  peakQueue: z.number(),
  meanWaitHours: z.number().nullable(),
  maxWaitHours: z.number().nullable(),
  diverted: z.number(),
});

/** The `summary` line: a RunResult. */
const summarySchema = z.object({
  engine: z.object({ name: z.string(), version: z.string() }),
  scenario: z.string(),
  scenarioHash: z.string(),
  kind: z.enum(['disaster', 'conflict', 'terrorism']),
  seed: z.number().int().nonnegative(),
  horizonHours: z.number().positive(),
  censoredAtHours: z.number(),
  metrics: z.object({
    firstResponseHours: hoursOrNull,
    // Absent in traces written before operation metrics existed (issue 12).
    operationHours: hoursOrNull.default(null),
    peakForeignPersonnel: z.number().default(0),
    foreignPersonnelDays: z.number().default(0),
    operationCostMusd: z.number().default(0),
    needsMet50Hours: hoursOrNull,
    needsMet90Hours: hoursOrNull,
    unmetNeedHours: z.number(),
    peakUnmetNeed: z.number(),
    escalations: z.number(),
    attacks: z.number(),
    nations: z.record(z.string(), nationMetricsSchema),
    // Absent in traces written before ports of entry existed (issue 12).
    ports: z.record(z.string(), portMetricsSchema).default({}),
    // Absent in traces written before strategic lift existed (issue 12).
    lift: z.record(z.string(), portMetricsSchema.omit({ diverted: true })).default({}),
    accessHours: hoursOrNull,
    mediationHours: hoursOrNull,
    incidents: z.number(),
    preparednessCostMusd: z.number(),
    relations: z.array(relationMetricsSchema),
    mediations: z.array(mediationMetricsSchema),
    notApplicable: z.array(z.enum(SKIPPABLE_RUN_MILESTONES)).optional(),
  }),
  timeline: z.array(z.object({ nation: z.string(), state: z.string(), startHours: z.number(), endHours: hoursOrNull, stallCause: z.enum(STALL_CAUSES).nullable() })),
});

/** What a field missing from the provenance means: the trace cannot be checked. */
const UNVERIFIABLE = {
  error: (issue: { input: unknown }) => (issue.input === undefined ? 'missing: without it the trace cannot be verified (was it edited?)' : undefined),
};

/** The `header` line: the run's provenance and the scenario as run (its hash is checked against it). */
const headerSchema = z.object({
  engine: z.object({ name: z.string(), version: z.string() }, UNVERIFIABLE),
  scenario: z.string(UNVERIFIABLE),
  scenarioHash: z.string(UNVERIFIABLE),
  seed: z.number(UNVERIFIABLE).int().nonnegative(),
  scenarioDocument: z.unknown(),
});
type TraceHeader = z.infer<typeof headerSchema>;

const eventSchema = z.object({
  t: z.number(),
  agent: z.string(),
  event: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

/** Reads a trace file written by `crisis-sim run --trace` (header, events, summary). */
export function readTraceFile(path: string): TraceFileRun {
  let text: string;
  try {
    text = readInputText(path, INPUT_BYTE_LIMITS.trace);
  } catch (error) {
    if (error instanceof InputFileError) throw new TraceFileError(`${path}: cannot read the trace file: ${error.reason}`);
    throw error;
  }
  return parseTrace(text, path);
}

/** Parses trace JSON Lines; `file` names the source in error messages. */
export function parseTrace(text: string, file: string): TraceFileRun {
  const lines = text.split('\n');
  let scenario: Scenario | undefined;
  let header: TraceHeader | undefined;
  let result: RunResult | undefined;
  const trace: TraceEntry[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    const where = `${file}:${index + 1}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new TraceFileError(`${where}: not a JSON object (is this a trace written by \`crisis-sim run --trace\`?)`);
    }
    const type = typeof record === 'object' && record !== null ? (record as { type?: unknown }).type : undefined;
    if (scenario === undefined && type !== 'header') throw new TraceFileError(`${where}: expected the trace's "header" line first, got ${JSON.stringify(type ?? null)}`);
    if (result !== undefined) throw new TraceFileError(`${where}: nothing may follow the "summary" line`);
    const { type: _type, ...body } = record as Record<string, unknown>;
    if (type === 'header') {
      header = checked(headerSchema, body, where);
      scenario = checked(scenarioSchema, header.scenarioDocument, `${where}: scenarioDocument`);
      if (hashScenario(scenario) !== header.scenarioHash) {
        throw new TraceFileError(`${where}: the scenario stored in the trace does not match its hash ${header.scenarioHash}: the trace was edited or damaged, or written by a crisis-sim whose scenario format differs (it says ${header.engine.name} ${header.engine.version})`);
      }
    } else if (type === 'event') trace.push(checked(eventSchema, body, where) as TraceEntry);
    else if (type === 'summary') result = sameRun(checked(summarySchema, body, where) as RunResult, header!, where);
    else throw new TraceFileError(`${where}: unknown line type ${JSON.stringify(type ?? null)}; expected "header", "event" or "summary"`);
  }
  if (scenario === undefined) throw new TraceFileError(`${file}: empty trace file`);
  if (result === undefined) throw new TraceFileError(`${file}: no "summary" line at the end (was the run interrupted?)`);
  return { scenario, result, trace };
}

/** The summary is of the run the header describes: same engine, scenario hash and seed. */
function sameRun(result: RunResult, header: TraceHeader, where: string): RunResult {
  const differs = (
    [
      ['engine', `${result.engine.name} ${result.engine.version}`, `${header.engine.name} ${header.engine.version}`],
      ['scenario hash', result.scenarioHash, header.scenarioHash],
      ['seed', String(result.seed), String(header.seed)],
    ] as const
  ).find(([, summary, head]) => summary !== head);
  if (differs) throw new TraceFileError(`${where}: the summary's ${differs[0]} (${differs[1]}) is not the header's (${differs[2]}); the trace was edited or put together from two runs`);
  return result;
}

function checked<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new TraceFileError(`${where}: ${formatPath(issue.path as (string | number)[]) || '(line)'}: ${issue.message}`);
}
