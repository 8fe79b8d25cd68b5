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
  /** The escape sequences this style writes: the only ones the drill screen lets through (src/guard/terminal-text.ts). */
  readonly sequences: readonly string[];
}

const plain: Style = { heading: (text) => text, emphasis: (text) => text, quiet: (text) => text, error: (text) => text, sequences: [] };

/** SGR parameters of each emphasis: bold cyan, bold, dim, bold red. */
const SGR_CODES = { heading: '1;36', emphasis: '1', quiet: '2', error: '1;31' } as const;
const sgr = (code: string) => `\u001b[${code}m`;
const RESET = sgr('0');
const ansi = (code: string) => (text: string) => `${sgr(code)}${text}${RESET}`;
const coloured: Style = {
  heading: ansi(SGR_CODES.heading),
  emphasis: ansi(SGR_CODES.emphasis),
  quiet: ansi(SGR_CODES.quiet),
  error: ansi(SGR_CODES.error),
  sequences: [...Object.values(SGR_CODES).map(sgr), RESET],
};

/**
 * Colour when the output is a terminal that can show it: a TTY, `NO_COLOR` unset or
 * empty (https://no-color.org), and `TERM` not `dumb`.
 */
export function styleFor(isTTY: boolean, env: NodeJS.ProcessEnv): Style {
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  return isTTY && !noColor && env['TERM'] !== 'dumb' ? coloured : plain;
}

export const PLAIN_STYLE = plain;
