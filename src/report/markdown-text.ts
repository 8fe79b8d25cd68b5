/**
 * Text from files (scenario and nation names, inject titles, expected actions, notes, live
 * injects, log fields) placed in hand-written Markdown such as the drill debrief. A
 * Markdown viewer renders raw HTML and links, so `<script>`, `<img onerror=...>` or
 * `[x](javascript:...)` written into a scenario or typed at the drill prompt would become
 * live markup: every character Markdown reads as markup is backslash-escaped instead, and
 * line breaks become spaces, so the text stays on its line (a line break could start a
 * heading, a list or an HTML block). `#` needs no escape once the text cannot start a line.
 */

const MARKUP = /[\\`*_[\]<>|~]/g;

/** The text, shown as itself in Markdown running text or a table cell. */
export function markdownText(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(MARKUP, '\\$&');
}

/**
 * The text as a Markdown code span: fenced by more backticks than any run inside it (a
 * backslash escapes nothing in a code span), so nothing in it is read as markup.
 */
export function markdownCode(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, ' ');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
