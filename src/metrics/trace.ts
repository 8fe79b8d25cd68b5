/** One line of a run's event trace: what happened, to whom, when (simulated hours). */
export interface TraceEntry {
  t: number;
  /** `nation:usa`, `host:hti`, `org:caricom`, `crisis`, `inject`, `world`, `player`. */
  agent: string;
  event: string;
  from?: string;
  to?: string;
  data?: Record<string, unknown>;
}

/** Receives trace entries as they happen. */
export type TraceSink = (entry: TraceEntry) => void;
