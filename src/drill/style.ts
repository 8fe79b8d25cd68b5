/**
 * Terminal emphasis for the drill screen. Colour is only ever an extra: every piece of
 * information is also in the words (`(engine's choice)`, `error:`), so the screen reads
 * the same on a plain terminal, over SSH, through a screen reader or in a log file.
 */
export interface Style {
  heading(text: string): string;
  emphasis(text: string): string;
  quiet(text: string): string;
  error(text: string): string;
}

const plain: Style = { heading: (text) => text, emphasis: (text) => text, quiet: (text) => text, error: (text) => text };

const ansi = (code: string) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const coloured: Style = { heading: ansi('1;36'), emphasis: ansi('1'), quiet: ansi('2'), error: ansi('1;31') };

/**
 * Colour when the output is a terminal that can show it: a TTY, `NO_COLOR` unset or
 * empty (https://no-color.org), and `TERM` not `dumb`.
 */
export function styleFor(isTTY: boolean, env: NodeJS.ProcessEnv): Style {
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  return isTTY && !noColor && env['TERM'] !== 'dumb' ? coloured : plain;
}

export const PLAIN_STYLE = plain;
