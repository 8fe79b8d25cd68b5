import { z } from 'zod';
import { delaySchema, scenarioSchema } from './schema.js';

/**
 * The scenario format as a JSON Schema (draft 2020-12), generated from the zod schema so
 * the two cannot drift: editors (yaml-language-server) use it for completion and hover
 * docs, docs/scenario-format.md is rendered from it. Fields with defaults are optional
 * (`io: 'input'`). A file with `extends:` is checked against a relaxed variant in which
 * nothing is required, since its base supplies the rest.
 */

/** A JSON Schema node, loosely typed: the generator's output is plain JSON. */
export type JsonSchema = { [key: string]: unknown };

/** Where the exported schema lives in the repository, relative to its root. */
export const JSON_SCHEMA_PATH = 'docs/scenario.schema.json';

const DELAY_REF = '#/$defs/delay';

/** The JSON Schema of a complete scenario file, delays factored out into `$defs.delay`. */
export function scenarioBodySchema(): JsonSchema {
  const body = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete body.$schema;
  return replaceDelays(body, JSON.stringify(delayJson().anyOf)) as JsonSchema;
}

function delayJson(): JsonSchema {
  const delay = z.toJSONSchema(delaySchema, { io: 'input' }) as JsonSchema;
  delete delay.$schema;
  return delay;
}

/** Replaces every inlined copy of the delay union by a reference, keeping the field's own description and default. */
function replaceDelays(node: unknown, delayAnyOf: string): unknown {
  if (Array.isArray(node)) return node.map((item) => replaceDelays(item, delayAnyOf));
  if (typeof node !== 'object' || node === null) return node;
  const out: JsonSchema = {};
  const record = node as JsonSchema;
  if (JSON.stringify(record.anyOf) === delayAnyOf) {
    for (const [key, value] of Object.entries(record)) if (key !== 'anyOf') out[key] = value;
    out.$ref = DELAY_REF;
    return out;
  }
  for (const [key, value] of Object.entries(record)) out[key] = replaceDelays(value, delayAnyOf);
  return out;
}

/** A copy in which nothing is required and keyed list items may say `remove: true` (for files with `extends:`). */
function relaxed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(relaxed);
  if (typeof node !== 'object' || node === null) return node;
  const out: JsonSchema = {};
  const record = node as JsonSchema;
  for (const [key, value] of Object.entries(record)) {
    // Tuples (`between`, `triangular`) keep their length; lists may be partial.
    if (key === 'required' || (key === 'minItems' && !('prefixItems' in record))) continue;
    out[key] = relaxed(value);
  }
  const properties = out.properties as JsonSchema | undefined;
  if (properties && ('id' in properties || 'between' in properties || 'capability' in properties)) {
    out.properties = { ...properties, remove: { type: 'boolean', description: 'extends: true removes the base item with the same key' } };
  }
  return out;
}

const EXTENDS_PROPERTY = {
  type: 'string',
  description: 'path of a base scenario file (relative to this file) that this file overrides; see docs/scenario-format.md "Reuse"',
};

/** The complete JSON Schema document written by `crisis-sim schema` and kept in docs/scenario.schema.json. */
export function scenarioJsonSchema(): JsonSchema {
  const body = scenarioBodySchema();
  const override = relaxed(body) as JsonSchema;
  override.properties = { extends: EXTENDS_PROPERTY, ...(override.properties as JsonSchema) };
  override.required = ['extends'];
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'crisis-sim scenario',
    description: 'A crisis-sim scenario: nations, relations, organizations, a crisis and its injects. All durations are simulated hours; money is MUSD.',
    $defs: { delay: delayJson(), scenario: body, scenarioOverride: override },
    if: { type: 'object', properties: { extends: { type: 'string' } }, required: ['extends'] },
    then: { $ref: '#/$defs/scenarioOverride' },
    else: { $ref: '#/$defs/scenario' },
  };
}

/** The schema as the text of docs/scenario.schema.json (stable key order, trailing newline). */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
