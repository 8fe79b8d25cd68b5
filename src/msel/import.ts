import { parse } from 'csv-parse/sync';
import { unguardCsvText } from '../guard/csv.js';
import type { ScenarioIssue } from '../scenario/issues.js';
import { injectEffectSchema, injectSchema, type Inject } from '../scenario/schema.js';
import { schemaAt } from '../scenario/schema-walk.js';
import { closest, didYouMean } from '../scenario/suggest.js';
import { explainZodIssues } from '../scenario/zod-issues.js';
import { parseDuration } from '../scenario/duration.js';
import { cellNumber, columnLetter, conditionFromCell, keyValuePairs, MSEL_COLUMNS, type MselColumn } from './columns.js';
import { detectSeparator, normalizeHeader, separatorName } from './separator.js';

/**
 * Reads an MSEL CSV back into injects. Columns are matched by header (any order, case
 * and spacing ignored); every bad cell is reported with its row and column, as
 * `file:line:col: error: row R, column C "Header": message (injects[i].field)`.
 */

/** Where an imported inject came from in the CSV. */
export interface MselRow {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  /** File line on which the row starts. */
  line: number;
}

export interface MselImport {
  /** The injects, valid or not (only when `issues` has no error are they all valid). */
  injects: Inject[];
  rows: MselRow[];
  issues: ScenarioIssue[];
  /** The issue for a field of the inject at `index`, positioned at its cell. */
  cellIssue: (index: number, path: (string | number)[], severity: 'error' | 'warning', code: string, message: string) => ScenarioIssue;
}

type Matched = { column: MselColumn; index: number };

/**
 * Parses MSEL CSV text (a leading byte-order mark is allowed; `,`, `;` or tab separated).
 * Scenario times take the duration syntax (`T+30h`, `Day 2 06:00`...), clock times
 * counted from `onset` when the scenario has one.
 */
export function mselToInjects(text: string, file: string, options: { onset?: string } = {}): MselImport {
  const issues: ScenarioIssue[] = [];
  const at = (line: number, col: number, message: string, severity: 'error' | 'warning' = 'error', code = 'msel.cell', path: (string | number)[] = []): ScenarioIssue => ({
    severity,
    code,
    message,
    path,
    file,
    position: { line, col },
  });
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  const { separator, knownColumns } = detectSeparator(text);
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, delimiter: separator }) as unknown as typeof records;
  } catch (cause) {
    const error = cause as Error & { lines?: number };
    const read = `read with separator ${separatorName(separator)}${knownColumns === 0 ? ' (no separator, comma, semicolon or tab, splits the header into MSEL column names)' : ''}`;
    issues.push(at(error.lines ?? 1, 1, `CSV syntax: ${error.message.replace(/^Invalid \w+ \w+: /, '')}; ${read}`, 'error', 'msel.syntax'));
    return { injects: [], rows: [], issues, cellIssue: () => issues[0]! };
  }
  if (knownColumns === 0 && records.length > 0) {
    const expected = MSEL_COLUMNS.filter((column) => column.required).map((column) => `"${column.header}"`).join(', ');
    issues.push(at(1, 1, `the header row has no MSEL column names when split by comma, semicolon or tab; expected at least ${expected}`, 'error', 'msel.header'));
    return { injects: [], rows: [], issues, cellIssue: () => issues[0]! };
  }
  if (records.length === 0) {
    issues.push(at(1, 1, `empty MSEL: expected a header row (${MSEL_COLUMNS.map((column) => column.header).join(', ')})`, 'error', 'msel.empty'));
    return { injects: [], rows: [], issues, cellIssue: () => issues[0]! };
  }
  const header = records[0]!.record;
  const matched = matchColumns(header, (col, message, severity) => issues.push(at(1, col, message, severity, 'msel.header')));
  const rows: MselRow[] = [];
  let previousLines = records[0]!.info.lines;
  let previousEmpty = records[0]!.info.empty_lines;
  for (const { info } of records.slice(1)) {
    const line = previousLines + 1 + (info.empty_lines - previousEmpty);
    rows.push({ line, row: line });
    previousLines = info.lines;
    previousEmpty = info.empty_lines;
  }
  const cellIssue: MselImport['cellIssue'] = (index, path, severity, code, message) => {
    const header = headerFor(path);
    const column = matched.find((each) => each.column.header === header);
    const col = column ? column.index + 1 : 1;
    const where = column ? `row ${rows[index]!.row}, column ${columnLetter(column.index)} "${header}"` : `row ${rows[index]!.row}`;
    return at(rows[index]!.line, col, `${where}: ${message}`, severity, code, ['injects', index, ...path]);
  };
  const injects: Inject[] = [];
  records.slice(1).forEach(({ record }, index) => {
    if (record.length > header.length) {
      issues.push(at(rows[index]!.line, header.length + 1, `row ${rows[index]!.row} has ${record.length} cells but the header has ${header.length} columns`, 'error', 'msel.row'));
    }
    // Every cell of every row is checked; a bad cell keeps its row (so later rows keep their numbers).
    const raw = rowToInject(record, matched, options.onset);
    for (const [field, message] of raw.errors) issues.push(cellIssue(index, [field], 'error', field === 'effect' ? 'msel.effect' : 'msel.cell', message));
    const parsed = injectSchema.safeParse(raw.value);
    if (parsed.success) injects.push(parsed.data);
    else {
      for (const problem of explainZodIssues(injectSchema, parsed.error.issues, raw.value)) {
        if (!raw.errors.some(([field]) => field === problem.path[0])) issues.push(cellIssue(index, problem.path, 'error', problem.code, problem.message));
      }
      injects.push(raw.value as Inject);
    }
  });
  return { injects, rows, issues, cellIssue };
}

/** Matches header cells to columns; reports unknown (with a close match: error; otherwise: ignored, warning), duplicate and missing columns. */
function matchColumns(header: string[], report: (col: number, message: string, severity: 'error' | 'warning') => void): Matched[] {
  const matched: Matched[] = [];
  header.forEach((cell, index) => {
    const column = MSEL_COLUMNS.find((candidate) => normalizeHeader(candidate.header) === normalizeHeader(cell));
    if (!column) {
      const near = closest(cell, MSEL_COLUMNS.map((candidate) => candidate.header));
      if (near) report(index + 1, `unknown column "${cell}"${didYouMean(cell, [near])}`, 'error');
      else report(index + 1, `column "${cell}" is not part of the MSEL format and is ignored`, 'warning');
    } else if (matched.some((each) => each.column === column)) report(index + 1, `column "${column.header}" appears twice`, 'error');
    else matched.push({ column, index });
  });
  for (const column of MSEL_COLUMNS) {
    if (column.required && !matched.some((each) => each.column === column)) report(1, `missing column "${column.header}" (${column.meaning})`, 'error');
  }
  return matched;
}

/** The plain inject a row describes, before validation, and the cells that cannot be read (by field). */
function rowToInject(record: string[], matched: Matched[], onset: string | undefined): { value: Record<string, unknown>; errors: [string, string][] } {
  const value: Record<string, unknown> = {};
  const errors: [string, string][] = [];
  let effectType = 'none';
  let effectText = '';
  for (const { column, index } of matched) {
    const cell = unguardCsvText(record[index] ?? '');
    switch (column.field) {
      case 'eventNumber':
        break;
      case 'id':
      case 'title':
        if (cell.trim() !== '') value[column.field] = column.field === 'id' ? cell.trim() : cell;
        break;
      case 'atHours': {
        if (cell.trim() === '') break;
        const reading = parseDuration(cell, onset);
        if ('error' in reading) errors.push(['atHours', reading.error]);
        else value.atHours = reading.hours;
        break;
      }
      case 'effectType':
        if (cell.trim() !== '') effectType = cell.trim();
        break;
      case 'effect':
        effectText = cell;
        break;
      case 'tasks':
        if (cell.trim() !== '') value.tasks = cell.split(',').map((task) => task.trim());
        break;
      case 'when': {
        if (cell.trim() === '') break;
        const condition = conditionFromCell(cell);
        if ('error' in condition) errors.push(['when', String(condition.error)]);
        else value.when = condition;
        break;
      }
      default:
        value[column.field] = cell;
    }
  }
  const effect = effectFromCell(effectType, effectText);
  if ('error' in effect) errors.push(['effect', effect.error]);
  else value.effect = effect.value;
  return { value, errors };
}

/** `capability=medical; amount=3` with its type, as an effect object (numbers and lists typed by the schema). */
function effectFromCell(type: string, text: string): { value: Record<string, unknown> } | { error: string } {
  const effect: Record<string, unknown> = { type };
  const pairs = keyValuePairs(text);
  if ('error' in pairs) return pairs;
  for (const [key, raw] of pairs) {
    if (Object.hasOwn(effect, key)) return { error: `"${key}" is given twice` };
    const kind = (schemaAt(injectEffectSchema, [key], effect)?._zod.def as { type?: string } | undefined)?.type;
    const typed = kind === 'number' ? cellNumber(raw) : kind === 'tuple' ? raw.split(',').map((part) => part.trim()) : raw;
    Object.defineProperty(effect, key, { value: typed, enumerable: true, writable: true, configurable: true });
  }
  return { value: effect };
}

/** The column that holds a field path of an inject. */
function headerFor(path: (string | number)[]): string {
  if (path[0] === 'effect') return path[1] === 'type' ? 'Event Type' : 'Effect Parameters';
  const field = MSEL_COLUMNS.find((column) => column.field === path[0]);
  return field?.header ?? 'Inject ID';
}
