import type { Command } from 'commander';
import { formatIssue, type ScenarioIssue } from '../scenario/issues.js';
import { checkScenarioFile } from '../scenario/load.js';
import { guarded } from './errors.js';
import { terminalSafeJson } from '../guard/terminal-text.js';
import { printErr, printOut } from './terminal.js';

interface ValidateOptions {
  strict?: boolean;
  lint?: boolean;
  json?: boolean;
}

/**
 * `crisis-sim validate <file...>`: checks every file fully and prints every problem, one
 * per line (`file:line:col: error: message (path.to.field)`), on stdout; a summary on
 * stderr. Exit 0 when all are valid, 1 when any has an error (or, with --strict, a warning).
 */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check scenario files; print every problem as file:line:col: severity: message (field)')
    .argument('<files...>', 'scenario files (YAML or JSON)')
    .option('--lint', 'also warn about what runs but does nothing: units that can never deploy, idle coordination cells, injects addressed to nobody, needs out of scale, times that look like days, messages without a hotline')
    .option('--strict', 'fail on warnings too')
    .option('--json', 'print the issues as a JSON array instead of lines')
    .action((files: string[], options: ValidateOptions) =>
      guarded(() => {
        const issues: ScenarioIssue[] = files.flatMap((file) => checkScenarioFile(file, { lint: options.lint === true }).issues);
        const errors = issues.filter((issue) => issue.severity === 'error').length;
        const warnings = issues.length - errors;
        if (options.json) process.stdout.write(`${terminalSafeJson(JSON.stringify(issues, null, 2))}\n`);
        else for (const issue of issues) printOut(`${formatIssue(issue)}\n`);
        const failed = errors > 0 || (options.strict === true && warnings > 0);
        const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${options.strict && warnings > 0 ? ' (--strict: warnings fail)' : ''}`;
        printErr(`${plural(files.length, 'file')} checked: ${failed ? counts : `valid${warnings > 0 ? ` (${plural(warnings, 'warning')})` : ''}`}\n`);
        if (failed) process.exitCode = 1;
      }),
    );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
