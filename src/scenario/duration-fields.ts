import type { z } from 'zod';
import { parseDuration } from './duration.js';
import { isRecord, schemaAt } from './schema-walk.js';
import type { SemanticProblem } from './semantic.js';

/**
 * Durations written as text in a scenario (`atHours: "9d"`, `detect: "1 day"`,
 * `readiness: { triangular: ["6h", "1d", "2d"] }`) read into hours before the schema sees
 * them, so every time field takes the one duration syntax of {@link parseDuration}. A
 * field is a duration when the schema gives it a number and its name ends in `Hours`, or
 * it is a delay (a number or a distribution of hours).
 */

type Schema = z.core.$ZodType;
type Path = (string | number)[];

const DELAY_KEYS = new Set(['triangular', 'uniform', 'median', 'mean']);

/** A copy of `data` with duration text turned into hours, and a problem for each text that is not a duration. */
export function readDurationFields(root: Schema, data: unknown): { data: unknown; problems: SemanticProblem[] } {
  const problems: SemanticProblem[] = [];
  const onset = onsetOf(data);
  const visit = (value: unknown, path: Path): unknown => {
    if (Array.isArray(value)) return value.map((item, index) => visit(item, [...path, index]));
    if (isRecord(value)) {
      const out: Record<string, unknown> = {};
      // defineProperty: a key such as `__proto__` stays plain data for the schema to reject.
      for (const [key, item] of Object.entries(value)) Object.defineProperty(out, key, { value: visit(item, [...path, key]), enumerable: true, writable: true, configurable: true });
      return out;
    }
    const kind = typeof value === 'string' ? durationKind(root, path, data) : undefined;
    if (typeof value !== 'string' || kind === undefined) return value;
    const reading = parseDuration(value, onset);
    // A field that also takes text (an experiment's factor values: `[refused, required]`) keeps text that is no duration.
    if ('error' in reading && kind === 'delay-or-text') return value;
    if ('error' in reading) {
      const message = kind === 'delay' ? `${reading.error}; or a distribution: {triangular: [min, mode, max]}, {lognormal: {median, sigma}}, {exponential: {mean}}, {uniform: [min, max]}` : reading.error;
      problems.push({ severity: 'error', code: 'schema.duration', message, path });
      return value;
    }
    return reading.hours;
  };
  return { data: visit(data, []), problems };
}

/**
 * `hours` for a number-of-hours field, `delay` for a delay (hours or a distribution),
 * `delay-or-text` for a field that takes hours or any text, undefined for any other field.
 */
function durationKind(root: Schema, path: Path, data: unknown): 'hours' | 'delay' | 'delay-or-text' | undefined {
  const schema = schemaAt(root, path, data);
  if (schema === undefined) return undefined;
  const def = schema._zod.def as { type: string; options?: Schema[] };
  if (def.type === 'union') {
    const types = (def.options ?? []).map((option) => (option._zod.def as { type: string }).type);
    if (!types.includes('number')) return undefined;
    return types.includes('string') ? 'delay-or-text' : 'delay';
  }
  if (def.type !== 'number') return undefined;
  const key = path.at(-1);
  const parent = path.at(-2);
  const named = (typeof key === 'string' && (key.endsWith('Hours') || DELAY_KEYS.has(key))) || (typeof parent === 'string' && DELAY_KEYS.has(parent));
  return named ? 'hours' : undefined;
}

/** The scenario clock's onset (`clock.onset`, local `YYYY-MM-DDTHH:MM`) when the data has one. */
export function onsetOf(data: unknown): string | undefined {
  const clock = isRecord(data) ? data.clock : undefined;
  const onset = isRecord(clock) ? clock.onset : undefined;
  return typeof onset === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(onset) ? onset : undefined;
}
