import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/drill/commands.js';
import { parseDuration } from '../../src/scenario/duration.js';
import { cli, EARTHQUAKE_TEXT, earthquakeWith, lineOf, tempDir, tempFile } from '../scenario/helpers.js';

/** One duration syntax: scenario fields, MSEL cells, drill commands and CLI options. */
describe('durations as designers write them', () => {
  it('reads hours, units, T+ and exercise-day clock times, from the onset when there is one', () => {
    const cases: [string, number][] = [['12', 12], ['9d', 216], ['1d12h', 36], ['1 day', 24], ['1 day 6 hours', 30], ['T+30h', 30], ['T+1d6h', 30], ['25h', 25], ['90m', 1.5], ['Day 2 06:00', 30], ['Day 7 12:00', 156], ['18:04', 18 + 4 / 60]];
    for (const [text, hours] of cases) expect(parseDuration(text), text).toEqual(expect.objectContaining({ hours }));
    // Onset 2015-04-25 11:56 local: Day 2 06:00 is 18 h 4 min later; a date counts from it too.
    expect(parseDuration('Day 2 06:00', '2015-04-25T11:56')).toEqual(expect.objectContaining({ hours: 18 + 4 / 60 }));
    expect(parseDuration('2015-04-26 06:00', '2015-04-25T11:56')).toEqual(expect.objectContaining({ hours: 18 + 4 / 60 }));
    expect(parseDuration('Day 1 06:00', '2015-04-25T11:56')).toEqual({ error: expect.stringContaining('before the onset') });
    expect(parseDuration('soon')).toEqual({ error: expect.stringContaining('"soon" is not a duration') });
  });

  it('a scenario with atHours "9d", a delay of "1 day" and horizonHours "30d" validates and runs', () => {
    const text = earthquakeWith('    atHours: 192', '    atHours: 9d').replace('consentDelay: { triangular: [1, 3, 6] }', 'consentDelay: 1 day').replace(/^horizonHours: .*$/m, 'horizonHours: 30d');
    const file = tempFile('days.yaml', text);
    expect(cli(['validate', file]).stderr).toBe('1 file checked: valid\n');
    const run = cli(['run', file, '--json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).horizonHours).toBe(720);
  });

  it('a bad duration names its field and the accepted forms', () => {
    const text = earthquakeWith('    atHours: 192', '    atHours: next week');
    const file = tempFile('bad.yaml', text);
    const { stdout } = cli(['validate', file]);
    expect(stdout).toBe(`${file}:${lineOf(text, 'atHours: next week')}:14: error: "next week" is not a duration; write a number of hours (12), 90m, 25h, 9d, 1d12h, "1 day 6 hours", T+30h, "Day 2 06:00" or 18:04 (injects[0].atHours)\n`);
  });

  it('drill commands take the same syntax', () => {
    expect(parseCommand('advance 1d12h')).toEqual({ type: 'advance', byHours: 36 });
    expect(parseCommand('advance to T+2d')).toEqual({ type: 'advance-to', atHours: 48 });
    expect(parseCommand('advance to Day 3 06:00')).toEqual({ type: 'advance-to', atHours: 54 });
  });

  it('--until takes a duration', () => {
    const run = JSON.parse(cli(['run', tempFile('s.yaml', EARTHQUAKE_TEXT), '--until', '2d', '--json']).stdout);
    expect(run.horizonHours).toBe(48);
  });

  it('msel import reads a semicolon CSV from European Excel with T+, Day and clock times', () => {
    const dir = tempDir();
    const scenario = tempFile('s.yaml', EARTHQUAKE_TEXT, dir);
    const csv = tempFile(
      'semi.csv',
      '\ufeffInject ID;Scenario Time (h);Event Title;Event Type;Effect Parameters\r\n' +
        'a1;T+30h;One;none;\r\na2;Day 2 06:00;Two;need.add;"capability=medical; amount=3"\r\na3;25h;Three;;\r\na4;18:04;Four;pressure;amount=0.1\r\na5;Day 7 12:00;Five;;\r\n',
      dir,
    );
    const { status, stderr } = cli(['msel', 'import', csv, '--into', scenario]);
    expect(stderr).toBe(`imported 5 injects from ${csv} into ${scenario}\n`);
    expect(status).toBe(0);
    const rows = cli(['msel', 'export', scenario]).stdout.split('\r\n').slice(1, 6).map((row) => row.split(','));
    expect(rows.map((row) => row[1])).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    // The scenario's clock starts at 2010-01-12 16:53 local: Day 2 06:00 is 13 h 7 min later, 18:04 is 1 h 11 min.
    const onsetHourOfDay = 16 + 53 / 60;
    const expected = [30, 30 - onsetHourOfDay, 25, 18 + 4 / 60 - onsetHourOfDay, 6 * 24 + 12 - onsetHourOfDay];
    rows.forEach((row, index) => expect(Number(row[2])).toBeCloseTo(expected[index]!, 9));
    expect(readFileSync(scenario, 'utf8')).toContain('  - id: a3\n    atHours: 25\n    title: Three\n');
  });

  it('a CSV that no separator splits into MSEL columns says so', () => {
    const dir = tempDir();
    const csv = tempFile('pipes.csv', 'Inject ID|Scenario Time (h)|Event Title\na|1|b\n', dir);
    const { status, stderr } = cli(['msel', 'import', csv, '--into', tempFile('s.yaml', EARTHQUAKE_TEXT, dir)]);
    expect(status).toBe(1);
    expect(stderr).toBe(`${csv}:1:1: error: the header row has no MSEL column names when split by comma, semicolon or tab; expected at least "Inject ID", "Scenario Time (h)", "Event Title"\n`);
  });
});
