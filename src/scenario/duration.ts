/**
 * One duration syntax for the whole tool: scenario fields, MSEL cells, drill commands and
 * CLI options all read times through {@link parseDuration}, so a designer can write hours
 * the way exercise documents do.
 *
 * Accepted forms (case and spaces ignored):
 * - a number of hours: `12`, `1.5`;
 * - amounts with units, summed: `90m`, `25h`, `9d`, `1d12h`, `1 day 6 hours`, `2w`;
 * - time since onset: `T+30h`, `T+1d6h`, `T+30`;
 * - a clock time on an exercise day: `Day 2 06:00`, `Day 7`, `18:04` (Day 1), counted from
 *   the onset's local time of day when the scenario has an onset date and time, from
 *   Day 1 00:00 otherwise;
 * - a date and time (`2015-04-26 06:00`), only when the scenario has an onset.
 */

/** Hours per unit word. */
export const DURATION_UNITS_IN_HOURS = { m: 1 / 60, min: 1 / 60, minute: 1 / 60, h: 1, hr: 1, hour: 1, d: 24, day: 24, w: 168, wk: 168, week: 168 } as const;

/** The accepted forms, for messages and docs. */
export const DURATION_FORMS = 'a number of hours (12), 90m, 25h, 9d, 1d12h, "1 day 6 hours", T+30h, "Day 2 06:00" or 18:04';

/** A duration read from text: hours, and how a calendar form was read (for warnings that spell it out). */
export type DurationReading = { hours: number; reading?: string } | { error: string };

/** Onset as `YYYY-MM-DDTHH:MM` local time (the scenario clock), when the scenario has one. */
export type Onset = string | undefined;

const UNIT_PATTERN = /(\d+(?:\.\d+)?|\.\d+)\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w)(?![a-z])/gy;
const CLOCK = /^(\d{1,2}):(\d{2})$/;
const DAY_CLOCK = /^(?:day|d)\s*(\d+)(?:[\s,]+(\d{1,2}):(\d{2}))?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[t\s]+(\d{1,2}):(\d{2}))?$/;

/** Reads a duration in any accepted form; numbers pass through. Never throws. */
export function parseDuration(input: string | number, onset?: Onset): DurationReading {
  if (typeof input === 'number') return Number.isFinite(input) ? { hours: input } : { error: `${input} is not a number of hours` };
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const bad = (why = ''): DurationReading => ({ error: `"${input}" is not a duration${why}; write ${DURATION_FORMS}` });
  if (text === '') return bad();
  if (/^[-+]?(\d+(\.\d+)?|\.\d+)(e[-+]?\d+)?$/.test(text)) return { hours: Number(text) };
  const sinceOnset = /^t\s*\+\s*(.+)$/.exec(text);
  if (sinceOnset) {
    const inner = sinceOnset[1]!;
    const hours = /^\d+(\.\d+)?$/.test(inner) ? Number(inner) : sumOfUnits(inner);
    return hours === undefined ? bad() : { hours };
  }
  const units = sumOfUnits(text);
  if (units !== undefined) return { hours: units };
  const onsetParts = onset === undefined ? undefined : parseOnset(onset);
  const onsetMinuteOfDay = onsetParts ? onsetParts.hour * 60 + onsetParts.minute : 0;
  const clock = CLOCK.exec(text);
  const dayClock = DAY_CLOCK.exec(text);
  if (clock || dayClock) {
    const day = dayClock ? Number(dayClock[1]) : 1;
    const hour = Number(clock ? clock[1] : (dayClock![2] ?? 0));
    const minute = Number(clock ? clock[2] : (dayClock![3] ?? 0));
    if (day < 1) return bad(' (Day 1 is the day of the onset)');
    if (hour > 23 || minute > 59) return bad(' (not a time of day)');
    // Whole minutes first, so Day 4 04:53 from an onset at 16:53 is exactly 60 h.
    const hours = ((day - 1) * 1440 + hour * 60 + minute - onsetMinuteOfDay) / 60;
    const from = onsetParts ? `onset ${onset!.replace('T', ' ')}` : 'Day 1 00:00 (no onset in the scenario)';
    if (hours < 0) return bad(` (before the onset at ${onset!.replace('T', ' ')})`);
    return { hours, reading: `Day ${day} ${pad(hour)}:${pad(minute)} = T+${round(hours)} h from ${from}` };
  }
  const date = DATE_TIME.exec(text);
  if (date) {
    if (!onsetParts) return bad(' (a date needs the scenario\'s onset date and time)');
    const at = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]), Number(date[4] ?? 0), Number(date[5] ?? 0));
    const hours = (at - onsetParts.utcMs) / 3_600_000;
    if (!Number.isFinite(hours) || hours < 0) return bad(` (before the onset at ${onset!.replace('T', ' ')})`);
    return { hours, reading: `${input.trim()} = T+${round(hours)} h from onset ${onset!.replace('T', ' ')}` };
  }
  return bad();
}

/** `9d` = 216, `1d 12h` = 36; undefined unless the whole text is amounts with units. */
function sumOfUnits(text: string): number | undefined {
  const compact = text.replace(/,/g, ' ').trim();
  UNIT_PATTERN.lastIndex = 0;
  let hours = 0;
  let matched = false;
  while (UNIT_PATTERN.lastIndex < compact.length) {
    const start = UNIT_PATTERN.lastIndex;
    const match = UNIT_PATTERN.exec(compact);
    if (!match || match.index !== start) return undefined;
    hours += Number(match[1]) * unitHours(match[2]!);
    matched = true;
    while (compact[UNIT_PATTERN.lastIndex] === ' ') UNIT_PATTERN.lastIndex += 1;
  }
  return matched ? hours : undefined;
}

function unitHours(word: string): number {
  // The unit pattern admits only the words of the table, singular or with an `s`.
  return DURATION_UNITS_IN_HOURS[word.replace(/s$/, '') as keyof typeof DURATION_UNITS_IN_HOURS];
}

/** Onset `YYYY-MM-DDTHH:MM` as parts; local wall-clock time is treated as UTC for differences (no daylight-saving shifts). */
function parseOnset(onset: string): { hour: number; minute: number; utcMs: number } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(onset);
  if (!match) return undefined;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  return { hour, minute, utcMs: Date.UTC(year, month - 1, day, hour, minute) };
}

/** `9 d = 216 h`: a whole-number hours value read as days, spelled out for a warning. */
export function daysSpelledOut(days: number): string {
  return `${days} d = ${days * 24} h`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function round(hours: number): string {
  return String(Math.round(hours * 100) / 100);
}
