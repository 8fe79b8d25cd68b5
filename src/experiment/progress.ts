/**
 * Progress of a long batch on stderr: a bar redrawn in place on a terminal, plain
 * periodic lines otherwise (log files, CI). Wall-clock time is used here only, never in
 * results.
 */
export interface ProgressOptions {
  /** Output stream; its `isTTY` picks the bar or the plain lines. */
  stream?: NodeJS.WriteStream;
  /** Seconds between plain lines (not on a terminal). */
  intervalSeconds?: number;
  /** Clock in milliseconds (for tests). */
  now?: () => number;
}

export class Progress {
  private done = 0;
  private failed = 0;
  private lastDraw = -Infinity;
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly intervalMs: number;
  private readonly now: () => number;
  /** When the first run finished: the rate is measured from there, so worker start-up does not inflate the first ETA. */
  private firstDone: number | undefined;

  constructor(private readonly total: number, options: ProgressOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.tty = this.stream.isTTY === true;
    this.intervalMs = this.tty ? 100 : (options.intervalSeconds ?? 10) * 1000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Counts one finished run. */
  tick(failed = false): void {
    this.done += 1;
    if (failed) this.failed += 1;
    const now = this.now();
    this.firstDone ??= now;
    if (now - this.lastDraw >= this.intervalMs) {
      this.lastDraw = now;
      this.draw(now);
    }
  }

  /** Prints the final state (and ends the bar's line). */
  finish(): void {
    this.draw(this.now());
    if (this.tty) this.stream.write('\n');
  }

  /** One status text: runs done of total, percentage, rate and ETA (from the second run on), failures. */
  status(now = this.now()): string {
    const seconds = this.firstDone === undefined ? 0 : (now - this.firstDone) / 1000;
    const rate = seconds > 0 && this.done > 1 ? (this.done - 1) / seconds : 0;
    const percent = this.total > 0 ? Math.floor((100 * this.done) / this.total) : 100;
    const speed = rate > 0 ? `, ${rate.toFixed(rate < 10 ? 1 : 0)} runs/s` : '';
    const eta = rate > 0 && this.done < this.total ? `, ETA ${formatDuration((this.total - this.done) / rate)}` : '';
    const failures = this.failed > 0 ? `, ${this.failed} failed` : '';
    return `${this.done}/${this.total} runs (${percent}%)${speed}${eta}${failures}`;
  }

  private draw(now: number): void {
    if (!this.tty) {
      this.stream.write(`batch: ${this.status(now)}\n`);
      return;
    }
    const width = 30;
    const filled = this.total > 0 ? Math.round((width * this.done) / this.total) : width;
    this.stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.status(now)}`);
  }
}

/** `45 s`, `3 min 20 s`, `2 h 05 min`. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${String(Math.floor(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(seconds / 3600)} h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')} min`;
}
