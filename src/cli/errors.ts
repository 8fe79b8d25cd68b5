import { DecisionError } from '../engine/decisions.js';
import { describeErrno, FileWriteError } from '../metrics/trace-file.js';
import { formatIssue, ScenarioError } from '../scenario/issues.js';

/** A mistake in what the user asked for: printed as one clear message, no stack trace. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/**
 * Runs a command body and turns user mistakes and file-system refusals into one message on
 * stderr and an exit code. Anything else is a bug in crisis-sim and keeps its stack trace.
 */
export async function guarded(body: () => Promise<void> | void): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof ScenarioError) {
      for (const issue of error.issues) process.stderr.write(`${formatIssue(issue)}\n`);
      process.exitCode = 1;
      return;
    }
    if (error instanceof UserError || error instanceof DecisionError || error instanceof FileWriteError) {
      process.stderr.write(`crisis-sim: ${error.message}\n`);
      process.exitCode = error instanceof UserError ? error.exitCode : 1;
      return;
    }
    if (isSystemError(error)) {
      // The environment refused (a path that is a file, a folder without permission...).
      process.stderr.write(`crisis-sim: cannot ${error.syscall} ${error.path ?? ''}: ${describeErrno(error)}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
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

/** Parses a positive number of hours such as --until. */
export function parseHours(value: string, option: string): number {
  const hours = Number(value);
  if (value.trim() === '' || !Number.isFinite(hours) || hours <= 0) throw new UserError(`${option} must be a positive number of hours, got "${value}"`);
  return hours;
}
