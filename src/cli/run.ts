import type { Command } from 'commander';
import { roundNumbers, runScenario } from '../engine/run.js';
import type { TraceEntry } from '../metrics/trace.js';
import { checkOutputFile, writeOutputFile, type OutputFileOptions } from '../guard/output-file.js';
import { traceToJsonl } from '../metrics/trace-file.js';
import { loadScenarioFile, type LoadedScenario } from '../scenario/load.js';
import { guarded, parseHours, parseSeed, UserError } from './errors.js';
import { reportFileFormat, writeReportFile } from './report-file.js';
import { formatSummary } from './summary.js';
import { terminalSafeJson } from '../guard/terminal-text.js';
import { printOut } from './terminal.js';

interface RunCommandOptions {
  seed: string;
  until?: string;
  trace?: string;
  report?: string;
  json?: boolean;
  force?: boolean;
}

/** `crisis-sim run <scenario>`: one run, a readable summary or JSON, optionally a trace. */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a scenario once and print its response-time metrics')
    .argument('<scenario>', 'scenario file (YAML)')
    .option('--seed <n>', 'random seed (same seed, same run)', '1')
    .option('--until <hours>', 'horizon in simulated hours (default: the scenario\'s horizonHours)')
    .option('--trace <file>', 'write the full event trace as JSON Lines')
    .option('--report <file>', 'write the after-action report: .html (with charts) or .md')
    .option('--json', 'print one JSON object instead of the summary')
    .option('--force', 'replace the --trace and --report files if they exist (never the scenario itself)')
    .action((file: string, options: RunCommandOptions) =>
      guarded(async () => {
        const seed = parseSeed(options.seed);
        const horizonHours = options.until !== undefined ? parseHours(options.until, '--until') : undefined;
        const rules = { inputs: [file], force: options.force === true };
        checkOutputs(options, rules);
        await runAndWrite(loadScenarioFile(file), { seed, horizonHours, trace: options.trace, report: options.report, json: options.json, rules });
      }),
    );
}

/** What one run writes: a trace file, a report file, JSON or the readable summary on stdout. */
export interface RunOutputs {
  seed: number;
  horizonHours?: number | undefined;
  trace?: string | undefined;
  report?: string | undefined;
  json?: boolean | undefined;
  /** What the trace and report files may replace (the output-file rules). */
  rules: OutputFileOptions;
}

/** Refuses bad --trace/--report paths before the run, not after it. */
export function checkOutputs(outputs: { trace?: string | undefined; report?: string | undefined }, rules: OutputFileOptions): void {
  if (outputs.report !== undefined) reportFileFormat(outputs.report);
  for (const output of [outputs.trace, outputs.report]) if (output !== undefined) checkOutputFile(output, rules);
  if (outputs.trace !== undefined && outputs.trace === outputs.report) throw new UserError('--trace and --report name the same file');
}

/** Runs a loaded scenario once and writes what `outputs` asks for (used by `run` and `rerun`). */
export async function runAndWrite(loaded: LoadedScenario, outputs: RunOutputs): Promise<void> {
  const reportFormat = outputs.report !== undefined ? reportFileFormat(outputs.report) : undefined;
  const entries: TraceEntry[] = [];
  const result = runScenario(loaded, {
    seed: outputs.seed,
    ...(outputs.horizonHours !== undefined ? { horizonHours: outputs.horizonHours } : {}),
    ...(outputs.trace || outputs.report ? { trace: (entry: TraceEntry) => entries.push(entry) } : {}),
  });
  const { timeline, ...output } = roundNumbers(result);
  if (outputs.trace) {
    writeOutputFile(outputs.trace, traceToJsonl({ ...provenance(output), scenarioDocument: loaded.scenario }, roundNumbers(entries), { ...output, timeline }), outputs.rules);
  }
  if (outputs.report && reportFormat) await writeReportFile(outputs.report, reportFormat, { scenario: loaded.scenario, result: roundNumbers(result), trace: roundNumbers(entries) }, outputs.rules);
  if (outputs.json) process.stdout.write(`${terminalSafeJson(JSON.stringify(output, null, 2))}\n`);
  else printOut(`${formatSummary(result, loaded.scenario.name)}\n`);
}

function provenance(output: Omit<ReturnType<typeof runScenario>, 'timeline'>) {
  const { engine, scenario, scenarioHash, kind, seed, horizonHours } = output;
  return { engine, scenario, scenarioHash, kind, seed, horizonHours };
}
