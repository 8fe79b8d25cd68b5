import type { Draft } from 'immer';
import { clamp01 } from '../../model/levers.js';
import type { WorldState } from '../../model/world.js';
import type { TraceEntry } from '../../metrics/trace.js';
import { relationDraft, type RelationLookups } from './relation-draft.js';
import { TRUST_RULES, type TrustCause } from './rules.js';

/** What the ledger needs from a run: current relations and the trace. */
export interface TrustLedgerPort extends RelationLookups {
  trace(agent: string, event: string, extra?: Omit<TraceEntry, 't' | 'agent' | 'event'>): void;
  /** Whether anyone traces (no `trust.changed` entry is built otherwise). */
  readonly tracing: boolean;
}

/** How trust between one pair moved during a run. */
export interface RelationRecord {
  between: [string, string];
  trustStart: number;
  trustEnd: number;
  trustMin: number;
  talks: number;
}

/**
 * The only way trust changes during a run: each change has a named cause, is clamped to
 * [0, 1], traced as `trust.changed`, and remembered per pair (start, lowest, talks) for
 * the run's `relations` metrics.
 */
export class TrustLedger {
  private readonly records = new Map<string, RelationRecord>();

  constructor(private readonly port: TrustLedgerPort) {}

  /**
   * Shifts trust between `a` and `b` inside a world change by `delta` (default: the
   * cause's size in {@link TRUST_RULES}). Returns the new trust.
   */
  shift(world: Draft<WorldState>, a: string, b: string, cause: TrustCause, delta: number = TRUST_RULES[cause]): number {
    const relation = relationDraft(world, a, b, this.port);
    const before = relation.trust;
    const after = clamp01(before + delta);
    relation.trust = after;
    const record = this.record(a, b, before);
    record.trustEnd = after;
    if (after < record.trustMin) record.trustMin = after;
    if (this.port.tracing) this.port.trace('world', 'trust.changed', { data: { between: record.between, cause, delta: after - before, trust: after } });
    return after;
  }

  /** Counts one round of talks between `a` and `b`. */
  noteTalks(a: string, b: string): void {
    this.record(a, b, this.port.trust(a, b)).talks++;
  }

  /** The record of a pair that moved, or undefined when it never did. */
  recordOf(a: string, b: string): RelationRecord | undefined {
    return this.records.get(this.port.relationKey(a, b));
  }

  /** Pairs whose trust changed or that held talks, in order of first change. */
  moved(): RelationRecord[] {
    return [...this.records.values()];
  }

  private record(a: string, b: string, trustNow: number): RelationRecord {
    const key = this.port.relationKey(a, b);
    let record = this.records.get(key);
    if (!record) {
      const between: [string, string] = a < b ? [a, b] : [b, a];
      record = { between, trustStart: trustNow, trustEnd: trustNow, trustMin: trustNow, talks: 0 };
      this.records.set(key, record);
    }
    return record;
  }
}
