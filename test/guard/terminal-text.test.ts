import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { styleFor } from '../../src/drill/style.js';
import { terminalSafe, terminalSafeJson } from '../../src/guard/terminal-text.js';
import { CARIBBEAN, crisisSim, scratchDir, writeScript } from '../drill/binary.js';

/**
 * Names, titles, notes and CSV headers come from files: their escape sequences must not
 * reach a terminal raw, where they could clear the screen, rewrite earlier lines, retitle
 * the window or reorder text (bidi overrides). They are shown as `\x1B`-style escapes.
 */

const ESC = '\u001b';
/** Any raw control character or bidi override a terminal would act on (line feeds and tabs aside). */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminal-safe text', () => {
  it('shows control characters and bidi overrides as escapes, keeping line feeds and tabs', () => {
    expect(terminalSafe(`a${ESC}[2Jb\u0007c\u202ed\u009be\tf\ng`)).toBe('a\\x1B[2Jb\\x07c\\u202Ed\\x9Be\tf\ng');
  });

  it('lets through only the exact colour sequences of the drill screen\'s own style', () => {
    const style = styleFor(true, { TERM: 'xterm-256color' });
    const line = style.heading(`== ${ESC}[1A${ESC}[2Kname ${ESC}[8mhidden ${ESC}[1;36m ==`);
    const shown = terminalSafe(line, style.sequences);
    expect(shown.startsWith(`${ESC}[1;36m== \\x1B[1A\\x1B[2Kname \\x1B[8mhidden `)).toBe(true);
    expect(shown.endsWith(`${ESC}[0m`)).toBe(true);
    // Without colour (NO_COLOR, a pipe) nothing passes at all.
    expect(terminalSafe(line, styleFor(false, {}).sequences)).not.toMatch(RAW_CONTROL);
  });

  it('JSON for a terminal stays valid JSON of the same text', () => {
    const value = { name: `x${ESC}]0;title\u0007\u009b\u202e` };
    const json = terminalSafeJson(JSON.stringify(value));
    expect(json).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('escape sequences from files at the command line', () => {
  const dir = scratchDir();
  const base = readFileSync(CARIBBEAN, 'utf8')
    .replace('name: Caribbean earthquake (consenting host)', 'name: "\\e]0;pwned\\aquake\\e[2J \\u202eevil"')
    .replace('    name: United States', '    name: "United\\e[1A\\e[2KStates"');
  writeFileSync(join(dir, 'esc.yaml'), base);
  writeFileSync(join(dir, 'bad.yaml'), base.replace('hosts: [hti]', 'hosts: ["h\\e[2Jti"]'));

  it('run: the summary and its --json show names escaped', () => {
    const summary = crisisSim(['run', 'esc.yaml', '--seed', '1'], { cwd: dir });
    expect(summary.status).toBe(0);
    expect(summary.stdout).not.toMatch(RAW_CONTROL);
    expect(summary.stdout).toContain('\\x1B]0;pwned\\x07quake\\x1B[2J \\u202Eevil');
    const json = crisisSim(['run', 'esc.yaml', '--seed', '1', '--json'], { cwd: dir });
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(json.stdout).metrics).toBeDefined();
  });

  it('validate: problems quoting a value print it escaped', () => {
    const result = crisisSim(['validate', 'bad.yaml'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    expect(result.stdout).toContain('got "h\\x1B[2Jti"');
  });

  it('msel import: a warning about a CSV header prints it escaped', () => {
    expect(crisisSim(['msel', 'export', 'esc.yaml', '-o', 'msel.csv'], { cwd: dir }).status).toBe(0);
    const [header, ...rows] = readFileSync(join(dir, 'msel.csv'), 'utf8').split('\r\n');
    writeFileSync(join(dir, 'extra.csv'), [`${header},"Bad${ESC}[2JColumn"`, ...rows.map((row) => (row === '' ? row : `${row},`))].join('\r\n'));
    const result = crisisSim(['msel', 'import', 'extra.csv', '--into', 'esc.yaml', '-o', 'out.yaml'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stderr).not.toMatch(RAW_CONTROL);
    expect(result.stderr).toContain('column "Bad\\x1B[2JColumn" is not part of the MSEL format');
  });

  it('drill: the screen shows the scenario, nation names, notes and script lines escaped', () => {
    const script = writeScript(dir, 'script.txt', [`note clear${ESC}[2J${ESC}]0;title\u0007done`, 'act', 'quit']);
    const result = crisisSim(['drill', 'esc.yaml', '--play', 'usa', '--seed', '1', '--script', script, '--log', 'drill.jsonl'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    expect(result.stdout).toContain('crisis-sim drill: \\x1B]0;pwned\\x07quake');
    expect(result.stdout).toContain('United\\x1B[1A\\x1B[2KStates (usa)');
    expect(result.stdout).toContain('note clear\\x1B[2J\\x1B]0;title\\x07done');
  });
});
