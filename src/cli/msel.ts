import type { Command } from 'commander';
import { injectsToMsel } from '../msel/export.js';
import { mselToInjects } from '../msel/import.js';
import { replaceInjects } from '../msel/into-scenario.js';
import { formatIssue, ScenarioError, type ScenarioIssue } from '../scenario/issues.js';
import { checkScenarioText, loadScenarioFile } from '../scenario/load.js';
import type { Inject } from '../scenario/schema.js';
import { onsetOf } from '../scenario/duration-fields.js';
import { parseScenarioSource, readScenarioText } from '../scenario/source.js';
import { guarded, UserError } from './errors.js';
import { writeOutputFile } from '../guard/output-file.js';
import { terminalSafe } from '../guard/terminal-text.js';
import { printErr } from './terminal.js';

/** `crisis-sim msel export|import`: move a scenario's injects to and from an MSEL spreadsheet (CSV). */
export function registerMsel(program: Command): void {
  const msel = program.command('msel').description('export or import injects as an MSEL (Master Scenario Events List) CSV');
  msel
    .command('export')
    .description('write the injects of a scenario as an MSEL CSV')
    .argument('<scenario>', 'scenario file (YAML)')
    .option('-o, --output <file>', 'write to a CSV file (atomically) instead of stdout')
    .option('--force', 'replace the output file if it exists (never the scenario itself)')
    .action((scenarioFile: string, options: { output?: string; force?: boolean }) =>
      guarded(() => {
        const { scenario } = loadScenarioFile(scenarioFile);
        const csv = injectsToMsel(scenario.injects);
        // On a terminal the CSV is for reading; piped or redirected it is data, byte for byte.
        if (options.output === undefined) process.stdout.write(process.stdout.isTTY ? terminalSafe(csv) : csv);
        else {
          writeOutputFile(options.output, csv, { inputs: [scenarioFile], force: options.force === true });
          printErr(`wrote ${scenario.injects.length} injects to ${options.output}\n`);
        }
      }),
    );
  msel
    .command('import')
    .description('replace the injects of a scenario with those of an MSEL CSV (the scenario is checked before anything is written)')
    .argument('<csv>', 'MSEL CSV file')
    .requiredOption('--into <scenario>', 'scenario file whose injects the CSV replaces')
    .option('-o, --output <file>', 'write the updated scenario here instead of over --into')
    .option('--force', 'replace the -o file if it exists (never the CSV or --into)')
    .action((csvFile: string, options: { into: string; output?: string; force?: boolean }) =>
      guarded(() => {
        const scenarioText = readText(options.into);
        const source = parseScenarioSource(scenarioText, '<scenario>');
        const data = Array.isArray(source) ? undefined : source.data;
        const imported = mselToInjects(readText(csvFile), csvFile, { onset: onsetOf(data) });
        if (imported.rows.length === 0 && hasErrors(imported.issues)) throw new ScenarioError(imported.issues);
        const updated = intoScenario(scenarioText, imported.injects, options.into);
        // Check the result as it will be written, pointing problems with injects at their CSV
        // cells: every problem at once (a bad cell does not hide an unknown id in another).
        const { issues } = checkScenarioText(updated, options.output ?? options.into);
        const located = issues.map((issue) => {
          const [head, index, ...rest] = issue.path;
          return head === 'injects' && typeof index === 'number' && index < imported.rows.length
            ? imported.cellIssue(index, rest, issue.severity, issue.code, issue.message)
            : issue;
        });
        const reported = new Set(imported.issues.map(formatIssue));
        const all = [...imported.issues, ...located.filter((issue) => !reported.has(formatIssue(issue)))];
        if (hasErrors(all)) throw new ScenarioError(all);
        for (const issue of all) printErr(`${formatIssue(issue)}\n`);
        const target = options.output ?? options.into;
        // Without -o, updating --into is the command's job; with -o, neither input may be replaced.
        writeOutputFile(target, updated, options.output === undefined ? { inPlace: true } : { inputs: [csvFile, options.into], force: options.force === true });
        const moved = movedInjects(injectIdsOf(data), imported.injects);
        if (moved.length > 0) printErr(`note: the injects now follow the spreadsheet's row order, not the scenario's: ${moved.join(', ')} changed place (runs do not depend on the order)\n`);
        printErr(`imported ${imported.injects.length} injects from ${csvFile} into ${target}\n`);
      }),
    );
}

/** Ids of the injects a scenario held before the import (as parsed; undefined data: none). */
function injectIdsOf(data: unknown): string[] {
  const injects = typeof data === 'object' && data !== null ? (data as { injects?: unknown }).injects : undefined;
  if (!Array.isArray(injects)) return [];
  return injects.map((inject: unknown) => (typeof inject === 'object' && inject !== null ? (inject as { id?: unknown }).id : undefined)).filter((id): id is string => typeof id === 'string');
}

/** Injects kept by the import whose place among the kept ones changed. */
function movedInjects(before: readonly string[], after: readonly Inject[]): string[] {
  const kept = after.map((inject) => inject.id).filter((id) => before.includes(id));
  const was = before.filter((id) => kept.includes(id));
  return kept.filter((id, k) => was[k] !== id);
}

function readText(file: string): string {
  const read = readScenarioText(file);
  if ('issue' in read) throw new ScenarioError([read.issue]);
  return read.text;
}

function intoScenario(text: string, injects: Inject[], file: string): string {
  try {
    return replaceInjects(text, injects);
  } catch (cause) {
    throw new UserError(`${file}: ${(cause as Error).message}`);
  }
}

function hasErrors(issues: readonly ScenarioIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}
