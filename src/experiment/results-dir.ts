import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../metrics/trace-file.js';
import type { ExperimentManifest } from './manifest.js';
import type { Shard } from './plan.js';
import { csvHeader, fromExperimentRun, runLines, type RunLines, type RunOutcome } from './records.js';
import { columnsJson } from './columns-json.js';
import { sensitivityCsv } from './sensitivity.js';
import { differencesCsv, summaryCsv } from './summary.js';
import type { ResultTable } from './table.js';

/**
 * The results folder of a batch: experiment.json (the manifest), runs.jsonl (the
 * journal, one line per finished run, appended as runs finish), runs.csv (the same as a
 * table), and when the batch is complete summary.csv, differences.csv,
 * sensitivity.csv and columns.json (every column's unit and meaning). A shard also has shard.json.
 *
 * Crash safety: each run is appended as one complete line with one write; a line
 * without its newline (a write cut short by kill -9) is ignored on resume, and files
 * that are rewritten are written to a temporary file and renamed over the old one.
 */

/** A problem with a results folder: wrong experiment, missing files, existing results. */
export class ResultsError extends Error {
  override name = 'ResultsError';
}

export const RESULT_FILES = {
  manifest: 'experiment.json',
  journal: 'runs.jsonl',
  runs: 'runs.csv',
  summary: 'summary.csv',
  differences: 'differences.csv',
  sensitivity: 'sensitivity.csv',
  columns: 'columns.json',
  shard: 'shard.json',
} as const;

/** Reads a results folder's manifest. */
export function readManifest(dir: string): ExperimentManifest {
  const path = join(dir, RESULT_FILES.manifest);
  if (!existsSync(path)) throw new ResultsError(`${dir} is not a batch results folder (no ${RESULT_FILES.manifest})`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as ExperimentManifest;
  if (manifest.format !== 'crisis-sim/experiment@1') throw new ResultsError(`${path}: unknown format ${String(manifest.format)}`);
  return manifest;
}

/** The shard a results folder holds, if it is one. */
export function readShard(dir: string): Shard | undefined {
  const path = join(dir, RESULT_FILES.shard);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Shard) : undefined;
}

/**
 * Every complete, valid run line of runs.jsonl, in file order. A last line without its
 * newline was cut short and is ignored; so is any line that does not parse as a run of
 * this experiment (counted in `ignored`).
 */
export function readJournal(dir: string, manifest: ExperimentManifest): { outcomes: RunOutcome[]; ignored: number } {
  const path = join(dir, RESULT_FILES.journal);
  if (!existsSync(path)) return { outcomes: [], ignored: 0 };
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const partial = lines.pop()!;
  const outcomes: RunOutcome[] = [];
  let ignored = partial === '' ? 0 : 1;
  for (const line of lines) {
    if (line === '') continue;
    try {
      outcomes.push(fromExperimentRun(manifest, JSON.parse(line)));
    } catch {
      ignored += 1;
    }
  }
  return { outcomes, ignored };
}

/** Where a run's line is in a file: byte offset and length. */
type LineSpan = [offset: number, length: number];

interface JournalFile {
  path: string;
  fd: number;
  size: number;
  spans: Map<number, LineSpan>;
}

/**
 * Appends finished runs to runs.jsonl and runs.csv, one write per line per file, and
 * remembers where each run's lines are, so the final files in run order are a copy of
 * those bytes rather than a second formatting of every run.
 */
export class Journal {
  private readonly files: JournalFile[];
  private readonly csvHeaderLength: number;

  constructor(dir: string, manifest: ExperimentManifest) {
    this.files = [RESULT_FILES.journal, RESULT_FILES.runs].map((name, k) => {
      const path = join(dir, name);
      const existing = readFileSync(path);
      return { path, fd: openSync(path, 'a'), size: existing.length, spans: indexLines(existing, k === 1) };
    });
    this.csvHeaderLength = Buffer.byteLength(csvHeader(manifest));
  }

  /** Appends a run's lines, as the worker formatted them. */
  append(run: number, lines: RunLines): void {
    this.write(this.files[0]!, run, lines.jsonl);
    this.write(this.files[1]!, run, lines.csv);
  }

  private write(file: JournalFile, run: number, line: string): void {
    const length = writeSync(file.fd, line);
    if (!file.spans.has(run)) file.spans.set(run, [file.size, length]);
    file.size += length;
  }

  close(): void {
    for (const file of this.files) closeSync(file.fd);
  }

  /** After close: rewrites both files with the lines of these runs, in this order. */
  rewriteInOrder(runs: readonly number[]): void {
    this.files.forEach((file, k) => {
      const source = new WindowReader(file.path);
      const target = new AtomicWriter(file.path);
      if (k === 1) target.write(source.read(0, this.csvHeaderLength));
      for (const run of runs) target.write(source.read(...file.spans.get(run)!));
      source.close();
      target.commit();
    });
  }
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

/** Byte spans of the run lines already in a results file, by run index (the first number of each line). */
function indexLines(bytes: Buffer, hasHeader: boolean): Map<number, LineSpan> {
  const spans = new Map<number, LineSpan>();
  let start = 0;
  for (let end = bytes.indexOf(10); end !== -1; start = end + 1, end = bytes.indexOf(10, start)) {
    if (hasHeader && start === 0) continue;
    const run = /\d+/.exec(bytes.toString('latin1', start, Math.min(end, start + 24)));
    if (run && !spans.has(Number(run[0]))) spans.set(Number(run[0]), [start, end + 1 - start]);
  }
  return spans;
}

/**
 * Prepares a results folder for a batch. A fresh start refuses a folder that already
 * holds runs; a resume of a folder without results is a fresh start; a resume refuses results of a different experiment or shard, keeps every
 * valid finished run exactly once (failed runs are dropped, to be tried again) and
 * rewrites the journal without any cut-short line.
 */
export function openResults(dir: string, manifest: ExperimentManifest, options: { resume: boolean; shard: Shard | undefined }): { completed: RunOutcome[]; ignored: number } {
  mkdirSync(dir, { recursive: true });
  const manifestPath = join(dir, RESULT_FILES.manifest);
  if (!options.resume || !existsSync(manifestPath)) {
    if (existsSync(join(dir, RESULT_FILES.journal)) || existsSync(manifestPath)) {
      throw new ResultsError(`${dir} already holds batch results: add --resume to continue them, or choose another --out folder`);
    }
    writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    if (options.shard) writeFileAtomic(join(dir, RESULT_FILES.shard), `${JSON.stringify(options.shard)}\n`);
    writeFileAtomic(join(dir, RESULT_FILES.journal), '');
    writeFileAtomic(join(dir, RESULT_FILES.runs), csvHeader(manifest));
    return { completed: [], ignored: 0 };
  }
  const previous = readManifest(dir);
  if (previous.experimentHash !== manifest.experimentHash) {
    throw new ResultsError(`${dir} holds results of a different experiment (${previous.id}, ${previous.experimentHash.slice(0, 19)}); the experiment file, its scenarios or the engine changed since`);
  }
  const shard = readShard(dir);
  if (JSON.stringify(shard) !== JSON.stringify(options.shard)) {
    throw new ResultsError(`${dir} holds ${shard ? `shard ${shard.index}/${shard.count}` : 'an unsharded batch'}; resume it with the same --shard`);
  }
  const { outcomes, ignored } = readJournal(dir, manifest);
  const seen = new Set<number>();
  const completed = outcomes.filter((outcome) => outcome.status === 'ok' && !seen.has(outcome.run) && seen.add(outcome.run));
  completed.sort((a, b) => a.run - b.run);
  writeRuns(dir, manifest, completed);
  return { completed, ignored };
}

/** Rewrites runs.jsonl and runs.csv with these outcomes, in the order given. */
export function writeRuns(dir: string, manifest: ExperimentManifest, outcomes: Iterable<RunOutcome>): void {
  const jsonl = new AtomicWriter(join(dir, RESULT_FILES.journal));
  const csv = new AtomicWriter(join(dir, RESULT_FILES.runs));
  csv.write(csvHeader(manifest));
  for (const outcome of outcomes) {
    const lines = runLines(manifest, outcome);
    jsonl.write(lines.jsonl);
    csv.write(lines.csv);
  }
  jsonl.commit();
  csv.commit();
}

/**
 * Writes the final results in run order: the manifest, the runs, and (unless this is a
 * shard, whose summary would describe only part of the runs) the summaries.
 */
export function writeFinalResults(dir: string, table: ResultTable, runs: readonly number[], options: { summaries: boolean; journal?: Journal }): void {
  writeFileAtomic(join(dir, RESULT_FILES.manifest), `${JSON.stringify(table.manifest, null, 2)}\n`);
  if (options.journal) options.journal.rewriteInOrder(runs);
  else {
    writeRuns(dir, table.manifest, (function* () {
      for (const run of runs) yield table.get(run)!;
    })());
  }
  if (!options.summaries) return;
  writeFileAtomic(join(dir, RESULT_FILES.summary), summaryCsv(table));
  writeFileAtomic(join(dir, RESULT_FILES.differences), differencesCsv(table));
  writeFileAtomic(join(dir, RESULT_FILES.sensitivity), sensitivityCsv(table));
  writeFileAtomic(join(dir, RESULT_FILES.columns), columnsJson(table.manifest));
}

/** A file written in chunks to a temporary sibling and renamed into place on commit, so memory stays flat. */
class AtomicWriter {
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
