import { csvLine } from '../guard/csv.js';
import type { Inject } from '../scenario/schema.js';
import { conditionCell, effectCell, MSEL_COLUMNS, numberCell, type MselColumn } from './columns.js';

/**
 * A scenario's injects as an MSEL CSV: a header row, then one row per inject in scenario
 * order. UTF-8 with a byte-order mark and CRLF line ends, as spreadsheet programs expect;
 * every value is written exactly, so importing the file gives the same injects back. Text
 * cells are guarded against formula injection (src/guard/csv.ts); import undoes the guard.
 */
export function injectsToMsel(injects: readonly Inject[]): string {
  const rows = injects.map((inject, index) => MSEL_COLUMNS.map((column) => cellOf(column, inject, index)));
  return `\ufeff${[MSEL_COLUMNS.map((column) => column.header), ...rows].map((row) => csvLine(row, '\r\n')).join('')}`;
}

function cellOf(column: MselColumn, inject: Inject, index: number): string {
  switch (column.field) {
    case 'eventNumber':
      return String(index + 1);
    case 'atHours':
      return numberCell(inject.atHours);
    case 'effectType':
      return inject.effect.type;
    case 'effect':
      return effectCell(inject.effect);
    case 'tasks':
      return inject.tasks?.join(',') ?? '';
    case 'when':
      return conditionCell(inject.when);
    case 'id':
    case 'mode':
    case 'from':
    case 'to':
    case 'title':
    case 'description':
    case 'expectedAction':
    case 'objective':
    case 'notes':
      return inject[column.field];
    default: {
      const exhaustive: never = column.field;
      throw new Error(`unhandled MSEL column ${String(exhaustive)}`);
    }
  }
}
