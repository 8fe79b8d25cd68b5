import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/index.js';
import { MSEL_COLUMNS } from '../../src/msel/columns.js';
import { injectsToMsel } from '../../src/msel/export.js';
import { mselToInjects } from '../../src/msel/import.js';
import { replaceInjects } from '../../src/msel/into-scenario.js';
import { injectSchema, type Inject } from '../../src/scenario/schema.js';
import { cli, EARTHQUAKE_TEXT, ROOT, tempDir, tempFile } from '../scenario/helpers.js';

/** MSEL CSV: HSEEP-like columns, lossless export/import, bad cells named by row and column. */

const EARTHQUAKE = join(ROOT, 'scenarios/caribbean-earthquake.yaml');

const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', 'a, "quoted" word', 'two\nlines', 'crlf\r\nline', 'lone\rreturn', '\ttab', 'semi; colon=equals', ' padded ', '=SUM(A1)', 'caf\u00e9 \u2013 \u6771\u4eac'));
const amount = fc.double({ noNaN: true, noDefaultInfinity: true });
const pair = fc.tuple(id, id);
const effect = fc.oneof(
  fc.constant({ type: 'none' as const }),
  fc.record({ type: fc.constant('need.add' as const), capability: id, amount }),
  fc.record({ type: fc.constant('host.policy' as const), host: id, policy: fc.constantFrom('open' as const, 'restrictive' as const, 'closed' as const) }),
  fc.record({ type: fc.constantFrom('hotline.down' as const, 'hotline.up' as const), between: pair }),
  fc.record({ type: fc.constant('trust.change' as const), between: pair, delta: fc.double({ min: -1, max: 1, noNaN: true }) }),
  fc.record({ type: fc.constant('budget.change' as const), nation: id, deltaMusd: amount }),
  fc.record({ type: fc.constant('pressure' as const), amount: fc.double({ min: -1, max: 1, noNaN: true }) }),
  fc.record({ type: fc.constantFrom('escalation' as const, 'attack' as const) }),
  fc.record({ type: fc.constant('mandate.grant' as const), organization: id }),
);
/** An inject as the loader produces it (every field present, defaults filled). */
const inject: fc.Arbitrary<Inject> = fc
  .record({
    id,
    atHours: fc.double({ min: 0, max: 1e6, noNaN: true }),
    title: text.filter((value) => value.trim() !== ''),
    description: text,
    effect,
    from: text,
    to: text,
    mode: text,
    expectedAction: text,
    objective: text,
    notes: text,
  })
  .map((value) => injectSchema.parse(value));

describe('MSEL export', () => {
  it('writes the HSEEP-like columns, one row per inject, with a BOM and CRLF for spreadsheets', () => {
    const { scenario } = loadScenarioFile(EARTHQUAKE);
    const csv = injectsToMsel(scenario.injects);
    expect(csv.startsWith('\ufeffEvent No.,Inject ID,Scenario Time (h),Event Type,Inject Mode,From,To,Event Title,Message / Description,Expected Player Action,Objective / Capability,Critical Tasks,Notes,Effect Parameters,Condition\r\n')).toBe(true);
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(scenario.injects.length);
    expect(rows[0]).toMatchObject({ 'Event No.': '1', 'Inject ID': 'aftershock', 'Scenario Time (h)': '192', 'Event Type': 'need.add', 'Inject Mode': 'news report', From: 'SIMCELL', 'Effect Parameters': 'capability=search-rescue; amount=3' });
    expect(MSEL_COLUMNS.map((column) => column.header)).toHaveLength(15);
  });
});

describe('MSEL import', () => {
  it('should give back exactly the injects that were exported (lossless)', () => {
    fc.assert(
      fc.property(fc.array(inject, { maxLength: 6 }), (injects) => {
        const imported = mselToInjects(injectsToMsel(injects), 'msel.csv');
        expect(imported.issues).toEqual([]);
        expect(imported.injects).toEqual(injects);
      }),
      { numRuns: 200 },
    );
  });

  it('matches columns by header in any order, case and spacing ignored', () => {
    const csv = 'event title,SCENARIO TIME (H),inject id,event type,effect parameters\nQuake,12.5,quake,need.add,capability=medical; amount=2\n';
    const { injects, issues } = mselToInjects(csv, 'x.csv');
    expect(issues).toEqual([]);
    expect(injects).toEqual([injectSchema.parse({ id: 'quake', atHours: 12.5, title: 'Quake', effect: { type: 'need.add', capability: 'medical', amount: 2 } })]);
  });

  it('names the row and column of every bad cell, with the closest valid name', () => {
    const csv = [
      'Inject ID,Scenario Time (h),Event Title,Event Type,Effect Parameters,Notez,Controller',
      'a,abc,First,need.ad,,,Kim',
      'b,5,Second,need.add,capabilty=medical; amount=x,,Lee',
      ',6,,none,,,',
      'd,7,Fourth,pressure,amount,,',
    ].join('\n');
    const { issues } = mselToInjects(csv, 'bad.csv');
    expect(issues.map((issue) => `${issue.position.line}:${issue.position.col} ${issue.severity}: ${issue.message}`)).toEqual([
      '1:6 error: unknown column "Notez"; did you mean "Notes"?',
      '1:7 warning: column "Controller" is not part of the MSEL format and is ignored',
      '2:2 error: row 2, column B "Scenario Time (h)": "abc" is not a duration; write a number of hours (12), 90m, 25h, 9d, 1d12h, "1 day 6 hours", T+30h, "Day 2 06:00" or 18:04',
      '2:4 error: row 2, column D "Event Type": unknown effect type "need.ad"; expected one of none, need.add, host.policy, hotline.down, hotline.up, trust.change, budget.change, pressure, escalation, attack, mandate.grant; did you mean "need.add"?',
      '3:5 error: row 3, column E "Effect Parameters": missing required field "capability" (expected text)',
      '3:5 error: row 3, column E "Effect Parameters": expected a number, got "x"',
      '3:5 error: row 3, column E "Effect Parameters": unknown field "capabilty"; did you mean "capability"?',
      '4:1 error: row 4, column A "Inject ID": missing required field "id" (expected text)',
      '4:3 error: row 4, column C "Event Title": missing required field "title" (expected text)',
      '5:5 error: row 5, column E "Effect Parameters": expected key=value pairs separated by ";", got "amount"',
    ]);
  });

  it('reports a missing required column, an empty file and broken CSV quoting', () => {
    expect(mselToInjects('Inject ID,Event Title\n', 'x.csv').issues.map((issue) => issue.message)).toEqual(['missing column "Scenario Time (h)" (hours from crisis onset)']);
    expect(mselToInjects('', 'x.csv').issues[0]!.message).toMatch(/^empty MSEL: expected a header row/);
    const broken = mselToInjects('Inject ID,Scenario Time (h),Event Title\na,1,"unclosed\n', 'x.csv').issues;
    expect(broken).toHaveLength(1);
    expect(broken[0]!.message).toMatch(/^CSV syntax: /);
  });

  it('replaces the injects of a scenario and keeps every other line as written', () => {
    const { scenario } = loadScenarioFile(EARTHQUAKE);
    expect(replaceInjects(EARTHQUAKE_TEXT, scenario.injects)).toBe(EARTHQUAKE_TEXT);
    const fewer = replaceInjects(EARTHQUAKE_TEXT, scenario.injects.slice(0, 1));
    expect(fewer.split('\n').slice(0, 150)).toEqual(EARTHQUAKE_TEXT.split('\n').slice(0, 150));
    expect(fewer).not.toContain('airport-congestion');
  });
});

describe('crisis-sim msel', () => {
  it('export then import through the CLI leaves the scenario file unchanged', () => {
    const dir = tempDir();
    const scenarioFile = tempFile('drill.yaml', EARTHQUAKE_TEXT, dir);
    const csv = join(dir, 'msel.csv');
    expect(cli(['msel', 'export', scenarioFile, '-o', csv])).toMatchObject({ status: 0, stderr: `wrote 2 injects to ${csv}\n` });
    const imported = cli(['msel', 'import', csv, '--into', scenarioFile]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(readFileSync(scenarioFile, 'utf8')).toBe(EARTHQUAKE_TEXT);
  });

  it('an edited spreadsheet row becomes an inject that validates and runs', () => {
    const dir = tempDir();
    const scenarioFile = tempFile('drill.yaml', EARTHQUAKE_TEXT, dir);
    const csv = join(dir, 'msel.csv');
    cli(['msel', 'export', scenarioFile, '-o', csv]);
    writeFileSync(csv, `${readFileSync(csv, 'utf8')}3,consent-revoked,100,host.policy,phone,SIMCELL,Haiti,Consent revoked,,Negotiate,Access,,,host=hti; policy=closed\r\n`);
    const out = join(dir, 'drill-2.yaml');
    expect(cli(['msel', 'import', csv, '--into', scenarioFile, '-o', out]).status).toBe(0);
    expect(loadScenarioFile(out).scenario.injects.at(-1)).toMatchObject({ id: 'consent-revoked', atHours: 100, effect: { type: 'host.policy', host: 'hti', policy: 'closed' } });
    expect(cli(['run', out]).status).toBe(0);
  });

  it('an unknown nation in a row is reported at its CSV cell and nothing is written', () => {
    const dir = tempDir();
    const scenarioFile = tempFile('drill.yaml', EARTHQUAKE_TEXT, dir);
    const csv = tempFile('msel.csv', 'Inject ID,Scenario Time (h),Event Title,Event Type,Effect Parameters\nx,5,Revoked,host.policy,host=htii; policy=closed\n', dir);
    const { status, stderr } = cli(['msel', 'import', csv, '--into', scenarioFile]);
    expect(status).toBe(1);
    expect(stderr).toBe(`${csv}:2:5: error: row 2, column E "Effect Parameters": unknown nation id "htii"; did you mean "hti" (Haiti)? (injects[0].effect.host)\n`);
    expect(readFileSync(scenarioFile, 'utf8')).toBe(EARTHQUAKE_TEXT);
  });

  it('export of a broken scenario prints its errors and writes nothing', () => {
    const dir = tempDir();
    const broken = tempFile('broken.yaml', EARTHQUAKE_TEXT.replace('severity: 0.9', 'severity: high'), dir);
    const { status, stderr } = cli(['msel', 'export', broken, '-o', join(dir, 'out.csv')]);
    expect(status).toBe(1);
    expect(stderr).toMatch(/broken\.yaml:\d+:13: error: expected a number, got "high" \(crisis\.severity\)/);
    expect(() => readFileSync(join(dir, 'out.csv'))).toThrow();
  });

  it('has --help for both subcommands', () => {
    expect(cli(['msel', 'export', '--help']).stdout).toMatch(/--output/);
    expect(cli(['msel', 'import', '--help']).stdout).toMatch(/--into/);
  });
});
