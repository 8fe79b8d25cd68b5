import { renameSync, writeFileSync } from 'node:fs';
import type { TraceEntry } from './trace.js';

/**
 * Writes a file atomically: to a temporary sibling first, then renamed over the target,
 * so an interrupted write never leaves a half-written file where a good one stood.
 */
export function writeFileAtomic(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

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
