import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from './binary.js';
import { EXAMPLE, examplesInDoc, playRehearsal, runCli } from './examples.js';

const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLES = join(ROOT, 'docs/examples');
const REGENERATE = 'differs from what the engine produces now: run `npm run examples` and commit the result';
const shipped = (file: string) => readFileSync(join(EXAMPLES, file), 'utf8');

describe('the shipped drill example (docs/examples)', () => {
  it('report <shipped drill log> -o x.md and -o x.html give the shipped AAR/IP byte for byte', () => {
    const dir = scratchDir();
    for (const format of ['md', 'html']) {
      runCli(['report', `docs/examples/${EXAMPLE.name}.jsonl`, '-o', join(dir, `x.${format}`)], ROOT);
      expect(readFileSync(join(dir, `x.${format}`), 'utf8'), `docs/examples/${EXAMPLE.name}.aar.${format} ${REGENERATE}`).toBe(shipped(`${EXAMPLE.name}.aar.${format}`));
    }
    const aar = shipped(`${EXAMPLE.name}.aar.md`);
    for (const section of ['## Exercise overview', '## Objectives and ratings', '## Notes and hot wash', '## Improvement Plan', '## Compared with the engine-only baseline']) expect(aar).toContain(section);
  });

  it('the rehearsal played now gives the shipped log, transcript, AAR and debrief, and the docs show its excerpts', () => {
    const dir = scratchDir();
    mkdirSync(dir, { recursive: true });
    symlinkSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'));
    const played = playRehearsal(dir);
    for (const [file, text] of Object.entries(played)) expect(text, `docs/examples/${file} ${REGENERATE}`).toBe(shipped(file));
    const transcript = played[`${EXAMPLE.name}.transcript.txt`]!;
    expect(transcript).toContain('+-- INJECT aftershock: M5.9 aftershock');
    for (const doc of ['docs/drills.md', 'docs/reports.md']) {
      const text = readFileSync(join(ROOT, doc), 'utf8');
      expect(text).toMatch(/<!-- example:[a-z-]+ -->/);
      expect(examplesInDoc(text, transcript, played[`${EXAMPLE.name}.aar.md`]!), `the examples in ${doc} ${REGENERATE}`).toBe(text);
    }
  });
});
