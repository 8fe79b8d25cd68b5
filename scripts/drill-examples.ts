/**
 * `npm run examples`: regenerates the shipped drill example from the rehearsal script
 * (scenarios/drills/caribbean-two-teams.txt) with the current engine, so nothing in the
 * drill and report docs is hand-written:
 *
 * - docs/examples/caribbean-two-teams.{jsonl,transcript.txt,aar.md,aar.html,debrief.md}:
 *   the drill log, the screen as the facilitator saw it, the AAR/IP and the debrief;
 * - docs/examples/caribbean-earthquake.sitman.{md,html}: the situation manual;
 * - the transcript excerpts between `<!-- example:NAME -->` markers in docs/drills.md and
 *   docs/reports.md;
 * - with /usr/bin/chromium (.ci/install-chromium.sh): the screenshots in docs/images/
 *   (drill-*.png, aar-*.png, sitman.png), taken headless through playwright-core.
 *
 * test/drill/examples.test.ts fails when any of the text files differs from what the
 * engine produces now, and says to run this script.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXAMPLE, examplesInDoc, playRehearsal, runCli } from '../test/drill/examples.js';

const ROOT = resolve(import.meta.dirname, '..');
const EXAMPLES = join(ROOT, 'docs/examples');

const dir = mkdtempSync(join(tmpdir(), 'crisis-sim-examples-'));
symlinkSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'));
const played = playRehearsal(dir);
for (const [name, text] of Object.entries(played)) writeFileSync(join(EXAMPLES, name), text);
for (const format of ['md', 'html']) {
  const output = `${EXAMPLE.scenario}.sitman.${format}`;
  runCli(['brief', `scenarios/${EXAMPLE.scenario}.yaml`, '--play', EXAMPLE.players, '-o', output], dir);
  writeFileSync(join(EXAMPLES, output), readFileSync(join(dir, output)));
}
process.stderr.write(`examples: docs/examples updated (${Object.keys(played).length + 2} files)\n`);

for (const doc of ['docs/drills.md', 'docs/reports.md']) {
  const path = join(ROOT, doc);
  writeFileSync(path, examplesInDoc(readFileSync(path, 'utf8'), played[`${EXAMPLE.name}.transcript.txt`]!, played[`${EXAMPLE.name}.aar.md`]!));
  process.stderr.write(`examples: ${doc} excerpts updated\n`);
}

if (existsSync('/usr/bin/chromium')) await screenshots();
else process.stderr.write('examples: /usr/bin/chromium is missing (.ci/install-chromium.sh); screenshots left as they are\n');
rmSync(dir, { recursive: true, force: true });

/** The drill screen (a terminal rendered as text), the AAR and the situation manual, in headless Chromium. */
async function screenshots(): Promise<void> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 960, height: 700 }, deviceScaleFactor: 1 });
  const shot = async (file: string, selector: string) => {
    await page.locator(selector).first().screenshot({ path: join(ROOT, 'docs/images', file) });
    process.stderr.write(`examples: docs/images/${file}\n`);
  };
  const transcript = played[`${EXAMPLE.name}.transcript.txt`]!;
  for (const [file, excerpt] of [
    ['drill-inject-card.png', 'inject-card'],
    ['drill-evaluation.png', 'evaluation'],
  ] as const) {
    const text = transcriptExcerpt(transcript, excerpt);
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:#1e1e1e"><pre id="terminal" style="margin:0;padding:12px 16px;color:#e8e8e8;background:#1e1e1e;font:13px/1.35 'DejaVu Sans Mono',monospace;width:max-content">${escaped}</pre></body></html>`);
    await shot(file, '#terminal');
  }
  await page.goto(`file://${join(EXAMPLES, `${EXAMPLE.name}.aar.html`)}`);
  await shot('aar-objectives.png', 'section#objectives');
  await shot('aar-improvement-plan.png', 'section#improvement-plan');
  await page.goto(`file://${join(EXAMPLES, `${EXAMPLE.scenario}.sitman.html`)}`);
  await page.setViewportSize({ width: 960, height: 1100 });
  await page.screenshot({ path: join(ROOT, 'docs/images/sitman.png') });
  process.stderr.write('examples: docs/images/sitman.png\n');
  await browser.close();
}

function transcriptExcerpt(transcript: string, name: string): string {
  const match = new RegExp(`<!-- example:${name} -->\\n\`\`\`text\\n([\\s\\S]*?)\`\`\`\\n<!-- /example -->`).exec(examplesInDoc(`<!-- example:${name} -->\n<!-- /example -->`, transcript, ''));
  return match?.[1] ?? '';
}
