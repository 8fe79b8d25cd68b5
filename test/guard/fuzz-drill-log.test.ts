import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aarInputOfLog } from '../../src/drill/aar.js';
import { DrillError } from '../../src/drill/errors.js';
import { DrillSession } from '../../src/drill/session.js';
import { CARIBBEAN, crisisSim, scratchDir, writeScript } from '../drill/binary.js';
import { cliPrintable, mutated, timed } from './fuzz-helpers.js';

/**
 * Fuzzing drill logs, the one input that is replayed: hostile JSON lines for `report <log>`
 * (aarInputOfLog) and `drill --resume` (DrillSession.resume). Every case either opens or
 * fails with a DrillError the CLI prints as one line (asUserErrors turns it into a
 * UserError), within its CPU-time limit; nothing else may escape.
 */

const dir = scratchDir();
const script = writeScript(dir, 'script.txt', ['note opening', 'act', 'fire airport-congestion', 'inject pressure 0.2 | Press | Brief together', 'continue', 'notify', 'continue', 'all', 'end']);
const played = crisisSim(['drill', CARIBBEAN, '--play', 'usa', '--seed', '1', '--script', script, '--log', 'base.jsonl'], { cwd: dir });
const BASE = readFileSync(join(dir, 'base.jsonl'), 'utf8');
const LINES = BASE.trimEnd().split('\n');

/** A JSON value that breaks expectations: machinery names, extreme numbers, wrong types, deep nesting. */
const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, -1, 0, 1e308, -1e308, 2 ** 53, 0.1, '', '__proto__', 'constructor', '\u001b[2J', 'x'.repeat(10_000), [], {}, { __proto__: { polluted: true } }),
);

/** One line changed: a field set to a hostile value (or removed), the line replaced, duplicated, or moved. */
const lineMutation = fc.tuple(fc.nat(LINES.length - 1), fc.nat(LINES.length - 1), fc.constantFrom('field', 'remove', 'replace', 'duplicate', 'move'), fc.constantFrom('type', 'decision', 'choice', 'atHours', 'fingerprint', 'inject', 'untilHours', 'text', 'nation', 'formatVersion', 'scenarioHash', 'seed', 'players', 'scenarioDocument', '__proto__', 'constructor'), hostileValue).map(
  ([at, to, how, field, value]) => {
    const lines = [...LINES];
    const record = JSON.parse(lines[at]!) as Record<string, unknown>;
    if (how === 'field') lines[at] = JSON.stringify({ ...record, [field]: value });
    if (how === 'remove') {
      delete record[field];
      lines[at] = JSON.stringify(record);
    }
    if (how === 'replace') lines[at] = JSON.stringify(value);
    if (how === 'duplicate') lines.splice(to, 0, lines[at]!);
    if (how === 'move') lines.splice(to, 0, ...lines.splice(at, 1));
    return `${lines.join('\n')}\n`;
  },
);

let counter = 0;

/** Opens a log text as `report` and as `--resume` do: it opens, or fails as the CLI prints it. */
function openBoth(text: string): void {
  const path = join(dir, `case-${counter++}.jsonl`);
  writeFileSync(path, text);
  for (const open of [() => aarInputOfLog(path), () => DrillSession.resume(path).close()]) {
    try {
      open();
    } catch (error) {
      if (!(error instanceof DrillError)) cliPrintable(error);
      expect((error as Error).message).not.toMatch(/\n/);
    }
  }
}

describe('fuzzing drill logs (report <log>, drill --resume)', () => {
  it('the base log opens both ways', () => {
    expect(played.status).toBe(0);
    expect(() => openBoth(BASE)).not.toThrow();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a live inject edited into something that is not an inject is refused in one line (found by this fuzzer)', () => {
    const at = LINES.findIndex((line) => line.includes('"type":"inject"'));
    const edited = [...LINES];
    edited[at] = JSON.stringify({ ...(JSON.parse(LINES[at]!) as object), inject: { id: 'x' } });
    const path = join(dir, 'bad-inject.jsonl');
    writeFileSync(path, `${edited.join('\n')}\n`);
    expect(() => aarInputOfLog(path)).toThrow(new RegExp(`^replay failed at action ${at} \\(inject at T\\+[\\d.]+ h\\): the live inject is not a valid inject: [^\\n]+$`));
  });

  it('hostile JSON lines: opened or refused in one line, nothing else', () => {
    fc.assert(fc.property(lineMutation, (text) => timed(() => openBoth(text))), { numRuns: 150 });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  }, 300_000);

  it('mutated bytes: opened or refused in one line, nothing else', () => {
    fc.assert(fc.property(mutated(BASE), (text) => timed(() => openBoth(text))), { numRuns: 100 });
  }, 300_000);
});
