import { parse } from 'csv-parse/sync';
import { csvLine, unguardCsvText } from '../guard/csv.js';
import type { ImprovementRow } from '../report/input.js';
import { IMPROVEMENT_COLUMNS } from '../report/exercise.js';
import { DrillError } from './errors.js';
import type { DrillLogHeader } from './log.js';

/**
 * The Improvement Plan as a CSV the planning team fills in: a `#` provenance line (engine,
 * scenario hash, seed, drill log), then the HSEEP columns with an Id that ties each row
 * back to its area for improvement. Import reads it back strictly: every column by name,
 * every row with an Id, errors naming file:line:column. Cells are guarded against formula
 * injection (src/guard/csv.ts) and unguarded on import.
 */
export function improvementCsv(rows: readonly ImprovementRow[], header: DrillLogHeader, logName: string): string {
  const provenance = `# crisis-sim improvement plan: engine ${header.engine.name} ${header.engine.version}, scenario ${header.scenario} (${header.scenarioHash}), seed ${header.seed}, drill log ${logName}\n`;
  return provenance + [IMPROVEMENT_COLUMNS.map(([, label]) => label), ...rows.map((row) => IMPROVEMENT_COLUMNS.map(([field]) => row[field]))].map((cells) => csvLine(cells)).join('');
}

/** Reads a filled-in Improvement Plan CSV; `file` names it in errors. */
export function parseImprovementCsv(text: string, file: string): ImprovementRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, comment: '#', skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (cause) {
    const error = cause as Error & { lines?: number };
    throw new DrillError(`${file}:${error.lines ?? 1}:1: CSV syntax: ${error.message.replace(/^Invalid \w+ \w+: /, '')}`);
  }
  const [head, ...body] = records;
  if (!head) throw new DrillError(`${file}:1:1: empty improvement plan: expected the header ${IMPROVEMENT_COLUMNS.map(([, label]) => label).join(', ')}`);
  const columns = IMPROVEMENT_COLUMNS.map(([field, label]) => {
    const index = head.record.findIndex((cell) => cell.trim().toLowerCase() === label.toLowerCase());
    if (index < 0) throw new DrillError(`${file}:${head.info.lines}:1: missing column "${label}"; the header must name ${IMPROVEMENT_COLUMNS.map(([, name]) => name).join(', ')}`);
    return [field, index] as const;
  });
  return body.map(({ record, info }) => {
    const row = Object.fromEntries(columns.map(([field, index]) => [field, unguardCsvText((record[index] ?? '').trim())])) as unknown as ImprovementRow;
    if (row.id === '') throw new DrillError(`${file}:${info.lines}:1: Id is empty; keep the Id of each row (new rows: any new Id)`);
    for (const [field, index] of columns) {
      if ((field === 'startDate' || field === 'completionDate') && row[field] !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(row[field])) {
        throw new DrillError(`${file}:${info.lines}:${index + 1}: ${field === 'startDate' ? 'Start Date' : 'Completion Date'} "${row[field]}" is not a date YYYY-MM-DD`);
      }
    }
    return row;
  });
}
