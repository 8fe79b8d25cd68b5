import { createHash } from 'node:crypto';
import type { Scenario } from './schema.js';

/**
 * The canonical hash of a validated scenario: the provenance every result records. In a
 * module of its own so that running the engine (batch workers) does not load the parser
 * and the schema library.
 */
export function hashScenario(scenario: Scenario): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(scenario)).digest('hex')}`;
}
