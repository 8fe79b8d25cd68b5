import { createHash, type Hash } from 'node:crypto';
import type { TraceEntry } from '../metrics/trace.js';
import type { WorldState } from '../model/world.js';

/**
 * A short digest of everything a run has done and is: the whole trace so far (hashed as it
 * grows, so taking a fingerprint costs no re-hash of the past), the world state, the clock
 * and the decisions waiting. Two runs with equal fingerprints are in the same state; the
 * drill log stores one after every action so replay can prove it rebuilt the same run.
 */
export class RunFingerprint {
  private readonly trace: Hash = createHash('sha256');
  private entries = 0;

  /** A trace sink: feed it every trace entry of the run. */
  readonly sink = (entry: TraceEntry): void => {
    this.trace.update(JSON.stringify(entry));
    this.trace.update('\n');
    this.entries++;
  };

  /** Number of trace entries seen. */
  get traceLength(): number {
    return this.entries;
  }

  /** `sha256:<first 16 hex>` of trace, world, clock, pending decision ids and what the drill holds beside (`extra`). */
  digest(world: WorldState, nowHours: number, pendingIds: readonly number[], extra: unknown = null): string {
    const traceDigest = this.trace.copy().digest('hex');
    const state = JSON.stringify({ world, nowHours, pendingIds, traceEntries: this.entries, extra });
    return `sha256:${createHash('sha256').update(traceDigest).update(state).digest('hex').slice(0, 16)}`;
  }
}
