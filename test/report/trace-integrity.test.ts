import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrace, TraceFileError } from '../../src/report/trace-input.js';
import { CARIBBEAN, crisisSim, scratchDir } from '../drill/binary.js';

/**
 * A trace carries its provenance (engine, scenario hash, seed) and the scenario as run;
 * `report` checks the scenario against the hash and the summary against the header, so an
 * edited or spliced trace is refused with one line, never reported as if it were a run.
 */

const dir = scratchDir();
const traced = crisisSim(['run', CARIBBEAN, '--seed', '1', '--trace', 'run.jsonl'], { cwd: dir });
const lines = readFileSync(join(dir, 'run.jsonl'), 'utf8').trimEnd().split('\n');
const header = JSON.parse(lines[0]!) as Record<string, unknown>;
const summary = JSON.parse(lines.at(-1)!) as Record<string, unknown>;

function withLines(first: Record<string, unknown>, last: Record<string, unknown>): string {
  return [JSON.stringify(first), ...lines.slice(1, -1), JSON.stringify(last)].join('\n');
}

function refusal(text: string): string {
  try {
    parseTrace(text, 'run.jsonl');
  } catch (error) {
    if (error instanceof TraceFileError) return error.message;
    throw error;
  }
  throw new Error('the trace was accepted');
}

describe('trace integrity', () => {
  it('a trace as written is read back', () => {
    expect(traced.status).toBe(0);
    expect(parseTrace(lines.join('\n'), 'run.jsonl').result.scenarioHash).toBe(header['scenarioHash']);
  });

  it('a header without its scenario hash, seed or engine cannot be verified and is refused', () => {
    for (const field of ['scenarioHash', 'seed', 'engine']) {
      const { [field]: _removed, ...rest } = header;
      expect(refusal(withLines(rest, summary))).toBe(`run.jsonl:1: ${field}: missing: without it the trace cannot be verified (was it edited?)`);
    }
  });

  it('a scenario edited in the header no longer matches its hash', () => {
    const document = { ...(header['scenarioDocument'] as Record<string, unknown>), horizonHours: 100 };
    expect(refusal(withLines({ ...header, scenarioDocument: document }, summary))).toMatch(
      /^run\.jsonl:1: the scenario stored in the trace does not match its hash sha256:[0-9a-f]{64}: the trace was edited or damaged/,
    );
  });

  it('a summary of another run (seed, scenario) spliced onto the header is refused', () => {
    const last = lines.length;
    expect(refusal(withLines(header, { ...summary, seed: 2 }))).toBe(`run.jsonl:${last}: the summary's seed (2) is not the header's (1); the trace was edited or put together from two runs`);
    expect(refusal(withLines(header, { ...summary, scenarioHash: 'sha256:0' }))).toMatch(new RegExp(`^run\\.jsonl:${last}: the summary's scenario hash \\(sha256:0\\) is not the header's`));
  });

  it('the report command prints the refusal as one line', () => {
    const { scenarioHash: _removed, ...rest } = header;
    const edited = join(dir, 'edited.jsonl');
    writeFileSync(edited, `${withLines(rest, summary)}\n`);
    const result = crisisSim(['report', 'edited.jsonl'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('crisis-sim: edited.jsonl:1: scenarioHash: missing: without it the trace cannot be verified (was it edited?)\n');
  });
});
