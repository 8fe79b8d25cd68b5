import { createInterface, type Interface } from 'node:readline';

/** Where the drill's commands come from. */
export interface LineSource {
  /** The next line, showing `prompt` first; null when the input is over. */
  next(prompt: string): Promise<string | null>;
  close(): void;
}

/**
 * Commands from a rehearsal script first (blank lines and `#` comments skipped), then
 * from the terminal or a pipe. On a terminal, readline shows the prompt and echoes what
 * is typed, with line editing and history; from a pipe or script, the line is echoed
 * after the prompt so a transcript reads like the session. Ctrl-C and end of input end
 * the session like `quit` (the log is already safe on disk).
 */
export class DrillInput implements LineSource {
  private readonly script: string[];
  private readonly readline: Interface;
  private readonly buffered: string[] = [];
  private waiter: ((line: string | null) => void) | undefined;
  private ended = false;
  private readonly interactive: boolean;

  constructor(
    scriptLines: readonly string[],
    input: NodeJS.ReadableStream & { isTTY?: boolean },
    output: NodeJS.WritableStream,
    private readonly write: (text: string) => void,
  ) {
    this.script = scriptLines.map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
    this.interactive = input.isTTY === true;
    this.readline = createInterface({ input, ...(this.interactive ? { output, terminal: true } : { terminal: false }) });
    this.readline.on('line', (line) => this.deliver(line));
    this.readline.on('close', () => {
      this.ended = true;
      this.deliver(null);
    });
    this.readline.on('SIGINT', () => {
      this.write('\n');
      this.deliver('quit');
    });
    if (this.interactive) this.readline.pause();
  }

  async next(prompt: string): Promise<string | null> {
    const scripted = this.script.shift();
    if (scripted !== undefined) {
      this.write(`${prompt}${scripted}\n`);
      return scripted;
    }
    const line = await this.readLine(prompt);
    if (line !== null && !this.interactive) this.write(`${prompt}${line}\n`);
    return line;
  }

  close(): void {
    this.readline.close();
  }

  private readLine(prompt: string): Promise<string | null> {
    const waiting = this.buffered.shift();
    if (waiting !== undefined) return Promise.resolve(waiting);
    if (this.ended) return Promise.resolve(null);
    if (this.interactive) {
      this.readline.setPrompt(prompt);
      this.readline.resume();
      this.readline.prompt();
    }
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  private deliver(line: string | null): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      if (this.interactive) this.readline.pause();
      waiter(line);
    } else if (line !== null) this.buffered.push(line);
  }
}
