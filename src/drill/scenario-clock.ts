import type { ScenarioClock } from '../scenario/exercise.js';

/** A moment of the scenario, as screens and reports show it. */
export interface ClockReading {
  /** Hours from onset. */
  hours: number;
  /** Day of the exercise, 1 = the onset's (local) calendar day, or the first 24 hours without a clock. */
  day: number;
  /** Local `HH:MM`, when the scenario has an onset date. */
  localTime?: string;
  /** `Day 2, 14:00 (T+21 h)`, or `Day 1 (T+10.9 h)` without an onset date. */
  text: string;
}

/** `21`, `10.9`: hours with one decimal, the `.0` left out. */
export function hoursFigure(hours: number): string {
  const rounded = Math.round(hours * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

const MINUTE_MS = 60_000;

/** One formatter per time zone: creating one costs about a millisecond, and screens read the clock dozens of times per update. */
const FORMATS = new Map<string, Intl.DateTimeFormat>();

/** Local calendar fields of an instant in a time zone. */
function localParts(instantMs: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  let format = FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    FORMATS.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instantMs)).map((part) => [part.type, part.value]));
  return { year: Number(parts['year']), month: Number(parts['month']), day: Number(parts['day']), hour: Number(parts['hour']), minute: Number(parts['minute']) };
}

/** The UTC instant of a local wall-clock time in a time zone (the first match across a DST change). */
function instantOfLocal(onset: string, timeZone: string): number {
  const [date = '', time = ''] = onset.split('T');
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The zone's offset at that moment, found by reading the UTC guess back in local time.
  const local = localParts(asUtc, timeZone);
  const offset = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute) - asUtc;
  return asUtc - offset;
}

/**
 * Reads the scenario clock at `hours` from onset. Pure and deterministic: the calendar
 * comes from the scenario's onset and time zone, never from the wall clock.
 */
export function readClock(hours: number, clock: ScenarioClock | undefined): ClockReading {
  const tPlus = `T+${hoursFigure(hours)} h`;
  if (!clock) {
    const day = Math.floor(hours / 24) + 1;
    return { hours, day, text: `Day ${day} (${tPlus})` };
  }
  const start = instantOfLocal(clock.onset, clock.timeZone);
  const first = localParts(start, clock.timeZone);
  const now = localParts(start + Math.round(hours * 60) * MINUTE_MS, clock.timeZone);
  const day = Math.round((Date.UTC(now.year, now.month - 1, now.day) - Date.UTC(first.year, first.month - 1, first.day)) / (24 * 60 * MINUTE_MS)) + 1;
  const localTime = `${String(now.hour).padStart(2, '0')}:${String(now.minute).padStart(2, '0')}`;
  return { hours, day, localTime, text: `Day ${day}, ${localTime} (${tPlus})` };
}

/** The onset as people read it: `12 January 2010, 16:53 America/Port-au-Prince`. */
export function onsetText(clock: ScenarioClock): string {
  const [date = '', time = ''] = clock.onset.split('T');
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1)));
  return `${day} ${monthName} ${year}, ${time} ${clock.timeZone}`;
}
