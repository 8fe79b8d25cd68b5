import { closeSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Numbers of many runs (a row of metric values per run) in bounded memory. Rows are
 * gathered in blocks of `blockRuns` runs (default 2048), stored column by column; a full
 * block goes to a scratch file, so one column of every run reads back with one small read
 * (16 KB) per block. A batch of 100,000 runs of 172 metrics keeps one block (2.8 MB) in
 * memory instead of 138 MB of rows.
 *
 * The scratch file is created only when the first block is full, in `dir` (the results
 * folder, on the disk the user chose for results), and deleted right after it is opened,
 * so no file is left behind even if the process is killed (POSIX: it lives on through the
 * open descriptor); where a file cannot be deleted while open, `close` deletes it.
 */
export class ValueSpill {
  private static created = 0;
  private fd: number | undefined;
  private pathToDelete: string | undefined;
  private fileBytes = 0;
  /** The block being filled, column-major: block[column * blockRuns + slot]. */
  private readonly block: Float64Array;
  private slotRuns: Int32Array;
  private filled = 0;
  /** Written blocks: file offset and run index of each slot. */
  private readonly written: { offset: number; runs: Int32Array }[] = [];

  constructor(private readonly dir: string, readonly columns: number, private readonly blockRuns = 2048) {
    this.block = new Float64Array(columns * blockRuns);
    this.slotRuns = new Int32Array(blockRuns);
  }

  /** Appends a run's row (one number per column). */
  append(run: number, row: ArrayLike<number>): void {
    const size = this.blockRuns;
    for (let column = 0; column < this.columns; column += 1) this.block[column * size + this.filled] = row[column]!;
    this.slotRuns[this.filled] = run;
    this.filled += 1;
    if (this.filled === size) this.writeBlock();
  }

  /** Calls `visit(run, value)` for every stored row's value in `column`, in the order the rows came. */
  forEachInColumn(column: number, visit: (run: number, value: number) => void): void {
    const size = this.blockRuns;
    const segment = new Float64Array(size);
    const bytes = new Uint8Array(segment.buffer);
    for (const { offset, runs } of this.written) {
      readSync(this.fd!, bytes, 0, bytes.length, offset + column * bytes.length);
      for (let slot = 0; slot < size; slot += 1) visit(runs[slot]!, segment[slot]!);
    }
    for (let slot = 0; slot < this.filled; slot += 1) visit(this.slotRuns[slot]!, this.block[column * size + slot]!);
  }

  /** Closes (and where still needed deletes) the scratch file. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.pathToDelete) rmSync(this.pathToDelete, { force: true });
    this.pathToDelete = undefined;
  }

  private writeBlock(): void {
    if (this.fd === undefined) this.open();
    const bytes = new Uint8Array(this.block.buffer);
    writeSync(this.fd!, bytes, 0, bytes.length, this.fileBytes);
    this.written.push({ offset: this.fileBytes, runs: this.slotRuns });
    this.fileBytes += bytes.length;
    this.slotRuns = new Int32Array(this.blockRuns);
    this.filled = 0;
  }

  private open(): void {
    ValueSpill.created += 1;
    const path = join(this.dir, `.crisis-sim-values-${process.pid}-${ValueSpill.created}.tmp`);
    this.fd = openSync(path, 'w+');
    try {
      unlinkSync(path);
    } catch {
      this.pathToDelete = path;
    }
  }
}
