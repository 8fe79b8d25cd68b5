import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../src/guard/csv.js';

describe('CSV rows', () => {
  it('round-trips commas, quotes, line breaks, empty cells and JSON factor values through a standard CSV reader', () => {
    const cells = ['a', 'b,c', 'say "hi"', 'line\nbreak', '', null, 3.5, true, '{"triangular":[1,2,3]}'];
    expect(parse(csvLine(cells))).toEqual([['a', 'b,c', 'say "hi"', 'line\nbreak', '', '', '3.5', 'true', '{"triangular":[1,2,3]}']]);
    expect(csvLine(['x', null, 2])).toBe('x,,2\n');
  });
});
