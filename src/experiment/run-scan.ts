import { replicationSeed, type ExperimentManifest } from './manifest.js';
import { runCoordinates } from './records.js';
import { formatterOf } from './run-format.js';
import { NOT_APPLICABLE } from './table.js';

/**
 * Reads a runs.jsonl line as bytes, without JSON.parse, when it is exactly what
 * RunFormatter writes for a finished run (status ok, no series): every key in its place,
 * the run's point, replication and seed those of its index, every number in the form
 * `String(number)` writes, each status agreeing with its value, the counts with the
 * statuses. Such a line is copied into merged results as it is; its runs.csv row is built
 * from the same bytes (a number's JSON text is its CSV cell) and its values go to the
 * results table. A merge of 100,000 runs spent most of its time parsing each line into an
 * object and formatting it again (issue 16).
 *
 * Any other line (a failed run, a series, a number such as `1e-7` or with more than 15
 * significant digits, a line edited by hand) is refused with -1: the caller reads it the
 * general way (JSON.parse and RunFormatter), which gives the same bytes for a canonical line.
 */
export class RunLineScanner {
  /** The last accepted line's row, as the results table stores it (NaN censored, -Infinity not applicable, then when the run ended). */
  readonly row: Float64Array;
  private csv = Buffer.allocUnsafe(1 << 14);
  private csvLength = 0;
  /** The number the last call of `number` read. */
  private value = 0;
  private readonly usable: boolean;
  private readonly total: number;
  private readonly metricKeys: Literal[];
  /** Per metric: its key in metricStatus with the comma before it (but the first censorable's); undefined for a plain metric. */
  private readonly statusKeys: (Literal | undefined)[];
  /** Per design point: the JSON from after the seed to the value of censoredAtHours, and the CSV cells from the scenario to the status. */
  private readonly pointJson: Literal[];
  private readonly pointCsv: Uint8Array[];
  private readonly longestPointCsv: number;
  /** Where each metric's number is in the line (start, end); start < 0 for null. */
  private readonly tokens: Int32Array;
  private readonly counts = new Int32Array(3);
  /** The line being scanned, and a view of its bytes for reading them four at a time. */
  private line: Uint8Array = new Uint8Array(0);
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

  constructor(private readonly manifest: ExperimentManifest) {
    const formatter = formatterOf(manifest);
    this.usable = formatter.direct && manifest.series === null;
    this.total = manifest.points.length * manifest.replications;
    this.row = new Float64Array(manifest.columns.length + 1);
    this.tokens = new Int32Array(2 * manifest.columns.length);
    this.metricKeys = formatter.metricKeys.map(literalOf);
    const firstCensorable = formatter.censorable.indexOf(true);
    this.statusKeys = formatter.statusKeys.map((key, k) => (formatter.censorable[k] ? literalOf(`${k === firstCensorable ? '' : ','}${key}`) : undefined));
    this.pointJson = formatter.pointJson.map((json) => literalOf(`,${json},"status":"ok","error":null,"censoredAtHours":`));
    this.pointCsv = formatter.pointCsv.map((csv) => bytes(`,${csv},ok,`));
    this.longestPointCsv = Math.max(...this.pointCsv.map((csv) => csv.length));
  }

  /** The last accepted line's runs.csv row, with its newline (valid until the next call). */
  csvRow(): Uint8Array {
    return this.csv.subarray(0, this.csvLength);
  }

  /** The run index of the line `line[start, end)` (without its newline) when it is a canonical finished run of this experiment; -1 otherwise. */
  scan(line: Uint8Array, start: number, end: number): number {
    if (!this.usable) return -1;
    if (line !== this.line) {
      this.line = line;
      this.view = new DataView(line.buffer, line.byteOffset, line.byteLength);
    }
    const runStart = start + RUN_KEY.length;
    let p = this.number(line, this.literal(start, end, RUN_KEY), end);
    const run = this.value;
    const runEnd = p;
    if (p < 0 || !Number.isInteger(run) || run >= this.total) return -1;
    const { point, replication } = runCoordinates(this.manifest, run);
    p = this.number(line, this.literal(p, end, POINT_KEY), end);
    if (p < 0 || this.value !== point) return -1;
    const replicationStart = p + REPLICATION_KEY.length;
    p = this.number(line, this.literal(p, end, REPLICATION_KEY), end);
    const replicationEnd = p;
    if (p < 0 || this.value !== replication) return -1;
    const seedStart = p + SEED_KEY.length;
    p = this.number(line, this.literal(p, end, SEED_KEY), end);
    const seedEnd = p;
    if (p < 0 || this.value !== replicationSeed(this.manifest.seed, replication)) return -1;
    p = this.literal(p, end, this.pointJson[point]!);
    const censoredAtStart = p;
    const censoredAtNull = this.literal(p, end, NULL) >= 0;
    p = censoredAtNull ? p + NULL.length : this.number(line, p, end);
    const censoredAtEnd = p;
    if (p < 0) return -1;
    const censoredAt = censoredAtNull ? Number.NaN : this.value;
    const censoredStart = p + CENSORED_KEY.length;
    p = this.number(line, this.literal(p, end, CENSORED_KEY), end);
    const censoredEnd = p;
    const censored = this.value;
    const notApplicableStart = p + NOT_APPLICABLE_KEY.length;
    p = this.number(line, this.literal(p, end, NOT_APPLICABLE_KEY), end);
    const notApplicableEnd = p;
    const notApplicable = this.value;
    p = this.metrics(line, this.literal(p, end, METRICS_OPEN), end);
    p = this.statuses(line, this.literal(p, end, STATUS_OPEN), end);
    if (this.literal(p, end, CLOSE) !== end) return -1;
    if (this.counts[CENSORED] !== censored || this.counts[NOT_APPLICABLE_STATUS] !== notApplicable) return -1;
    this.row[this.row.length - 1] = censoredAt;

    this.csvLength = 0;
    this.reserve(end - start + this.longestPointCsv + 16 * this.row.length + 64);
    this.copy(line, runStart, runEnd);
    this.put(COMMA);
    this.copy(line, runEnd + POINT_KEY.length, replicationStart - REPLICATION_KEY.length);
    this.put(COMMA);
    this.copy(line, replicationStart, replicationEnd);
    this.put(COMMA);
    this.copy(line, seedStart, seedEnd);
    this.put(this.pointCsv[point]!);
    if (!censoredAtNull) this.copy(line, censoredAtStart, censoredAtEnd);
    this.put(COMMA);
    this.copy(line, censoredStart, censoredEnd);
    this.put(COMMA);
    this.copy(line, notApplicableStart, notApplicableEnd);
    this.put(COMMA);
    this.metricCells(line);
    this.put(NEWLINE);
    return run;
  }

  /** Reads the metrics object's members from `p` (after its brace); returns the position after the last, or -1. */
  private metrics(line: Uint8Array, p: number, end: number): number {
    for (let k = 0; k < this.metricKeys.length && p >= 0; k += 1) {
      p = this.literal(p, end, this.metricKeys[k]!);
      if (p < 0) return -1;
      if (this.literal(p, end, NULL) >= 0) {
        this.tokens[2 * k] = -1;
        this.row[k] = Number.NaN;
        p += NULL.length;
        continue;
      }
      this.tokens[2 * k] = p;
      p = this.number(line, p, end);
      this.tokens[2 * k + 1] = p;
      this.row[k] = this.value;
    }
    return p;
  }

  /** Reads metricStatus's members from `p` (after its brace), checking each against its value and counting them; returns the position after the last, or -1. */
  private statuses(line: Uint8Array, p: number, end: number): number {
    this.counts.fill(0);
    for (let k = 0; k < this.statusKeys.length && p >= 0; k += 1) {
      const key = this.statusKeys[k];
      if (!key) continue;
      p = this.literal(p, end, key);
      if (p < 0) return -1;
      // The status by its first letter, then checked whole.
      const status = line[p + 1] === LOWER_O ? OBSERVED : line[p + 1] === LOWER_C ? CENSORED : NOT_APPLICABLE_STATUS;
      p = this.literal(p, end, STATUSES[status]!);
      if (p < 0 || (status === OBSERVED) !== this.tokens[2 * k]! >= 0) return -1;
      if (status === NOT_APPLICABLE_STATUS) this.row[k] = NOT_APPLICABLE;
      this.counts[status]! += 1;
    }
    return p;
  }

  /** The CSV cells of the metrics: each value (empty when null), then a censorable metric's status. */
  private metricCells(line: Uint8Array): void {
    for (let k = 0; k < this.metricKeys.length; k += 1) {
      if (this.tokens[2 * k]! >= 0) this.copy(line, this.tokens[2 * k]!, this.tokens[2 * k + 1]!);
      this.put(COMMA);
      if (!this.statusKeys[k]) continue;
      const cell = this.row[k]!;
      this.put(Number.isFinite(cell) ? STATUS_CELLS[OBSERVED]! : cell === NOT_APPLICABLE ? STATUS_CELLS[NOT_APPLICABLE_STATUS]! : STATUS_CELLS[CENSORED]!);
      this.put(COMMA);
    }
  }

  /**
   * Reads a JSON number at `p` into `value` when it is written as String(number) writes
   * it and has at most 15 significant digits; returns the position after it, or -1 (also
   * for p < 0). Such a decimal is the shortest that reads back as its double, so it is
   * exactly what String writes; and its digits as an integer (below 2^53) divided by a
   * power of ten up to 10^22 (both exact) is the correctly rounded double (Clinger's fast path).
   */
  private number(line: Uint8Array, p: number, end: number): number {
    if (p < 0) return -1;
    const negative = line[p] === MINUS;
    if (negative) p += 1;
    let mantissa = 0;
    let significant = 0;
    let decimals = 0;
    const first = p;
    if (line[p] === ZERO) p += 1;
    else
      for (; p < end && isDigit(line[p]!); p += 1) {
        mantissa = mantissa * 10 + line[p]! - ZERO;
        significant += 1;
      }
    if (p === first || (p < end && isDigit(line[p]!))) return -1;
    const integerZero = mantissa === 0;
    if (line[p] === DOT) {
      for (p += 1; p < end && isDigit(line[p]!); p += 1) {
        const digit = line[p]! - ZERO;
        if (mantissa > 0 || digit > 0) significant += 1;
        mantissa = mantissa * 10 + digit;
        decimals += 1;
      }
      // No digits, or a trailing zero: not String's form.
      if (decimals === 0 || line[p - 1] === ZERO) return -1;
    }
    if (p < end && (line[p] === LOWER_E || line[p] === UPPER_E)) return -1;
    // More than 15 digits; -0 or 0.x (String writes 0); below 1e-6 (String writes 1e-7).
    if (significant > 15 || (mantissa === 0 && (negative || decimals > 0)) || (integerZero && decimals - significant > 5)) return -1;
    const magnitude = decimals === 0 ? mantissa : mantissa / POWERS_OF_TEN[decimals]!;
    this.value = negative ? -magnitude : magnitude;
    return p;
  }

  /** The position after `text` when the line has it at `p`; -1 otherwise (also for p < 0). */
  private literal(p: number, end: number, text: Literal): number {
    if (p < 0 || p + text.length > end) return -1;
    const { view, line } = this;
    const words = text.words;
    let at = p;
    for (let i = 0; i < words.length; i += 1, at += 4) if (view.getUint32(at, true) !== words[i]) return -1;
    const tail = text.tail;
    for (let i = 0; i < tail.length; i += 1) if (line[at + i] !== tail[i]) return -1;
    return p + text.length;
  }

  private reserve(bytes: number): void {
    if (this.csv.length < bytes) this.csv = Buffer.allocUnsafe(bytes * 2);
  }

  private copy(line: Uint8Array, from: number, to: number): void {
    const csv = this.csv;
    let w = this.csvLength;
    for (let i = from; i < to; i += 1) csv[w++] = line[i]!;
    this.csvLength = w;
  }

  private put(text: Uint8Array): void {
    this.copy(text, 0, text.length);
  }
}

/** A fixed text a canonical line holds, as its bytes and as 32-bit words: compared four bytes at a time. */
interface Literal {
  length: number;
  words: Uint32Array;
  /** The bytes after the last whole word. */
  tail: Uint8Array;
}

function literalOf(text: string): Literal {
  const encoded = bytes(text);
  const view = new DataView(encoded.buffer, encoded.byteOffset, encoded.length);
  const words = Uint32Array.from({ length: Math.floor(encoded.length / 4) }, (_, i) => view.getUint32(4 * i, true));
  return { length: encoded.length, words, tail: encoded.subarray(4 * words.length) };
}

function bytes(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

function isDigit(byte: number): boolean {
  return byte >= ZERO && byte <= ZERO + 9;
}

const [ZERO, MINUS, DOT, LOWER_E, UPPER_E, LOWER_O, LOWER_C] = [...'0-.eEoc'].map((char) => char.charCodeAt(0)) as [number, number, number, number, number, number, number];
/** 10^0 .. 10^22, each exact: products of exact values, built by multiplication rather than a power function. */
const POWERS_OF_TEN = [1];
while (POWERS_OF_TEN.length < 23) POWERS_OF_TEN.push(POWERS_OF_TEN.at(-1)! * 10);
const RUN_KEY = literalOf('{"run":');
const POINT_KEY = literalOf(',"point":');
const REPLICATION_KEY = literalOf(',"replication":');
const SEED_KEY = literalOf(',"seed":');
const CENSORED_KEY = literalOf(',"censored":');
const NOT_APPLICABLE_KEY = literalOf(',"notApplicable":');
const METRICS_OPEN = literalOf(',"metrics":{');
const STATUS_OPEN = literalOf('},"metricStatus":{');
const CLOSE = literalOf('}}');
const NULL = literalOf('null');
const COMMA = bytes(',');
const NEWLINE = bytes('\n');
/** The statuses, in the order of these indices: as JSON strings and as CSV cells. */
const [OBSERVED, CENSORED, NOT_APPLICABLE_STATUS] = [0, 1, 2] as const;
const STATUS_NAMES = ['observed', 'censored', 'not-applicable'] as const;
const STATUSES = STATUS_NAMES.map((name) => literalOf(`"${name}"`));
const STATUS_CELLS = STATUS_NAMES.map(bytes);
