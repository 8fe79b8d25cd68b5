import type { z } from 'zod';
import type { SemanticProblem } from './semantic.js';
import { descriptionAt, isRecord, keysAt, valueAt } from './schema-walk.js';
import { didYouMean } from './suggest.js';

/**
 * Turns zod's issues into messages a designer can act on: what was expected, what was
 * found, and for a misspelt key or option the closest valid name. Union errors (delays,
 * inject effects) are narrowed to the form the designer evidently meant.
 */

type Schema = z.core.$ZodType;
type ZodIssue = z.core.$ZodIssue;
type Path = (string | number)[];

/** A schema problem before it is given a file position; `key` marks a problem with a key itself (an unknown field). */
export interface SchemaProblem extends SemanticProblem {
  key?: string;
}

export function explainZodIssues(root: Schema, issues: readonly ZodIssue[], data: unknown): SchemaProblem[] {
  return issues.flatMap((zodIssue) => explain(root, zodIssue, [], data));
}

function explain(root: Schema, zodIssue: ZodIssue, prefix: Path, data: unknown): SchemaProblem[] {
  const path: Path = [...prefix, ...zodIssue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))];
  const value = valueAt(data, path);
  const problem = (code: string, message: string): SchemaProblem[] => [{ severity: 'error', code: `schema.${code}`, message, path }];
  switch (zodIssue.code) {
    case 'unrecognized_keys': {
      const known = keysAt(root, path, data);
      return zodIssue.keys.map((key) => ({
        severity: 'error' as const,
        code: 'schema.unrecognized_key',
        message: `unknown field "${key}"${didYouMean(key, known) || knownFields(known)}`,
        path: [...path, key],
        key,
      }));
    }
    case 'invalid_type':
      if (value === undefined) return problem('missing', `missing required field "${String(path.at(-1))}" (expected ${expected(zodIssue.expected)})`);
      return problem('invalid_type', `expected ${expected(zodIssue.expected)}, got ${path.length === 0 ? describeFile(value) : describe(value)}`);
    case 'too_small':
      return problem('too_small', bound(zodIssue.origin, 'at least', 'more than', zodIssue.minimum, zodIssue.inclusive ?? true, value));
    case 'too_big':
      return problem('too_big', bound(zodIssue.origin, 'at most', 'less than', zodIssue.maximum, zodIssue.inclusive ?? true, value));
    case 'invalid_value': {
      const options = zodIssue.values.map((option) => JSON.stringify(option));
      const hint = typeof value === 'string' ? didYouMean(value, zodIssue.values.map(String)) : '';
      return problem('invalid_value', `expected one of ${options.join(', ')}, got ${describe(value)}${hint}`);
    }
    case 'invalid_format':
      return problem('invalid_format', `expected ${zodIssue.message}, got ${describe(value)}`);
    case 'invalid_union':
      return explainUnion(root, zodIssue, path, data);
    default:
      return problem(zodIssue.code, value === undefined ? zodIssue.message : `${zodIssue.message}, got ${describe(value)}`);
  }
}

function explainUnion(root: Schema, zodIssue: z.core.$ZodIssueInvalidUnion, path: Path, data: unknown): SchemaProblem[] {
  const failure = (code: string, message: string): SchemaProblem[] => [{ severity: 'error', code: `schema.${code}`, message, path }];
  const discriminator = (zodIssue as { discriminator?: string }).discriminator;
  if (discriminator !== undefined) {
    // zod points the issue at the discriminator field itself (`effect.type`).
    const options = ((zodIssue as { options?: unknown[] }).options ?? []).map(String);
    const tag = valueAt(data, path);
    const list = options.join(', ');
    const what = typeof path.at(-2) === 'string' ? `${String(path.at(-2))} ${discriminator}` : discriminator;
    if (tag === undefined) return failure('missing', `missing required field "${discriminator}" (expected one of ${list})`);
    return failure('invalid_value', `unknown ${what} ${describe(tag)}; expected one of ${list}${didYouMean(String(tag), options)}`);
  }
  // The options the value plausibly meant: those without a mismatch of type or keys at the union itself.
  const value = valueAt(data, path);
  const plausible = zodIssue.errors.filter((branch) => !branch.some((inner) => mismatchesShape(inner, value)));
  if (plausible.length === 1) return plausible[0]!.flatMap((inner) => explain(root, inner, path, data));
  const forms = descriptionAt(root, path, data);
  const expectation = forms ? lowerFirst(forms) : 'one of the allowed forms';
  const unknownKey = isRecord(value) ? Object.keys(value).find((key) => !keysAt(root, path, data).includes(key)) : undefined;
  const hint = unknownKey === undefined ? '' : didYouMean(unknownKey, keysAt(root, path, data));
  return failure('invalid_union', `expected ${expectation}; got ${describe(value)}${hint}`);
}

/** True when an issue inside a union option says the value has the wrong type or keys for that option altogether. */
function mismatchesShape(inner: ZodIssue, value: unknown): boolean {
  if (inner.path.length === 0) return inner.code === 'invalid_type' || inner.code === 'unrecognized_keys';
  // A missing key the option requires (e.g. `triangular` when the value is `{uniform: ...}`).
  return inner.path.length === 1 && inner.code === 'invalid_type' && valueAt(value, inner.path as PropertyKey[]) === undefined;
}

function knownFields(known: string[]): string {
  return known.length > 0 && known.length <= 12 ? `; expected one of ${known.join(', ')}` : '';
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'a mapping of fields (key: value)',
  record: 'a mapping of fields (key: value)',
  null: 'null',
};

function expected(type: string): string {
  return EXPECTED[type] ?? type;
}

function bound(origin: string, inclusiveWord: string, exclusiveWord: string, limit: unknown, inclusive: boolean, value: unknown): string {
  const word = inclusive ? inclusiveWord : exclusiveWord;
  const shown = typeof limit === 'bigint' || typeof limit === 'number' ? limit.toString() : String(limit);
  if (origin === 'array' || origin === 'set') return `needs ${word} ${shown} item${shown === '1' ? '' : 's'}, got ${describe(value)}`;
  if (origin === 'string') return shown === '1' && inclusiveWord === 'at least' ? 'must not be empty' : `must be ${word} ${shown} characters long`;
  return `must be ${word} ${shown}, got ${describe(value)}`;
}

/**
 * What a whole file holds when it is not a mapping: a list or a number as usual, but text
 * only by its kind, never quoted, so a path to some other file (`extends: /etc/passwd`,
 * `scenarios: [../../etc/passwd]`) does not echo that file's content into the error.
 */
export function describeFile(value: unknown): string {
  return typeof value === 'string' ? 'plain text, not YAML fields (is it the right file?)' : describe(value);
}

/** A short description of a found value for "got ..." (`"abc"`, `-3`, `a list of 2`, `a mapping with triangle`). */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (empty)';
  if (typeof value === 'string') return value.length > 40 ? `text "${value.slice(0, 37)}..."` : `"${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const short = value.length <= 5 && value.every((item) => typeof item === 'number' || (typeof item === 'string' && item.length <= 20));
    return short ? JSON.stringify(value).replaceAll(',', ', ') : `a list of ${value.length}`;
  }
  if (isRecord(value)) {
    const keys = Object.keys(value);
    return keys.length === 0 ? 'an empty mapping' : `a mapping with ${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ', ...' : ''}`;
  }
  return typeof value;
}
