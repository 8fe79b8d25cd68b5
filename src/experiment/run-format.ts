import { csvCell } from '../guard/csv.js';
import { replicationSeed, type ExperimentManifest } from './manifest.js';
import { csvRow, formatFactorValue, jsonlLine, runCoordinates, toExperimentRun, valueStatus, type RunLines, type RunOutcome, type ValueStatus } from './records.js';

/**
 * Formats run outcomes into their runs.jsonl and runs.csv lines, byte for byte what
 * `jsonlLine(toExperimentRun(...))` and `csvRow` write, but straight from the outcome's
 * value array: the parts that are the same for every run of a design point (scenario,
 * hashes, engine, factors) and every metric's quoted JSON key are built once, and no
 * record object with 172 named metrics is built per run. A merge of 100,000 runs
 * formats every run again, so this is most of its time (issue 16).
 *
 * Column names that JSON.stringify would reorder (array-index names such as `"3"`) or
 * that an object would collapse (duplicates, `__proto__`) fall back to the record path.
 */
export class RunFormatter {
  /** Each metric's JSON key with its colon (and the comma before it, but the first's). */
  readonly metricKeys: string[];
  /** Each metric's JSON key with its colon, in metricStatus. */
  readonly statusKeys: string[];
  readonly censorable: boolean[];
  /** Per design point: the JSON fields from `scenario` to `factors`, and the CSV cells from scenario to the factors. */
  readonly pointJson: string[];
  readonly pointCsv: string[];
  /** False when the column names need the record path (see above). */
  readonly direct: boolean;

  constructor(private readonly manifest: ExperimentManifest) {
    const names = manifest.columns.map((column) => column.name);
    this.direct = new Set(names).size === names.length && names.every((name) => name !== '__proto__' && !/^(0|[1-9]\d*)$/.test(name));
    this.metricKeys = names.map((name, k) => `${k === 0 ? '' : ','}${JSON.stringify(name)}:`);
    this.statusKeys = names.map((name) => `${JSON.stringify(name)}:`);
    this.censorable = manifest.columns.map((column) => column.censorable);
    const engine = `${manifest.engine.name} ${manifest.engine.version}`;
    this.pointJson = manifest.points.map((point) => JSON.stringify({ scenario: point.scenario, scenarioHash: point.scenarioHash, engine, factors: point.values }).slice(1, -1));
    this.pointCsv = manifest.points.map((point) => [point.scenario, point.scenarioHash, engine, ...manifest.factors.map((factor) => formatFactorValue(point.values[factor.name]))].map(csvCell).join(','));
  }

  /** The outcome's line in runs.jsonl and in runs.csv, each with its newline. */
  lines(outcome: RunOutcome): RunLines {
    if (!this.direct) {
      const run = toExperimentRun(this.manifest, outcome);
      return { jsonl: jsonlLine(run), csv: csvRow(this.manifest, run) };
    }
    const { point, replication } = runCoordinates(this.manifest, outcome.run);
    const seed = replicationSeed(this.manifest.seed, replication);
    const ok = outcome.status === 'ok';
    const counts: Record<ValueStatus, number> = { observed: 0, censored: 0, 'not-applicable': 0 };
    let metricsJson = '';
    let statusJson = '';
    let metricCsv = '';
    for (let k = 0; k < this.metricKeys.length; k += 1) {
      const value = outcome.values[k] ?? null;
      metricsJson += this.metricKeys[k]! + (value !== null && Number.isFinite(value) ? String(value) : 'null');
      metricCsv += `${value === null ? '' : String(value)},`;
      if (!this.censorable[k]) continue;
      if (!ok) {
        metricCsv += ',';
        continue;
      }
      const status = valueStatus(outcome, k);
      counts[status] += 1;
      statusJson += `${statusJson === '' ? '' : ','}${this.statusKeys[k]!}"${status}"`;
      metricCsv += `${status},`;
    }
    const censoredAt = outcome.censoredAtHours;
    const series = outcome.series ? `,"series":${JSON.stringify(outcome.series)}` : '';
    const jsonl = `{"run":${outcome.run},"point":${point},"replication":${replication},"seed":${seed},${this.pointJson[point]!},"status":"${outcome.status}","error":${JSON.stringify(outcome.error)},"censoredAtHours":${JSON.stringify(censoredAt)},"censored":${counts.censored},"notApplicable":${counts['not-applicable']},"metrics":{${metricsJson}},"metricStatus":{${statusJson}}${series}}\n`;
    const csv = `${outcome.run},${point},${replication},${seed},${this.pointCsv[point]!},${outcome.status},${csvCell(censoredAt)},${counts.censored},${counts['not-applicable']},${metricCsv}${csvCell(outcome.error)}\n`;
    return { jsonl, csv };
  }
}

/** One formatter per manifest, kept as long as the manifest is. */
const formatters = new WeakMap<ExperimentManifest, RunFormatter>();

/** The manifest's formatter, built once. */
export function formatterOf(manifest: ExperimentManifest): RunFormatter {
  let formatter = formatters.get(manifest);
  if (!formatter) formatters.set(manifest, (formatter = new RunFormatter(manifest)));
  return formatter;
}

/** The results-file lines of a run outcome. */
export function runLines(manifest: ExperimentManifest, outcome: RunOutcome): RunLines {
  return formatterOf(manifest).lines(outcome);
}
