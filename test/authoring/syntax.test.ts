import { describe, expect, it } from 'vitest';
import { cli, earthquakeWith, tempFile } from '../scenario/helpers.js';

/** YAML syntax errors as a designer meets them in `crisis-sim validate`. */
describe('YAML syntax errors', () => {
  it('are reported at the line and column the parser gives, once each, and the summary starts on its own line', () => {
    const text = earthquakeWith('  - id: caricom', '  - id: caricom\n   name: stray');
    const file = tempFile('syntax.yaml', text);
    const strayLine = text.split('\n').findIndex((line) => line === '   name: stray') + 1;
    const { status, stdout, stderr } = cli(['validate', file]);
    expect(status).toBe(1);
    const lines = stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines[0]).toMatch(new RegExp(`^${file}:${strayLine}:\\d+: error: `));
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stderr).toMatch(/^1 file checked: \d+ errors?, 0 warnings\n$/);
  });
});
