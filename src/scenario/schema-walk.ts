import { ownValue } from '../guard/user-keys.js';
import type { z } from 'zod';

/**
 * Navigating the scenario schema by field path: which keys an object accepts (for
 * "did you mean"), what a union looks like (for precise "expected" messages), and the
 * description a field carries. Reads zod 4's public `_zod.def` structure.
 */

type Schema = z.core.$ZodType;
type Def = { type: string; [key: string]: unknown };

function defOf(schema: Schema): Def {
  return schema._zod.def as unknown as Def;
}

/** The schema inside defaults, nullables, optionals and pipes. */
export function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (['default', 'prefault', 'nullable', 'optional', 'readonly', 'catch', 'nonoptional'].includes(def.type)) current = def.innerType as Schema;
    else if (def.type === 'pipe') current = def.in as Schema;
    else return current;
  }
}

/** The option of a union that a value takes: by discriminator, or the only object option holding the value's keys. */
function unionOption(schema: Schema, value: unknown): Schema | undefined {
  const def = defOf(schema);
  const options = def.options as Schema[];
  const discriminator = def.discriminator as string | undefined;
  if (discriminator !== undefined) {
    const tag = isRecord(value) ? value[discriminator] : undefined;
    return options.find((option) => {
      const field = objectShape(option)?.[discriminator];
      return field !== undefined && (defOf(unwrap(field)).values as unknown[] | undefined)?.includes(tag);
    });
  }
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  const matching = options.filter((option) => {
    const shape = objectShape(option);
    return shape !== undefined && keys.length > 0 && keys.every((key) => Object.hasOwn(shape, key));
  });
  return matching.length === 1 ? matching[0] : undefined;
}

function objectShape(schema: Schema): Record<string, Schema> | undefined {
  const inner = unwrap(schema);
  const def = defOf(inner);
  return def.type === 'object' ? (def.shape as Record<string, Schema>) : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schema of the field at `path` (following `data` through unions), unwrapped; undefined when the path leaves the schema. */
export function schemaAt(root: Schema, path: readonly PropertyKey[], data: unknown): Schema | undefined {
  let schema: Schema | undefined = unwrap(root);
  let value = data;
  for (const part of path) {
    if (schema === undefined) return undefined;
    if (defOf(schema).type === 'union') schema = unionOption(schema, value);
    if (schema === undefined) return undefined;
    const def = defOf(schema);
    // Own keys only: a field named `toString` or `constructor` is not in the schema.
    if (def.type === 'object') schema = ownValue(def.shape as Record<string, Schema>, String(part));
    else if (def.type === 'array') schema = def.element as Schema;
    else if (def.type === 'tuple') schema = (def.items as Schema[])[Number(part)];
    else return undefined;
    schema = schema === undefined ? undefined : unwrap(schema);
    value = isRecord(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[part] : undefined;
  }
  return schema;
}

/** Field names an object at `path` accepts (every option's, for a union of objects). */
export function keysAt(root: Schema, path: readonly PropertyKey[], data: unknown): string[] {
  const schema = schemaAt(root, path, data);
  if (schema === undefined) return [];
  const def = defOf(schema);
  if (def.type === 'union') {
    const option = unionOption(schema, valueAt(data, path));
    const options = option ? [option] : (def.options as Schema[]);
    return options.flatMap((each) => Object.keys(objectShape(each) ?? {}));
  }
  return Object.keys(objectShape(schema) ?? {});
}

/** The description of the field at `path`, looking through wrappers (the nearest description wins). */
export function descriptionAt(root: Schema, path: readonly PropertyKey[], data: unknown): string | undefined {
  const schema = schemaAt(root, path, data);
  return schema === undefined ? undefined : (schema as unknown as { description?: string }).description;
}

/** The value at `path` in plain data, or undefined. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const part of path) {
    if (!(isRecord(value) || Array.isArray(value))) return undefined;
    value = Object.hasOwn(value, part) ? (value as Record<PropertyKey, unknown>)[part] : undefined;
  }
  return value;
}
