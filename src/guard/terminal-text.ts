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

/**
 * The text with terminal control characters shown as escapes; line feeds and tabs are
 * kept, and so are the exact `kept` sequences (a program's own colour codes, such as the
 * drill screen's bold and dim), which neither move the cursor nor hide text.
 */
export function terminalSafe(text: string, kept: readonly string[] = []): string {
  if (kept.length === 0) return text.replace(UNSAFE, escaped);
  const keptPattern = new RegExp(`(${kept.map((sequence) => sequence.replace(/[[\]\\^$.|?*+(){}]/g, '\\$&')).join('|')})`);
  return text
    .split(keptPattern)
    .map((piece, index) => (index % 2 === 1 ? piece : piece.replace(UNSAFE, escaped)))
    .join('');
}

/**
 * JSON for a terminal: the same JSON with every unsafe character written as a `\uXXXX`
 * escape (valid JSON, parsed back to the same text; JSON.stringify leaves C1 controls and
 * bidi overrides raw).
 */
export function terminalSafeJson(json: string): string {
  return json.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
