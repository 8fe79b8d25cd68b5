import type { StateValue } from 'xstate';

/** `mandated.working` for nested state values; the plain name for flat ones. Comma-separated, sorted, for parallel ones. */
export function stateName(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.keys(value)
    .sort()
    .map((key) => {
      const child = value[key];
      return child === undefined ? key : `${key}.${stateName(child)}`;
    })
    .join(',');
}
