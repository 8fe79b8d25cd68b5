/**
 * Safe handling of keys that come from users (ids, MSEL effect parameter names, experiment
 * factor paths). A plain object inherits `constructor`, `toString`, `hasOwnProperty`... and
 * assigning to `__proto__` replaces its prototype, so `record[key]` with a user's key can
 * read a function that was never set, or pollute every object in the process. These
 * helpers look only at own properties and define keys as plain data.
 */

/** Keys that reach an object's prototype machinery when read or assigned the ordinary way. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** True when the key names prototype machinery rather than data (`__proto__`, `constructor`, `prototype`). */
export function isPrototypeKey(key: string): boolean {
  return PROTOTYPE_KEYS.has(key);
}

/** An empty record with no prototype: no inherited keys, and `__proto__` is an ordinary key. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The record's own value at `key`, never an inherited one. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets `key` as an own data property (assignment to `__proto__` would change the prototype instead). */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
