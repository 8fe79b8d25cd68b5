import { z } from 'zod';
import { INPUT_BYTE_LIMITS, InputFileError, readInputText } from '../guard/input-file.js';
import { manifestHash, type ExperimentManifest } from './manifest.js';
import type { Shard } from './plan.js';
import { ResultsError } from './results-files.js';

/**
 * Reading a results folder's experiment.json and shard.json back: a file that is not
 * JSON, not a manifest, or whose content no longer matches its own hash (edited or
 * damaged) is refused with one line naming it, never crashes `plot`, `merge` or
 * `batch --resume`.
 */

/**
 * The outline of a manifest; the rest of its shape is vouched for by its hash (a manifest
 * is only ever written by sealManifest), so this stays loose as the manifest grows.
 */
const manifestSchema = z.looseObject({
  format: z.literal('crisis-sim/experiment@1'),
  engine: z.object({ name: z.string(), version: z.string() }),
  experimentHash: z.string(),
  id: z.string(),
  factors: z.array(z.looseObject({ name: z.string() })),
  points: z.array(z.looseObject({ index: z.number().int().nonnegative() })).min(1),
  columns: z.array(z.looseObject({ name: z.string() })),
});

const shardSchema = z.object({ index: z.number().int().positive(), count: z.number().int().positive() }).refine((shard) => shard.index <= shard.count);

function resultsInput<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InputFileError) throw new ResultsError(error.message);
    throw error;
  }
}

function readJson(path: string): unknown {
  const text = resultsInput(() => readInputText(path, INPUT_BYTE_LIMITS.manifest));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ResultsError(`${path}: not valid JSON (${(error as Error).message}); the file is damaged`);
  }
}

/** Parses an experiment.json; refuses anything but an intact manifest. */
export function readManifestFile(path: string): ExperimentManifest {
  const value = readJson(path);
  const format = typeof value === 'object' && value !== null ? (value as { format?: unknown }).format : undefined;
  if (format !== undefined && format !== 'crisis-sim/experiment@1') throw new ResultsError(`${path}: unknown format ${JSON.stringify(format)}`);
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ResultsError(`${path}: not a crisis-sim experiment manifest (${issue.path.join('.') || 'the file'}: ${issue.message}); the file is damaged`);
  }
  const { experimentHash, ...body } = value as ExperimentManifest;
  if (manifestHash(body) !== experimentHash) throw new ResultsError(`${path}: its content does not match its experimentHash; the file was edited or damaged`);
  return value as ExperimentManifest;
}

/** Parses a shard.json. */
export function readShardFile(path: string): Shard {
  const parsed = shardSchema.safeParse(readJson(path));
  if (!parsed.success) throw new ResultsError(`${path}: not a shard description ({"index": K, "count": N} with 1 <= K <= N); the file is damaged`);
  return parsed.data;
}
