/**
 * Text from files (names, titles, CSV headers, notes) shown on a terminal. Escape
 * sequences inside such text could move the cursor, rewrite earlier lines, change the
 * window title or hide text, so every control character except line feed and tab, and
 * the bidirectional overrides that reorder what is shown ("Trojan Source"), is shown
 * escaped instead (`\x1B`, `\u202E`).
 */

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escaped(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text with terminal control characters shown as escapes; line feeds and tabs are kept. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/** The text on one line: also line feeds and tabs shown as escapes (for names inside a line). */
export function terminalSafeLine(text: string): string {
  return terminalSafe(text).replace(/[\n\t]/g, escaped);
}
