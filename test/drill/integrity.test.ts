import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARIBBEAN, crisisSim, scratchDir, writeScript } from './binary.js';

/**
 * A drill log proves its own replay: every action but notes and plans carries the
 * fingerprint of the state it was taken in, and `end` the state the run closed in. A log
 * whose fingerprints were deleted, or whose decisions were edited, is refused by resume
 * and by report with one line saying what cannot be verified; never replayed as if true.
 */

const dir = scratchDir();
const script = writeScript(dir, 'script.txt', ['act', 'note the team acted at once', 'end']);
const played = crisisSim(['drill', CARIBBEAN, '--play', 'usa', '--seed', '1', '--script', script, '--log', 'drill.jsonl'], { cwd: dir });
const lines = readFileSync(join(dir, 'drill.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

/** Writes an edited copy of the log and returns what `drill --resume` and `report` say of it. */
function tampered(name: string, edit: (line: Record<string, unknown>, index: number) => Record<string, unknown>) {
  writeFileSync(join(dir, name), `${lines.map((line, index) => JSON.stringify(edit({ ...line }, index))).join('\n')}\n`);
  const quit = writeScript(dir, `quit-${name}.txt`, ['quit']);
  return { resume: crisisSim(['drill', '--resume', name, '--script', quit], { cwd: dir }), report: crisisSim(['report', name, '-o', `${name}.md`], { cwd: dir }) };
}

function refusedInOneLine(result: { status: number | null; stderr: string }, message: string | RegExp): void {
  expect(result.status).not.toBe(0);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).toMatch(message);
}

describe('drill log integrity', () => {
  it('a drill log as written resumes and reports', () => {
    expect(played.status).toBe(0);
    expect(lines.at(-1)).toMatchObject({ type: 'end', fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{16}$/) });
    expect(lines.find((line) => line['type'] === 'note')).not.toHaveProperty('fingerprint');
    const { resume, report } = tampered('intact.jsonl', (line) => line);
    expect(resume.status).toBe(0);
    expect(report.status).toBe(0);
  });

  it('a log with its fingerprints deleted is refused at the first line without one', () => {
    const { resume, report } = tampered('stripped.jsonl', ({ fingerprint: _fingerprint, ...line }) => line);
    const message = 'stripped.jsonl:2:1: bad drill log entry (fingerprint: missing: without it the replay cannot be verified (was the log edited?))';
    refusedInOneLine(resume, message);
    refusedInOneLine(report, message);
  });

  it('a log whose last decision was edited is refused: the replay does not reach the state its end line states', () => {
    const { resume, report } = tampered('edited.jsonl', (line) => (line['type'] === 'decide' ? { ...line, choice: 'standby' } : line));
    for (const result of [resume, report]) refusedInOneLine(result, /edited\.jsonl: the replay ends in state sha256:[0-9a-f]{16}, the log's end line says sha256:[0-9a-f]{16} \(T\+[\d.]+ h\); the log was edited after the drill/);
  });

  it('a log whose end line lost its fingerprint is refused too', () => {
    const { resume } = tampered('no-end-stamp.jsonl', (line) => {
      if (line['type'] !== 'end') return line;
      const { fingerprint: _fingerprint, ...rest } = line;
      return rest;
    });
    refusedInOneLine(resume, `no-end-stamp.jsonl:${lines.length}:1: bad drill log entry (fingerprint: missing`);
  });
});
