import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { forEachLine } from './line-reader.js';
import type { ExperimentManifest } from './manifest.js';
import { csvHeader, type RunLines } from './records.js';
import { RESULT_FILES, ResultsError } from './results-files.js';

/** The results files a journal writes, with the RunLines field each takes. */
const FILES = [
  { name: RESULT_FILES.journal, line: 'jsonl' },
  { name: RESULT_FILES.runs, line: 'csv' },
] as const;

interface JournalFile {
  /** Where lines are appended. */
  path: string;
  /** The results file rewriteInOrder writes (the same file for a batch, a results file beside a merge's scratch file). */
  target: string;
  fd: number;
  size: number;
  spans: LineSpans;
  /** Lines not yet written (scratch journals only), encoded into `pending` up to `pendingBytes`. */
  pending: Buffer | undefined;
  pendingBytes: number;
}

/** Bytes a scratch journal gathers before one write: few system calls, bounded memory. */
const SCRATCH_WRITE_BYTES = 1 << 20;

/**
 * Appends finished runs to runs.jsonl and runs.csv, one write per line per file, and
 * remembers where each run's lines are, so the final files in run order are a copy of
 * those bytes rather than a second formatting of every run. A batch appends to its
 * results files (the crash-safe journal: one write per line); a merge or a resume
 * appends to scratch files beside the results, in writes of about 1 MB (a scratch file
 * is thrown away if the process stops), and replaces the results files only once every
 * run is there.
 */
export class Journal {
  private readonly csvHeaderLength: number;
  private closed = false;

  private constructor(private readonly files: JournalFile[], manifest: ExperimentManifest) {
    this.csvHeaderLength = Buffer.byteLength(csvHeader(manifest));
  }

  /** Appends to the results files of `dir`, indexing the runs they already hold. */
  static append(dir: string, manifest: ExperimentManifest): Journal {
    return new Journal(
      FILES.map(({ name }, k) => {
        const path = join(dir, name);
        const fd = openSync(path, 'a');
        return { path, target: path, fd, size: fstatSync(fd).size, spans: indexLines(path, k === 1), pending: undefined, pendingBytes: 0 };
      }),
      manifest,
    );
  }

  /** Appends to fresh scratch files in `dir`; rewriteInOrder writes the results files from them. */
  static scratch(dir: string, manifest: ExperimentManifest): Journal {
    return new Journal(
      FILES.map(({ name }, k) => {
        const path = join(dir, `.${name}.${process.pid}.scratch`);
        const header = k === 1 ? csvHeader(manifest) : '';
        writeFileSync(path, header);
        return { path, target: join(dir, name), fd: openSync(path, 'a'), size: Buffer.byteLength(header), spans: new LineSpans(), pending: Buffer.allocUnsafe(SCRATCH_WRITE_BYTES), pendingBytes: 0 };
      }),
      manifest,
    );
  }

  /** Appends a run's lines, as formatted by runLines, or as bytes (each with its newline). */
  append(run: number, lines: RunLines | { jsonl: Uint8Array; csv: Uint8Array }): void {
    FILES.forEach(({ line }, k) => this.write(this.files[k]!, run, lines[line]));
  }

  private write(file: JournalFile, run: number, line: string | Uint8Array): void {
    const length = file.pending ? gather(file, line) : writeLine(file.fd, line);
    file.spans.add(run, file.size, length);
    file.size += length;
  }

  /** Writes what is gathered and closes the files (again: nothing happens). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const file of this.files) {
      flush(file);
      closeSync(file.fd);
    }
  }

  /**
   * Closes the journal, writes the results files with the lines of these runs in this
   * order, and deletes scratch files. A file that already holds exactly these lines in this
   * order (a merge of finished shards, a batch whose runs finished in order) is not copied:
   * a scratch file is renamed over the results file, a results file is left as it is.
   */
  rewriteInOrder(runs: Iterable<number>): void {
    this.close();
    this.files.forEach((file, k) => {
      if (holdsExactly(file, runs, k === 1 ? this.csvHeaderLength : 0)) {
        if (file.path !== file.target) renameSync(file.path, file.target);
        return;
      }
      const source = new WindowReader(file.path);
      const target = new AtomicWriter(file.target);
      if (k === 1) target.write(source.read(0, this.csvHeaderLength));
      for (const run of runs) target.write(source.read(...file.spans.get(run)!));
      source.close();
      target.commit();
    });
    this.discardScratch();
  }

  /** Closes the journal and deletes scratch files (a merge that found runs missing leaves the results as they were). */
  discardScratch(): void {
    this.close();
    for (const file of this.files) if (file.path !== file.target) rmSync(file.path, { force: true });
  }
}

/** True when the file holds the lines of `runs` in this order after `headerBytes`, and nothing else. */
function holdsExactly(file: JournalFile, runs: Iterable<number>, headerBytes: number): boolean {
  let offset = headerBytes;
  for (const run of runs) {
    const span = file.spans.get(run);
    if (span?.[0] !== offset) return false;
    offset += span[1];
  }
  return offset === file.size;
}

/** Encodes a line into a scratch file's buffer (writing the buffer out when it could not hold it); returns its bytes. */
function gather(file: JournalFile, line: string | Uint8Array): number {
  const buffer = file.pending!;
  // UTF-8 takes at most 3 bytes per UTF-16 unit.
  const most = typeof line === 'string' ? line.length * 3 : line.length;
  if (file.pendingBytes + most > buffer.length) flush(file);
  if (most > buffer.length) return writeLine(file.fd, line);
  let length = line.length;
  if (typeof line === 'string') length = buffer.write(line, file.pendingBytes);
  else buffer.set(line, file.pendingBytes);
  file.pendingBytes += length;
  return length;
}

/** Writes a line with one write; returns its bytes. */
function writeLine(fd: number, line: string | Uint8Array): number {
  return typeof line === 'string' ? writeSync(fd, line) : writeSync(fd, line);
}

/** Writes a scratch file's gathered lines with one write. */
function flush(file: JournalFile): void {
  if (file.pendingBytes === 0) return;
  writeSync(file.fd, file.pending!, 0, file.pendingBytes);
  file.pendingBytes = 0;
}

/** Where each run's line is in a file (byte offset and length), by run index: 12 bytes a run. */
class LineSpans {
  private offsets = new Float64Array(1024).fill(-1);
  private lengths = new Uint32Array(1024);

  /** Records a run's line unless the run already has one (the first line of a run wins). */
  add(run: number, offset: number, length: number): void {
    if (run >= this.offsets.length) this.grow(run);
    if (this.offsets[run]! >= 0) return;
    this.offsets[run] = offset;
    this.lengths[run] = length;
  }

  get(run: number): [offset: number, length: number] | undefined {
    const offset = this.offsets[run] ?? -1;
    return offset < 0 ? undefined : [offset, this.lengths[run]!];
  }

  private grow(run: number): void {
    const size = Math.max(run + 1, this.offsets.length * 2);
    const offsets = new Float64Array(size).fill(-1);
    offsets.set(this.offsets);
    const lengths = new Uint32Array(size);
    lengths.set(this.lengths);
    this.offsets = offsets;
    this.lengths = lengths;
  }
}

/** Byte spans of the run lines already in a results file, by run index (the first number of each line). */
function indexLines(path: string, hasHeader: boolean): LineSpans {
  const spans = new LineSpans();
  forEachLine(path, ({ text, offset, bytes }) => {
    if (hasHeader && offset === 0) return;
    const run = /\d+/.exec(text.slice(0, 24));
    if (run) spans.add(Number(run[0]), offset, bytes);
  });
  return spans;
}

/**
 * Reads byte ranges of a file through a large window, so reading the lines of a journal
 * in run order (nearly the order they were written) takes a few big reads, not one per line.
 */
class WindowReader {
  private static readonly SIZE = 8 << 20;
  private readonly fd: number;
  private window = Buffer.alloc(0);
  private start = 0;

  constructor(private readonly path: string) {
    this.fd = openSync(path, 'r');
  }

  /** The bytes at [offset, offset + length); valid after later reads too (a new window is a new buffer). */
  read(offset: number, length: number): Buffer {
    if (offset < this.start || offset + length > this.start + this.window.length) {
      this.window = Buffer.allocUnsafe(Math.max(WindowReader.SIZE, length));
      this.window = this.window.subarray(0, readSync(this.fd, this.window, 0, this.window.length, offset));
      this.start = offset;
      if (this.window.length < length) throw new ResultsError(`${this.path} changed while the batch was writing it`);
    }
    return this.window.subarray(offset - this.start, offset - this.start + length);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** A file written in chunks to a temporary sibling and renamed into place on commit, so memory stays flat. */
export class AtomicWriter {
  private readonly temporary: string;
  private readonly fd: number;
  private buffer: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly path: string) {
    this.temporary = `${path}.${process.pid}.tmp`;
    this.fd = openSync(this.temporary, 'w');
  }

  write(chunk: string | Buffer): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.buffer.push(bytes);
    this.buffered += bytes.length;
    if (this.buffered > 1 << 20) this.flush();
  }

  commit(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(this.temporary, this.path);
  }

  private flush(): void {
    writeSync(this.fd, Buffer.concat(this.buffer));
    this.buffer = [];
    this.buffered = 0;
  }
}
