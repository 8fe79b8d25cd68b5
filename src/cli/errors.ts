import { DecisionError } from '../engine/decisions.js';
import { InputFileError } from '../guard/input-file.js';
import { EventLimitError } from '../kernel/kernel.js';
import { describeErrno, FileWriteError } from '../guard/output-file.js';
import { terminalSafe } from '../guard/terminal-text.js';
import { parseDuration } from '../scenario/duration.js';
import { formatIssue, ScenarioError } from '../scenario/issues.js';
import { SCENARIO_LIMITS } from '../scenario/limits.js';

/** A mistake in what the user asked for: printed as one clear message, no stack trace. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/**
 * What a command's failure prints and its exit code, or undefined for a bug in crisis-sim
 * (which keeps its stack trace). Separate from {@link guarded} so that tests (and the
 * fuzzers) check every command's error path in-process.
 */
export function errorReport(error: unknown): { text: string; exitCode: number } | undefined {
  if (error instanceof ScenarioError) return { text: error.issues.map((issue) => `${formatIssue(issue)}\n`).join(''), exitCode: 1 };
  if (error instanceof UserError) return { text: `crisis-sim: ${error.message}\n`, exitCode: error.exitCode };
  if (error instanceof DecisionError || error instanceof FileWriteError || error instanceof InputFileError || error instanceof EventLimitError) return { text: `crisis-sim: ${error.message}\n`, exitCode: 1 };
  if (isSystemError(error)) {
    // The environment refused (a path that is a file, a folder without permission...).
    return { text: `crisis-sim: cannot ${error.syscall} ${error.path ?? ''}: ${describeErrno(error)}\n`, exitCode: 1 };
  }
  return undefined;
}

/**
 * Runs a command body and turns user mistakes and file-system refusals into one message on
 * stderr (terminal control characters escaped) and an exit code. Anything else is a bug in
 * crisis-sim and keeps its stack trace.
 */
export async function guarded(body: () => Promise<void> | void): Promise<void> {
  try {
    await body();
  } catch (error) {
    const report = errorReport(error);
    if (report === undefined) throw error;
    process.stderr.write(terminalSafe(report.text));
    process.exitCode = report.exitCode;
  }
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException & { syscall: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** Parses a non-negative integer option such as --seed. */
export function parseSeed(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new UserError(`--seed must be a non-negative integer, got "${value}"`);
  return Number(value);
}

/** Parses a positive duration such as --until, in the tool's one duration syntax (`720`, `30d`, `T+2d12h`). */
export function parseHours(value: string, option: string): number {
  const reading = parseDuration(value);
  if ('error' in reading || !(reading.hours > 0)) throw new UserError(`${option} must be a positive duration (hours, or e.g. 30d, 1d12h, T+48h), got "${value}"`);
  if (reading.hours > SCENARIO_LIMITS.maxHorizonHours) throw new UserError(`${option} must be at most ${SCENARIO_LIMITS.maxHorizonHours} hours (ten years), got "${value}"`);
  return reading.hours;
}
