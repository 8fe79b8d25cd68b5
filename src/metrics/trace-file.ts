import type { TraceEntry } from './trace.js';

/**
 * A trace as JSON Lines: a `header` line (provenance and the scenario as loaded), one
 * line per entry, and a `summary` line with the run's results.
 */
export function traceToJsonl(header: Record<string, unknown>, entries: readonly TraceEntry[], summary: Record<string, unknown>): string {
  const lines = [JSON.stringify({ type: 'header', ...header })];
  for (const entry of entries) lines.push(JSON.stringify({ type: 'event', ...entry }));
  lines.push(JSON.stringify({ type: 'summary', ...summary }));
  return `${lines.join('\n')}\n`;
}
