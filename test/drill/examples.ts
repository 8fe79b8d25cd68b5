import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BINARY } from './binary.js';

/**
 * The shipped drill example (docs/examples/), shared by `npm run examples`
 * (scripts/drill-examples.ts), which writes it, and test/drill/examples.test.ts, which
 * checks it is what the engine produces now.
 */
export const EXAMPLE = { name: 'caribbean-two-teams', scenario: 'caribbean-earthquake', players: 'usa,hti', seed: '1' } as const;

/** Runs `crisis-sim <args>` in `cwd` (no colour, stdin closed); its stdout, or an error with its stderr. */
export function runCli(args: readonly string[], cwd: string): string {
  const run = spawnSync(process.execPath, [BINARY, ...args], { cwd, input: '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 300_000 });
  if (run.status !== 0) throw new Error(`crisis-sim ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

/**
 * Plays the rehearsal script in `dir` (which holds a `scenarios` folder), fills in one row
 * of the Improvement Plan through `ip export|import`, and returns the files a trainer
 * keeps, by name: the log, the plan's CSV, the screen transcript, the AAR/IP (Markdown and
 * HTML, with the plan) and the debrief.
 */
export function playRehearsal(dir: string): Record<string, string> {
  const { name, scenario, players, seed } = EXAMPLE;
  const transcript = runCli(
    ['drill', `scenarios/${scenario}.yaml`, '--play', players, '--seed', seed, '--script', `scenarios/drills/${name}.txt`, '--log', `${name}.jsonl`, '--report', `${name}.aar.html`],
    dir,
  );
  // The planning team fills in the Improvement Plan's consent row and it comes back into the log.
  const exported = runCli(['ip', 'export', `${name}.jsonl`], dir);
  const filled = exported.replace(/^(task:consent-fast,[^\n]*),,,,,$/m, '$1,Standing consent template for CARICOM and INSARAG partners,Haiti Ministry of Foreign Affairs,Director of Civil Protection,2027-02-01,2027-06-30');
  if (filled === exported) throw new Error('the exported Improvement Plan has no empty consent-fast row to fill in');
  writeFileSync(join(dir, `${name}.ip.csv`), filled);
  runCli(['ip', 'import', `${name}.jsonl`, `${name}.ip.csv`], dir);
  for (const format of ['md', 'html']) runCli(['report', `${name}.jsonl`, '-o', `${name}.aar.${format}`, '--force'], dir);
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return {
    [`${name}.jsonl`]: read(`${name}.jsonl`),
    [`${name}.ip.csv`]: filled,
    [`${name}.transcript.txt`]: transcript,
    [`${name}.aar.md`]: read(`${name}.aar.md`),
    [`${name}.aar.html`]: read(`${name}.aar.html`),
    [`${name}.debrief.md`]: read(`${name}.debrief.md`),
  };
}

/**
 * The excerpts the docs show, each from the prompt line that starts it to the line before
 * the prompt that ends it (exclusive), or a Markdown section of the AAR.
 */
const TRANSCRIPT_EXCERPTS: Record<string, { from: RegExp; to: RegExp }> = {
  opening: { from: /^crisis-sim drill: /, to: /^T\+2\.5 h, #2 for hti> act$/ },
  'live-inject': { from: /> inject pressure 0\.2 \|/, to: /> standby$/ },
  'module-end': { from: /^END OF MODULE /, to: /> view controller$/ },
  controller: { from: /> view controller$/, to: /> advance to 96$/ },
  evaluation: { from: /> observe airport-congestion partly/, to: /> retime aftershock/ },
  'inject-card': { from: /> next$/, to: /> deliver$/ },
  end: { from: /> end$/, to: /(?!)/ },
};
const AAR_SECTIONS = ['Objectives and ratings', 'Core capability: Operational Coordination', 'Improvement Plan'];

/** Replaces each `<!-- example:NAME -->...<!-- /example -->` block of a doc with the excerpt of that name. */
export function examplesInDoc(doc: string, transcript: string, aarMarkdown: string): string {
  return doc.replace(/<!-- example:([a-z-]+) -->\n[\s\S]*?<!-- \/example -->/g, (_whole, name: string) => {
    const excerpt = name.startsWith('aar-') ? aarSection(aarMarkdown, name.slice(4)) : transcriptExcerpt(transcript, name);
    return `<!-- example:${name} -->\n\`\`\`${name.startsWith('aar-') ? 'markdown' : 'text'}\n${excerpt}\n\`\`\`\n<!-- /example -->`;
  });
}

function transcriptExcerpt(transcript: string, name: string): string {
  const range = TRANSCRIPT_EXCERPTS[name];
  if (!range) throw new Error(`no transcript excerpt "${name}"; known: ${Object.keys(TRANSCRIPT_EXCERPTS).join(', ')}`);
  const lines = transcript.replace(/\n$/, '').split('\n');
  const start = lines.findIndex((line) => range.from.test(line));
  if (start < 0) throw new Error(`transcript excerpt "${name}": no line matches ${range.from}`);
  const end = lines.findIndex((line, index) => index > start && range.to.test(line));
  return lines.slice(start, end < 0 ? lines.length : end).join('\n').replace(/\n+$/, '');
}

/** One `## ` section of the AAR's Markdown, by title prefix (`aar-improvement-plan` names "Improvement Plan"). */
function aarSection(markdown: string, slug: string): string {
  const title = AAR_SECTIONS.find((candidate) => candidate.toLowerCase().replace(/[^a-z]+/g, '-') === slug);
  if (!title) throw new Error(`no AAR section "${slug}"`);
  const start = markdown.indexOf(`## ${title}`);
  if (start < 0) throw new Error(`the AAR has no section "${title}"`);
  const next = markdown.indexOf('\n## ', start + 3);
  return markdown.slice(start, next < 0 ? undefined : next).replace(/\n+$/, '');
}
