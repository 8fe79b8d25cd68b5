import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { INPUT_BYTE_LIMITS, InputFileError, readInputText } from '../guard/input-file.js';
import { z } from 'zod';
import { DrillError } from './errors.js';

/**
 * The drill's decision log: JSON Lines, one header line with provenance, then one line
 * per action in the order it happened. It is a write-ahead log: every line is appended
 * and flushed to disk (fsync) before the action is applied to the run or shown, so a
 * crash never loses a decision; replaying the actions against the same scenario and seed
 * rebuilds the exact state.
 */

export const DRILL_LOG_FORMAT = 'crisis-sim-drill-log';
/**
 * 2: MSEL injects are held for the facilitator (deliver, skip, re-time); undo takes back any action.
 * 3: written ahead: an action's fingerprint is of the state it was taken in (before it applied).
 * 4: every action but notes and plans must carry its fingerprint, `end` included (the state the run closed in).
 */
export const DRILL_LOG_VERSION = 4;

const injectLike = z.record(z.string(), z.unknown());

const headerSchema = z.object({
  type: z.literal('header'),
  format: z.literal(DRILL_LOG_FORMAT),
  formatVersion: z.literal(DRILL_LOG_VERSION),
  engine: z.object({ name: z.string(), version: z.string() }),
  scenario: z.string(),
  scenarioName: z.string(),
  scenarioHash: z.string(),
  /** The scenario file as given on the command line (for people; replay uses the copy below). */
  scenarioPath: z.string(),
  seed: z.number().int().nonnegative(),
  players: z.array(z.string()).min(1),
  horizonHours: z.number().positive(),
  /** The scenario as loaded (defaults filled): resume needs nothing but the log. */
  scenarioDocument: z.record(z.string(), z.unknown()),
});
export type DrillLogHeader = z.infer<typeof headerSchema>;

/** Actions that record what was said or planned, not what was done: no fingerprint, never undone. */
export const UNSTAMPED_ACTIONS = ['note', 'plan'] as const;

/** Whether an action of this type carries the fingerprint of the state it was taken in. */
export function isStamped(type: DrillActionType): boolean {
  return !(UNSTAMPED_ACTIONS as readonly string[]).includes(type);
}

/**
 * Fields every action carries: the simulated time it was taken at and, for actions undo
 * can take back, the fingerprint of the state it was taken in (the line is written before
 * the action applies; replay checks it before applying the action). The fingerprint is
 * required: a log whose fingerprints were deleted cannot prove its replay, and edited
 * decisions would replay unnoticed.
 */
const stamped = {
  atHours: z.number().nonnegative(),
  fingerprint: z.string({ error: (issue) => (issue.input === undefined ? 'missing: without it the replay cannot be verified (was the log edited?)' : undefined) }),
};
/** Fields of a note or an imported plan (UNSTAMPED_ACTIONS). */
const timed = { atHours: z.number().nonnegative() };

/** One row of the Improvement Plan matrix. */
export const improvementRowSchema = z.object({
  id: z.string(),
  capability: z.string(),
  issue: z.string(),
  correctiveAction: z.string(),
  organization: z.string(),
  contact: z.string(),
  startDate: z.string(),
  completionDate: z.string(),
});

const actionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('decide'),
    ...stamped,
    decision: z.number().int().positive(),
    nation: z.string(),
    kind: z.string(),
    choice: z.string(),
    recommended: z.string(),
    askedAtHours: z.number(),
    subject: z.string().optional(),
  }),
  z.object({ type: z.literal('advance'), ...stamped, untilHours: z.number().positive() }),
  /** An MSEL inject delivered: when due, or early. */
  z.object({ type: z.literal('fire'), ...stamped, inject: z.string() }),
  z.object({ type: z.literal('skip'), ...stamped, inject: z.string(), reason: z.string() }),
  z.object({ type: z.literal('retime'), ...stamped, inject: z.string(), dueHours: z.number().nonnegative() }),
  z.object({ type: z.literal('inject'), ...stamped, inject: injectLike }),
  /** `hotwash`: said in the hot wash right after play; both go into the after-action report. */
  z.object({ type: z.literal('note'), ...timed, text: z.string(), kind: z.enum(['note', 'hotwash']).optional() }),
  /** An evaluator's rating of a critical task (Exercise Evaluation Guide). */
  z.object({ type: z.literal('rate'), ...stamped, task: z.string(), rating: z.enum(['P', 'S', 'M', 'U']), observation: z.string() }),
  /** Whether an inject's expected action was observed, and what the team actually did. */
  z.object({ type: z.literal('observe'), ...stamped, inject: z.string(), status: z.enum(['observed', 'partly', 'not-observed']), what: z.string() }),
  /**
   * A team's action in its own words; when it matched an engine lever, `effect` (an inject's
   * effect: hotline, funding) or `engineAction` (the engine's team action: talks, cell,
   * re-tasking), which then takes effect.
   */
  z.object({ type: z.literal('act'), ...stamped, nation: z.string(), text: z.string(), lever: z.string().optional(), effect: injectLike.optional(), engineAction: injectLike.optional() }),
  /** The Improvement Plan as the planning team filled it in (`crisis-sim ip import`); the latest counts. */
  z.object({ type: z.literal('plan'), ...timed, rows: z.array(improvementRowSchema) }),
  z.object({ type: z.literal('undo'), ...stamped }),
  z.object({ type: z.literal('end'), ...stamped }),
]);
export type DrillAction = z.infer<typeof actionSchema>;
export type DrillActionType = DrillAction['type'];

/** A log as read back: its header and every action line, undone ones included. */
export interface DrillLog {
  header: DrillLogHeader;
  actions: DrillAction[];
}

/** Appends log lines durably: each line is written and fsync'ed before `append` returns. */
export class DrillLogWriter {
  private constructor(
    private readonly fd: number,
    readonly path: string,
    /** Bytes of complete lines in the file: where the next line goes. */
    private bytes: number,
  ) {}

  /** Creates a new log with its header; refuses to overwrite an existing file. */
  static create(path: string, header: DrillLogHeader): DrillLogWriter {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new DrillError(`${path} already exists: resume it with --resume ${path}, or choose another file with --log`);
      }
      throw new DrillError(`cannot create the drill log ${path}: ${(cause as Error).message}`);
    }
    const writer = new DrillLogWriter(fd, path, 0);
    writer.writeLine(header);
    return writer;
  }

  /**
   * Opens an existing log to append to it (after resume). A last line without its newline
   * is settled as {@link readDrillLog} read it: one torn by a crash (not JSON, ignored) is
   * cut off, a whole one gets its newline; either way the next line starts on its own.
   */
  static reopen(path: string): DrillLogWriter {
    const fd = openSync(path, 'r+');
    const size = fstatSync(fd).size;
    const complete = completeLinesBytes(fd, size);
    const writer = new DrillLogWriter(fd, path, complete);
    if (complete === size) return writer;
    const tail = Buffer.alloc(size - complete);
    readSync(fd, tail, 0, tail.length, complete);
    if (isJson(tail.toString('utf8'))) {
      writer.bytes = size;
      writer.writeRaw(Buffer.from('\n'));
    } else writer.takeBack(complete);
    return writer;
  }

  /** Appends one action line (flushed); returns where it starts, for {@link takeBack}. */
  append(action: DrillAction): number {
    const start = this.bytes;
    this.writeLine(action);
    return start;
  }

  /** Removes the lines from `start` on (an action that failed to apply after it was written). */
  takeBack(start: number): void {
    ftruncateSync(this.fd, start);
    fsyncSync(this.fd);
    this.bytes = start;
  }

  close(): void {
    closeSync(this.fd);
  }

  private writeLine(value: unknown): void {
    this.writeRaw(Buffer.from(`${JSON.stringify(value)}\n`));
  }

  private writeRaw(bytes: Buffer): void {
    writeSync(this.fd, bytes, 0, bytes.length, this.bytes);
    fsyncSync(this.fd);
    this.bytes += bytes.length;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Bytes up to and including the file's last newline. */
function completeLinesBytes(fd: number, size: number): number {
  const chunk = Buffer.alloc(4096);
  for (let end = size; end > 0; end -= chunk.length) {
    const start = Math.max(0, end - chunk.length);
    const read = readSync(fd, chunk, 0, end - start, start);
    const newline = chunk.subarray(0, read).lastIndexOf(0x0a);
    if (newline >= 0) return start + newline + 1;
  }
  return 0;
}

/**
 * Reads a drill log. A last line cut short by a crash is ignored (it was never confirmed);
 * any other bad line is an error naming file:line and what is wrong.
 */
export function readDrillLog(path: string): DrillLog {
  let text: string;
  try {
    text = readInputText(path, INPUT_BYTE_LIMITS.drillLog);
  } catch (cause) {
    if (cause instanceof InputFileError) throw new DrillError(`${path}: cannot read the drill log: ${cause.reason}`);
    throw cause;
  }
  const lines = text.split('\n');
  const complete = text.endsWith('\n') ? lines.slice(0, -1) : lines;
  const torn = text.endsWith('\n') ? undefined : complete.length;
  let header: DrillLogHeader | undefined;
  const actions: DrillAction[] = [];
  for (let index = 0; index < complete.length; index++) {
    const line = complete[index]!;
    const where = `${path}:${index + 1}:1`;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (index + 1 === torn) break;
      throw new DrillError(`${where}: not a JSON line`);
    }
    if (header === undefined) {
      const version = (value as { formatVersion?: unknown } | null)?.formatVersion;
      if (typeof version === 'number' && version !== DRILL_LOG_VERSION) {
        throw new DrillError(`${where}: drill log format ${version}; this crisis-sim reads format ${DRILL_LOG_VERSION} (replay the log with the crisis-sim version that wrote it)`);
      }
      const parsed = headerSchema.safeParse(value);
      if (!parsed.success) throw new DrillError(`${where}: not a crisis-sim drill log header (${describeZodError(parsed.error)})`);
      header = parsed.data;
      continue;
    }
    const parsed = actionSchema.safeParse(value);
    if (!parsed.success) throw new DrillError(`${where}: bad drill log entry (${describeZodError(parsed.error)})`);
    actions.push(parsed.data);
  }
  if (header === undefined) throw new DrillError(`${path}:1:1: the drill log is empty (no header line)`);
  return { header, actions };
}

/** Whether a file starts like a drill log (its header names the format); false for a trace or anything else. */
export function looksLikeDrillLog(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const buffer = Buffer.alloc(512);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('utf8').includes(`"format":"${DRILL_LOG_FORMAT}"`);
  } finally {
    closeSync(fd);
  }
}

/** Writes a whole log (header and actions) in one go, e.g. a compacted copy for `save`. */
export function drillLogText(log: DrillLog): string {
  return [log.header, ...log.actions].map((line) => JSON.stringify(line)).join('\n') + '\n';
}

/**
 * The actions in force after undos: each `undo` takes back the latest action still in
 * force, time jumps included. Notes are never undone (they record what the room said);
 * `end` markers are dropped (a resumed drill goes on).
 */
export function actionsInForce(actions: readonly DrillAction[]): DrillAction[] {
  const inForce: DrillAction[] = [];
  for (const action of actions) {
    if (action.type === 'end') continue;
    if (action.type !== 'undo') {
      inForce.push(action);
      continue;
    }
    const last = lastUndoableIndex(inForce);
    if (last >= 0) inForce.splice(last, 1);
  }
  return inForce;
}

/** Index of the latest action undo would take back (anything but a note or an imported plan), or -1. */
export function lastUndoableIndex(actions: readonly DrillAction[]): number {
  for (let index = actions.length - 1; index >= 0; index--) if (isStamped(actions[index]!.type)) return index;
  return -1;
}

function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const field = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${field}${issue.message}`;
}
