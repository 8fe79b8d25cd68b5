import type { Inject, InjectCondition } from '../scenario/schema.js';

/**
 * The MSEL (Master Scenario Events List) spreadsheet layout: one row per inject, in
 * the column order exercise programmes such as HSEEP use, plus the inject's id and its
 * simulated effect so that a scenario's injects survive a trip through a spreadsheet.
 */

/** A column: its header, and the inject field it holds (`effect.type` and `effect` are split over two columns). */
export interface MselColumn {
  header: string;
  field: 'eventNumber' | 'id' | 'atHours' | 'effectType' | 'mode' | 'from' | 'to' | 'title' | 'description' | 'expectedAction' | 'objective' | 'tasks' | 'when' | 'notes' | 'effect';
  /** True when a row without a value is invalid. */
  required: boolean;
  /** What the column holds, for docs/msel.md and `--help`. */
  meaning: string;
}

export const MSEL_COLUMNS: readonly MselColumn[] = [
  { header: 'Event No.', field: 'eventNumber', required: false, meaning: 'sequence number of the row (written on export, ignored on import)' },
  { header: 'Inject ID', field: 'id', required: true, meaning: 'the inject id (lowercase letters, digits, dashes)' },
  { header: 'Scenario Time (h)', field: 'atHours', required: true, meaning: 'hours from crisis onset' },
  { header: 'Event Type', field: 'effectType', required: false, meaning: 'the simulated effect type (none, need.add, host.policy, ...); empty = none' },
  { header: 'Inject Mode', field: 'mode', required: false, meaning: 'how the inject reaches players: phone, email, news report, briefing' },
  { header: 'From', field: 'from', required: false, meaning: 'who sends it (SIMCELL, media, a ministry)' },
  { header: 'To', field: 'to', required: false, meaning: 'intended player(s)' },
  { header: 'Event Title', field: 'title', required: true, meaning: 'one-line synopsis' },
  { header: 'Message / Description', field: 'description', required: false, meaning: 'the message delivered to players' },
  { header: 'Expected Player Action', field: 'expectedAction', required: false, meaning: 'what the designers expect players to do' },
  { header: 'Objective / Capability', field: 'objective', required: false, meaning: 'exercise objective or core capability tested' },
  { header: 'Critical Tasks', field: 'tasks', required: false, meaning: 'ids of the evaluation\'s critical tasks this inject tests, comma-separated' },
  { header: 'Notes', field: 'notes', required: false, meaning: 'notes for controllers and evaluators' },
  { header: 'Effect Parameters', field: 'effect', required: false, meaning: 'the effect\'s fields as `key=value; key=value` (lists comma-separated), e.g. `capability=medical; amount=3`' },
  { header: 'Condition', field: 'when', required: false, meaning: 'contingency: fires only if all hold, e.g. `notDeployed=usa; coverageBelow=0.5; notObserved=airport-congestion; decided=hti consent closed`' },
];

/** Spreadsheet letter of a 0-based column index: A, B, ..., Z, AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A number as a cell: exact (shortest round-tripping form), `-0` kept. */
export function numberCell(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

/** A cell read as a number when it is one, otherwise left as text for the schema to reject with the text shown. */
export function cellNumber(cell: string): number | string {
  const trimmed = cell.trim();
  return trimmed !== '' && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed) ? Number(trimmed) : cell;
}

/** The effect's fields other than `type`, as `key=value; key=value`. */
export function effectCell(effect: Inject['effect']): string {
  return Object.entries(effect)
    .filter(([key]) => key !== 'type')
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : typeof value === 'number' ? numberCell(value) : String(value)}`)
    .join('; ');
}

/** A contingency condition as one cell: `notDeployed=usa; decided=hti consent closed`. */
export function conditionCell(condition: InjectCondition | undefined): string {
  if (!condition) return '';
  const parts: string[] = [];
  if (condition.notDeployed !== undefined) parts.push(`notDeployed=${condition.notDeployed}`);
  if (condition.coverageBelow !== undefined) parts.push(`coverageBelow=${numberCell(condition.coverageBelow)}`);
  if (condition.notObserved !== undefined) parts.push(`notObserved=${condition.notObserved}`);
  if (condition.decided !== undefined) parts.push(`decided=${condition.decided.nation} ${condition.decided.kind} ${condition.decided.choice}`);
  return parts.join('; ');
}

/** `key=value; key=value` as pairs, in order; or why not. */
export function keyValuePairs(text: string): [key: string, value: string][] | { error: string } {
  const pairs: [string, string][] = [];
  for (const pair of text.split(';')) {
    if (pair.trim() === '') continue;
    const equals = pair.indexOf('=');
    if (equals <= 0) return { error: `expected key=value pairs separated by ";", got "${pair.trim()}"` };
    pairs.push([pair.slice(0, equals).trim(), pair.slice(equals + 1).trim()]);
  }
  return pairs;
}

/** Reads a condition cell back (the schema then checks it, positioned at the cell). */
export function conditionFromCell(text: string): Record<string, unknown> | { error: string } {
  const pairs = keyValuePairs(text);
  if ('error' in pairs) return pairs;
  const condition: Record<string, unknown> = {};
  for (const [key, raw] of pairs) {
    if (key === 'coverageBelow') condition[key] = cellNumber(raw);
    else if (key === 'decided') {
      const [nation, kind, choice, ...extra] = raw.split(/\s+/);
      if (!nation || !kind || !choice || extra.length > 0) return { error: `decided needs "<nation> <kind> <choice>", got "${raw}"` };
      condition[key] = { nation, kind, choice };
    } else condition[key] = raw;
  }
  return condition;
}
