import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, EARTHQUAKE_TEXT, earthquakeWith, tempDir, tempFile } from '../scenario/helpers.js';

/** MSEL export then import through the CLI, as a designer round-trips a spreadsheet. */
describe('MSEL round trip', () => {
  it('keeps comments inside injects and an explicit none effect, byte for byte', () => {
    const text = earthquakeWith('  - id: airport-congestion', '  # Logistics strand: the airport fills up first.\n  - id: briefing\n    atHours: 12\n    title: Press briefing\n    effect: { type: none }\n  - id: airport-congestion');
    const dir = tempDir();
    const scenario = tempFile('s.yaml', text, dir);
    const csv = join(dir, 'msel.csv');
    expect(cli(['msel', 'export', scenario, '-o', csv]).status).toBe(0);
    expect(cli(['msel', 'import', csv, '--into', scenario]).status).toBe(0);
    expect(readFileSync(scenario, 'utf8')).toBe(text);
  });

  it('an edited row is rewritten while its unchanged neighbours keep their text', () => {
    const text = earthquakeWith('  - id: airport-congestion', '  # Logistics strand.\n  - id: airport-congestion');
    const dir = tempDir();
    const scenario = tempFile('s.yaml', text, dir);
    const csv = join(dir, 'msel.csv');
    cli(['msel', 'export', scenario, '-o', csv]);
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(',aftershock,192,', ',aftershock,Day 9 06:00,'));
    expect(cli(['msel', 'import', csv, '--into', scenario]).status).toBe(0);
    const after = readFileSync(scenario, 'utf8');
    expect(after).toContain('  # Logistics strand.\n  - id: airport-congestion\n');
    // Day 9 06:00 from the onset at 16:53 on Day 1: 7 days and 13 h 7 min later.
    expect(after).toMatch(/  - id: aftershock\n    atHours: 181\.11666/);
  });

  it('rows sorted differently in the sheet reorder the injects, and the import says so', () => {
    const dir = tempDir();
    const scenario = tempFile('s.yaml', EARTHQUAKE_TEXT, dir);
    const csv = join(dir, 'msel.csv');
    cli(['msel', 'export', scenario, '-o', csv]);
    const [header, first, second] = readFileSync(csv, 'utf8').split('\r\n');
    writeFileSync(csv, [header, second, first, ''].join('\r\n'));
    const { status, stderr } = cli(['msel', 'import', csv, '--into', scenario]);
    expect(status).toBe(0);
    expect(stderr).toBe(`note: the injects now follow the spreadsheet's row order, not the scenario's: airport-congestion, aftershock changed place (runs do not depend on the order)\nimported 2 injects from ${csv} into ${scenario}\n`);
    expect(readFileSync(scenario, 'utf8').indexOf('- id: airport-congestion')).toBeLessThan(readFileSync(scenario, 'utf8').indexOf('- id: aftershock'));
    // The same order again: nothing to say.
    expect(cli(['msel', 'import', csv, '--into', scenario]).stderr).toBe(`imported 2 injects from ${csv} into ${scenario}\n`);
  });
});
