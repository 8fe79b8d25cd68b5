import type { RunMetricName } from '../metrics/definitions.js';

/** Number and time formatting shared by every part of a report. */

/** Run metrics as trainers call them (reports and screens never show the code names). */
export const RUN_METRIC_LABELS = {
  firstResponseHours: 'first foreign response',
  needsMet50Hours: '50% of needs met',
  needsMet90Hours: '90% of needs met',
  unmetNeedHours: 'unmet need (unit-hours)',
  peakUnmetNeed: 'peak unmet need (units)',
  escalations: 'escalations',
  attacks: 'attacks',
  accessHours: 'host opens to foreign help',
  mediationHours: 'mediation to agreement',
  incidents: 'incidents between rival forces',
  operationHours: 'operation length',
  peakForeignPersonnel: 'peak foreign personnel',
  foreignPersonnelDays: 'foreign personnel-days',
  operationCostMusd: 'cost of the foreign response (MUSD)',
  preparednessCostMusd: 'peacetime cost of preparedness (MUSD a year)',
} as const satisfies Record<RunMetricName, string>;

/** Hours as `37.7 h`, or `154.5 h (6.4 d)` from two days on; `not reached` for null. */
export function hoursText(hours: number | null): string {
  if (hours === null) return 'not reached';
  const text = `${round1(hours)} h`;
  return hours >= 48 ? `${text} (${round1(hours / 24)} d)` : text;
}

/** A duration in the unit a reader grasps at once: hours below two days, days above. */
export function durationText(hours: number): string {
  return hours >= 48 ? `${round1(hours / 24)} days` : `${round1(hours)} h`;
}

/** One decimal place, always shown, so columns of hours align. */
export function round1(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1);
}

/** A list in prose: `a`, `a and b`, `a, b and c`. */
export function joinProse(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A camelCase state name in words: `awaitingConsent` -> `awaiting consent`. */
export function words(camelCase: string): string {
  return camelCase.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
