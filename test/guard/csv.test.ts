import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, guardCsvText, unguardCsvText } from '../../src/guard/csv.js';

describe('the CSV cell writer', () => {
  it('neutralises cells a spreadsheet would run as formulas (OWASP: = + - @ tab CR)', () => {
    for (const text of ['=HYPERLINK("http://evil.example","x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1', "'=1"]) {
      expect(guardCsvText(text)).toBe(`'${text}`);
    }
    expect(csvCell('=1+2')).toBe("'=1+2");
  });

  it('leaves plain numbers and ordinary text alone', () => {
    for (const text of ['-3', '+1.5e3', '-0', 'medical', "it's", "'quoted", '']) expect(guardCsvText(text)).toBe(text);
    expect(csvLine([-3, 0.5, null, true])).toBe('-3,0.5,,true\n');
  });

  it('should give back every text exactly after guard and unguard', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', '1', 'a', '.', 'e') }), fc.string(), (prefix, rest) => {
        const text = prefix + rest;
        expect(unguardCsvText(guardCsvText(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('should read back every row exactly (quoting, bare CR included) with a standard CSV parser', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', '=', ' ', "'", '-') }), { minLength: 1, maxLength: 5 }), (cells) => {
        const [row] = parse(csvLine(cells, '\r\n'), { relax_column_count: true }) as string[][];
        expect(row!.map(unguardCsvText)).toEqual(cells);
      }),
      { numRuns: 1000 },
    );
  });

  it('quotes a bare carriage return, so Python-style readers keep the row whole', () => {
    expect(csvLine(['a\rb', 'c'])).toBe('"a\rb",c\n');
  });
});
