import { morrisDesign, morrisIndices, sobolIndices } from './global-sensitivity.js';
import { pointResponses, type Response } from './responses.js';
import { meanOf } from './statistics.js';
import type { Estimate } from './survival.js';
import type { ResultTable } from './table.js';

/**
 * Morris and Sobol indices of an experiment run with a `morris` or `sobol` design: each
 * design point's response is its mean over the replications (common random numbers, so
 * the noise is shared between points), fed to the estimators in design order. The unit
 * design is rebuilt from the manifest's master seed, exactly as the points were drawn.
 */

/** One index of one factor: `muStar`, `mu`, `sigma` (Morris) or `firstOrder`, `total` (Sobol). */
export interface IndexEstimate extends Estimate {
  factor: string;
  index: 'muStar' | 'mu' | 'sigma' | 'firstOrder' | 'total';
}

/** The global sensitivity indices of a response; empty for other designs or when an arm has no response. */
export function globalIndices(table: ResultTable, column: number, response: Response, horizon: number | null): IndexEstimate[] {
  const manifest = table.manifest;
  const k = manifest.factors.length;
  if ((manifest.design !== 'morris' && manifest.design !== 'sobol') || k === 0) return [];
  const means = manifest.points.map((point) => {
    const values = pointResponses(table, point.index, column, response, horizon);
    return values.length === 0 ? null : meanOf(values);
  });
  if (means.some((mean) => mean === null)) return [];
  const responses = means as number[];
  const seed = String(manifest.seed);
  const names = manifest.factors.map((factor) => factor.name);
  if (manifest.design === 'morris') {
    const trajectories = manifest.points.length / (k + 1);
    return morrisIndices(morrisDesign(trajectories, k, seed), responses, k, seed).flatMap((indices, j) => [
      { factor: names[j]!, index: 'muStar' as const, ...indices.muStar },
      { factor: names[j]!, index: 'mu' as const, estimate: indices.mu, ci95Low: null, ci95High: null },
      { factor: names[j]!, index: 'sigma' as const, estimate: indices.sigma, ci95Low: null, ci95High: null },
    ]);
  }
  return sobolIndices(responses, manifest.points.length / (k + 2), k, seed).flatMap((indices, j) => [
    { factor: names[j]!, index: 'firstOrder' as const, ...indices.first },
    { factor: names[j]!, index: 'total' as const, ...indices.total },
  ]);
}
