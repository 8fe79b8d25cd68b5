import { terminalSafe } from '../guard/terminal-text.js';

/**
 * What a command prints for a person. Names, titles and messages in it come from files, so
 * their terminal control characters are shown as escapes (src/guard/terminal-text.ts):
 * a scenario cannot clear the screen, rewrite earlier lines or retitle the window.
 */
export function printOut(text: string): void {
  process.stdout.write(terminalSafe(text));
}

/** As {@link printOut}, on stderr (progress, warnings, where results went). */
export function printErr(text: string): void {
  process.stderr.write(terminalSafe(text));
}
