import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARIBBEAN, crisisSim, scratchDir, writeScript } from '../drill/binary.js';

/**
 * Text from a scenario, a live inject or a note reaches every hand-out as text, never as
 * markup: the HTML reports (run --report, report -o, a drill's end) escape it, and the
 * Markdown hand-outs (report -o .md of a trace or a drill log, the drill debrief) backslash-escape it, so a viewer
 * shows `<script>` instead of running it.
 */

const HOSTILE = {
  scenarioName: '<script>alert(1)</script> quake',
  nationName: '<img src=x onerror=alert(2)>',
  injectTitle: '[click](javascript:alert(3))',
  expectedAction: '<a href="javascript:alert(4)">x</a>',
  note: '<script>alert(5)</script>',
  liveTitle: '<img src=y onerror=alert(6)>',
  liveExpected: '[go](javascript:alert(7))',
};

function hostileScenario(dir: string): string {
  const text = readFileSync(CARIBBEAN, 'utf8')
    .replace('name: Caribbean earthquake (consenting host)', `name: ${JSON.stringify(HOSTILE.scenarioName)}`)
    .replace('    name: United States', `    name: ${JSON.stringify(HOSTILE.nationName)}`)
    .replace('title: Airport slots saturated', `title: ${JSON.stringify(HOSTILE.injectTitle)}`)
    .replace('expectedAction: Stand up an air-traffic coordination cell with the host', `expectedAction: ${JSON.stringify(HOSTILE.expectedAction)}`);
  const path = join(dir, 'hostile.yaml');
  writeFileSync(path, text);
  return path;
}

/** Tags and links a browser would act on (the report's own links are in-page `#` anchors). */
function liveHtml(html: string): string[] {
  return [...html.matchAll(/<(script|img)\b|href="(?!#)[^"]*"/gi)].map((match) => match[0]);
}

/** Raw HTML tags and javascript: links a Markdown viewer would render: any not backslash-escaped. */
function liveMarkdown(markdown: string): string[] {
  return [...markdown.matchAll(/(?:^|[^\\])(<(?:script|img|a)\b|\]\(javascript:)/gim)].map((match) => match[1]!);
}

describe('hostile text from a scenario, a live inject or a note in the hand-outs', () => {
  const dir = scratchDir();
  const scenario = hostileScenario(dir);
  const run = crisisSim(['run', scenario, '--seed', '1', '--trace', 't.jsonl', '--report', 'run.html'], { cwd: dir });
  const markdown = crisisSim(['report', 't.jsonl', '-o', 'report.md'], { cwd: dir });
  const html = crisisSim(['report', 't.jsonl', '-o', 'report.html'], { cwd: dir });
  const script = writeScript(dir, 'script.txt', [
    `note ${HOSTILE.note}`,
    `inject pressure 0.2 | ${HOSTILE.liveTitle} | ${HOSTILE.liveExpected}`,
    'fire airport-congestion',
    'act',
    'end',
  ]);
  const drill = crisisSim(['drill', scenario, '--play', 'usa', '--seed', '1', '--script', script, '--log', 'drill.jsonl'], { cwd: dir });
  const aarHtml = crisisSim(['report', 'drill.jsonl', '-o', 'aar.html'], { cwd: dir });
  const aarMarkdown = crisisSim(['report', 'drill.jsonl', '-o', 'aar.md'], { cwd: dir });

  it('every command succeeds', () => {
    for (const result of [run, markdown, html, drill, aarHtml, aarMarkdown]) {
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).not.toMatch(/error/i);
    }
  });

  it('the HTML reports of a run, of a trace, of a drill and its AAR/IP show the text escaped', () => {
    for (const file of ['run.html', 'report.html', 'drill.report.html', 'aar.html']) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(liveHtml(text), file).toEqual([]);
      expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(text).toContain('&lt;img src=x onerror=alert(2)&gt;');
    }
  });

  it('the Markdown report and the drill debrief escape tags and links', () => {
    const report = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(liveMarkdown(report)).toEqual([]);
    expect(report).toContain('\\<script\\>alert(1)\\</script\\>');
    const aar = readFileSync(join(dir, 'aar.md'), 'utf8');
    expect(liveMarkdown(aar)).toEqual([]);
    expect(aar).toContain('\\<script\\>alert(5)\\</script\\>');
    const debrief = readFileSync(join(dir, 'drill.debrief.md'), 'utf8');
    expect(liveMarkdown(debrief)).toEqual([]);
    for (const shown of ['\\<script\\>alert(1)\\</script\\> quake', '\\<img src=x onerror=alert(2)\\> (usa)', '\\[click\\](javascript:alert(3))', 'note: \\<script\\>alert(5)\\</script\\>', '\\<img src=y onerror=alert(6)\\>', '\\[go\\](javascript:alert(7))']) {
      expect(debrief).toContain(shown);
    }
  });
});
