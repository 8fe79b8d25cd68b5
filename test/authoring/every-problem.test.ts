import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, EARTHQUAKE_TEXT, earthquakeWith, lineOf, tempDir, tempFile } from '../scenario/helpers.js';

/** `crisis-sim validate` and `msel import` report every problem of every pass in one run. */
describe('every problem at once', () => {
  it('a field typo does not hide an unknown id or a duplicate inject id', () => {
    const text = earthquakeWith('consent: required', 'consnt: required').replace('hosts: [hti]', 'hosts: [inda]').replace('  - id: airport-congestion', '  - id: aftershock');
    const file = tempFile('three.yaml', text);
    const { status, stdout, stderr } = cli(['validate', file]);
    expect(status).toBe(1);
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      `${file}:${lineOf(text, 'consnt')}:7: error: unknown field "consnt"; did you mean "consent"? (nations[0].sovereignty.consnt)`,
      `${file}:${lineOf(text, 'hosts: [inda]')}:11: error: unknown nation id "inda" (crisis.hosts[0])`,
      `${file}:${lineOf(EARTHQUAKE_TEXT, '  - id: airport-congestion')}:9: error: duplicate inject id "aftershock" (injects[1].id)`,
    ]);
    expect(stderr).toBe('1 file checked: 3 errors, 0 warnings\n');
  });

  it('a syntax error in one nation does not hide a shape error elsewhere', () => {
    const text = earthquakeWith('  - id: caricom', '  - id: caricom\n   name: stray').replace('severity: 0.9', 'severity: high');
    const file = tempFile('syntax-and-shape.yaml', text);
    const { stdout } = cli(['validate', file]);
    expect(stdout).toMatch(/error: .*indicator|error: .*mapping|error: .*Nested/i);
    expect(stdout).toContain(`${file}:${lineOf(text, 'severity: high')}:13: error: expected a number, got "high" (crisis.severity)`);
  });

  it('a nation written by its name gets its id as a hint, by name or near miss', () => {
    const text = earthquakeWith('hosts: [hti]', 'hosts: [Haiti, haiti]');
    const { stdout } = cli(['validate', tempFile('names.yaml', text)]);
    expect(stdout).toContain('got "Haiti"; did you mean "hti" (Haiti)? (crisis.hosts[0])');
    expect(stdout).toContain('unknown nation id "haiti"; did you mean "hti" (Haiti)? (crisis.hosts[1])');
  });

  it('drill --play: each nation written by name or initials gets its own hint', () => {
    const { status, stderr } = cli(['drill', 'scenarios/nepal-earthquake.yaml', '--play', 'Nepal,uk,atlantis']);
    expect(status).toBe(1);
    expect(stderr).toBe('crisis-sim: --play: unknown nation Nepal (did you mean "npl" (Nepal)?), uk (did you mean "gbr" (United Kingdom)?), atlantis; the scenario\'s nations are npl, ind, chn, usa, gbr, isr, pak\n');
  });

  it('msel import: empty cells do not hide a duplicate id, nor a bad policy an unknown nation (named by its initials)', () => {
    const dir = tempDir();
    const scenario = tempFile('s.yaml', EARTHQUAKE_TEXT, dir);
    const csv = tempFile('bad.csv', 'Inject ID,Scenario Time (h),Event Title,Event Type,Effect Parameters\na1,,One,none,\na1,5,Two,host.policy,host=uk; policy=clsed\n', dir);
    const { status, stderr } = cli(['msel', 'import', csv, '--into', scenario]);
    expect(status).toBe(1);
    expect(stderr.split('\n').filter(Boolean).sort()).toEqual(
      [
        `${csv}:2:2: error: row 2, column B "Scenario Time (h)": missing required field "atHours" (expected a number) (injects[0].atHours)`,
        `${csv}:3:1: error: row 3, column A "Inject ID": duplicate inject id "a1" (injects[1].id)`,
        `${csv}:3:5: error: row 3, column E "Effect Parameters": expected one of "open", "restrictive", "closed", got "clsed"; did you mean "closed"? (injects[1].effect.policy)`,
        `${csv}:3:5: error: row 3, column E "Effect Parameters": unknown nation id "uk"; did you mean "gbr" (United Kingdom)? (injects[1].effect.host)`,
      ].sort(),
    );
    expect(readFileSync(scenario, 'utf8')).toBe(EARTHQUAKE_TEXT);
  });
});
