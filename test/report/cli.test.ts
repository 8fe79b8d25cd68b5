import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SHIPPED_SCENARIO } from './helpers.js';

const BIN = new URL('../../bin/crisis-sim.mjs', import.meta.url).pathname;
const exec = promisify(execFile);

/** Runs the real CLI; resolves with its exit code and output, whatever the code. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec('node', [BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const dir = mkdtempSync(join(tmpdir(), 'crisis-sim-report-'));

describe('crisis-sim run --report and crisis-sim report', () => {
  it('writes the same HTML report from a run as from its trace, and Markdown on request', async () => {
    const html = join(dir, 'run.html');
    const trace = join(dir, 'run.jsonl');
    const run = await cli('run', SHIPPED_SCENARIO, '--seed', '1', '--trace', trace, '--report', html);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('first foreign response');
    expect(run.stderr).toContain(`report written to ${html}`);

    const fromTrace = join(dir, 'trace.html');
    const markdown = join(dir, 'report.md');
    const [toHtml, toMarkdown, toStdout] = await Promise.all([cli('report', trace, '-o', fromTrace), cli('report', trace, '-o', markdown), cli('report', trace)]);
    expect([toHtml.code, toMarkdown.code, toStdout.code]).toEqual([0, 0, 0]);
    expect(readFileSync(fromTrace, 'utf8')).toBe(readFileSync(html, 'utf8'));
    expect(readFileSync(markdown, 'utf8')).toMatch(/^# After-action report: Caribbean earthquake/);
    expect(toStdout.stdout).toBe(readFileSync(markdown, 'utf8'));
  });

  it('refuses a report name it cannot tell the format of, before running anything', async () => {
    const result = await cli('run', SHIPPED_SCENARIO, '--report', join(dir, 'report.pdf'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`crisis-sim: cannot tell the report format from "${join(dir, 'report.pdf')}": name the file .html or .md\n`);
    expect(result.stdout).toBe('');
  });

  it('names the file and line of a broken trace, with no stack trace, and writes nothing', async () => {
    const trace = join(dir, 'broken.jsonl');
    writeFileSync(trace, '{"type":"header","engine":{"name":"crisis-sim","version":"0.1.0"},"scenario":"x","scenarioHash":"sha256:0","seed":1,"scenarioDocument":{"id":"x"}}\n');
    const output = join(dir, 'broken.html');
    const result = await cli('report', trace, '-o', output);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^crisis-sim: ${trace}:1: scenarioDocument: name: .+\\n$`));
    expect(existsSync(output)).toBe(false);
  });

  it('documents itself with --help', async () => {
    const [help, runHelp] = await Promise.all([cli('report', '--help'), cli('run', '--help')]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('-o, --output <file>');
    expect(help.stdout).toContain('--format <format>');
    expect(runHelp.stdout).toContain('--report <file>');
  });
});
