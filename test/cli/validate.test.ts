import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, earthquakeWith, EARTHQUAKE_TEXT, lineOf, shippedScenarios, tempFile } from '../scenario/helpers.js';

/** `crisis-sim validate` as designers call it: one line per problem, exit code, --strict, --json. */

describe('crisis-sim validate', () => {
  it('accepts every shipped scenario', () => {
    const files = shippedScenarios();
    const { status, stdout, stderr } = cli(['validate', ...files]);
    expect(stdout).toBe('');
    expect(status).toBe(0);
    expect(stderr).toBe(`${files.length} files checked: valid\n`);
  });

  it('prints every problem of every file as file:line:col: error: message (field) and exits 1', () => {
    const broken = tempFile('broken.yaml', earthquakeWith('consent: required', 'consent: requird').replace('severity: 0.9', 'severity: high'));
    const good = tempFile('good.yaml', EARTHQUAKE_TEXT);
    const { status, stdout, stderr } = cli(['validate', good, broken]);
    expect(status).toBe(1);
    const text = readFileSync(broken, 'utf8');
    expect(stdout.split('\n').filter(Boolean).sort()).toEqual(
      [
        `${broken}:${lineOf(text, 'consent: requird')}:16: error: expected one of "required", "automatic", "refused", got "requird"; did you mean "required"? (nations[0].sovereignty.consent)`,
        `${broken}:${lineOf(text, 'severity: high')}:13: error: expected a number, got "high" (crisis.severity)`,
      ].sort(),
    );
    expect(stderr).toBe('2 files checked: 2 errors, 0 warnings\n');
    expect(stderr).not.toMatch(/at .*\.ts/);
  });

  it('warnings pass unless --strict', () => {
    const file = tempFile('warn.yaml', earthquakeWith('- { capability: engineering, initial: 30,', '- { capability: enginering, initial: 30,'));
    const relaxed = cli(['validate', file]);
    expect(relaxed.status).toBe(0);
    expect(relaxed.stdout).toMatch(/^.*warn\.yaml:\d+:\d+: warning: no nation has "enginering" units/);
    expect(relaxed.stderr).toBe('1 file checked: valid (1 warning)\n');
    const strict = cli(['validate', '--strict', file]);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toBe('1 file checked: 0 errors, 1 warning (--strict: warnings fail)\n');
  });

  it('--json prints the issues as data', () => {
    const file = tempFile('bad.yaml', earthquakeWith('authorize: 4 }', 'autohrize: 4 }'));
    const { status, stdout } = cli(['validate', '--json', file]);
    expect(status).toBe(1);
    expect(JSON.parse(stdout)).toEqual([
      expect.objectContaining({ severity: 'error', code: 'schema.unrecognized_key', path: ['nations', 0, 'decision', 'autohrize'], file, position: { line: 31, col: 41 } }),
    ]);
  });

  it('a missing file and binary garbage are one line each, no stack trace', () => {
    const garbage = tempFile('garbage.yaml', Buffer.from([0x00, 0x9f, 0x92, 0x96, 0xff]));
    const { status, stdout } = cli(['validate', '/nonexistent.yaml', garbage]);
    expect(status).toBe(1);
    expect(stdout).toBe(`/nonexistent.yaml:1:1: error: file not found\n${garbage}:1:2: error: invalid UTF-8 (byte 0x9f); save the file as UTF-8\n`);
  });

  it('has --help', () => {
    const { status, stdout } = cli(['validate', '--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/--strict/);
  });
});
