import { closeSync, openSync, readSync } from 'node:fs';

/** One line of a file, without its newline, and where its bytes are (the newline included). */
export interface Line {
  text: string;
  offset: number;
  bytes: number;
}

/** One line of a file as bytes: `chunk[start, end)` without its newline, valid until the reader's next call. */
export interface LineBytes {
  chunk: Buffer;
  start: number;
  end: number;
  /** File offset of the line's first byte. */
  offset: number;
  /** 1-based line number in the file. */
  number: number;
}

/**
 * Reads a file line by line through one chunk of memory, however large the file: a
 * results journal of a million runs is gigabytes, more than a string can hold. A last
 * line without its newline (a write cut short) is not returned; `partial` tells it was there.
 */
export class LineReader {
  private chunk: Buffer;
  /** File offset of chunk[0]. */
  private chunkOffset = 0;
  private start = 0;
  private end = 0;
  private eof = false;
  private readonly fd: number;
  private lines = 0;
  /** True once the reader met a last line without its newline. */
  partial = false;

  constructor(path: string, chunkBytes = 1 << 16) {
    this.fd = openSync(path, 'r');
    this.chunk = Buffer.allocUnsafe(chunkBytes);
  }

  /** The next complete line, or undefined at the end of the file. */
  next(): Line | undefined {
    const line = this.nextBytes();
    return line && { text: line.chunk.toString('utf8', line.start, line.end), offset: line.offset, bytes: line.end + 1 - line.start };
  }

  /** The next complete line's bytes, without decoding them (valid until the next call), or undefined at the end of the file. */
  nextBytes(): LineBytes | undefined {
    for (;;) {
      const newline = this.chunk.indexOf(10, this.start);
      if (newline !== -1 && newline < this.end) {
        this.lines += 1;
        const line = { chunk: this.chunk, start: this.start, end: newline, offset: this.chunkOffset + this.start, number: this.lines };
        this.start = newline + 1;
        return line;
      }
      if (this.eof) {
        this.partial = this.end > this.start;
        return undefined;
      }
      this.refill();
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  /** Moves the unread bytes to the front (growing the chunk for a line longer than it) and reads more. */
  private refill(): void {
    const unread = this.end - this.start;
    if (unread === this.chunk.length) {
      const larger = Buffer.allocUnsafe(this.chunk.length * 2);
      this.chunk.copy(larger, 0, this.start, this.end);
      this.chunk = larger;
    } else this.chunk.copy(this.chunk, 0, this.start, this.end);
    this.chunkOffset += this.start;
    this.start = 0;
    this.end = unread;
    const read = readSync(this.fd, this.chunk, this.end, this.chunk.length - this.end, this.chunkOffset + this.end);
    if (read === 0) this.eof = true;
    this.end += read;
  }
}

/** Calls `visit` with every complete line of a file; returns whether a cut-short last line was left out. */
export function forEachLine(path: string, visit: (line: Line) => void): { partial: boolean } {
  const reader = new LineReader(path);
  try {
    for (let line = reader.next(); line; line = reader.next()) visit(line);
    return { partial: reader.partial };
  } finally {
    reader.close();
  }
}
