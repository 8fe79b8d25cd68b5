import { createHash } from 'node:crypto';
import { ENGINE } from '../version.js';
import type { FactorValue, StoppingRule } from './schema.js';

/**
 * The manifest of an experiment's results (`experiment.json`): everything needed to
 * plan, check, merge, summarize and plot its runs without the scenario files. Its hash
 * identifies the experiment: resume and merge refuse results of a different one.
 */
export interface ExperimentManifest {
  format: 'crisis-sim/experiment@1';
  engine: { name: string; version: string };
  experimentHash: string;
  id: string;
  name: string;
  question: string;
  design: string;
  seed: number;
  replications: number;
  stopping: StoppingRule | null;
  horizonHours: number | null;
  /** Each run's time series sampled every `everyHours` (the experiment file's `series`), or none. */
  series: { everyHours: number } | null;
  factors: { name: string; path: string | null; values: FactorValue[] }[];
  baselinePoint: number;
  points: { index: number; values: Record<string, FactorValue>; scenario: string; scenarioHash: string }[];
  columns: { name: string; censorable: boolean }[];
}

/** The manifest with its hash filled in (the hash covers every other field). */
export function sealManifest(manifest: Omit<ExperimentManifest, 'experimentHash' | 'format' | 'engine'>): ExperimentManifest {
  const body = { format: 'crisis-sim/experiment@1' as const, engine: { ...ENGINE }, ...manifest };
  return { format: body.format, engine: body.engine, experimentHash: manifestHash(body), ...manifest };
}

/** The hash of a manifest's other fields, in their order: what `experimentHash` must be. */
export function manifestHash(body: Omit<ExperimentManifest, 'experimentHash'>): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`;
}

/**
 * The seed of replication `replication`: the same in every design point (common random
 * numbers), derived from the master seed by SHA-256 so that master seeds 1 and 2 share
 * no replication. A safe integer below 2^48.
 */
export function replicationSeed(masterSeed: number, replication: number): number {
  return Number.parseInt(createHash('sha256').update(`crisis-sim/replication/${masterSeed}/${replication}`).digest('hex').slice(0, 12), 16);
}

/** Run index of (design point, replication): replication-major, so every arm advances together. */
export function runIndex(manifest: Pick<ExperimentManifest, 'points'>, point: number, replication: number): number {
  return replication * manifest.points.length + point;
}
