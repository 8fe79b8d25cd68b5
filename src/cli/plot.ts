import type { Command } from 'commander';
import { plotResults } from '../experiment/plot-dir.js';
import { ResultsError } from '../experiment/results-dir.js';
import { guarded, UserError } from './errors.js';

/** `crisis-sim plot DIR -o plots/`: SVG charts of a batch's results. */
export function registerPlot(program: Command): void {
  program
    .command('plot')
    .description('draw SVG charts of batch results: metric by factor value with 95% CI bars, distributions per arm, share reached over time (Kaplan-Meier), sensitivity ranking')
    .argument('<dir>', 'results folder of `crisis-sim batch` or `crisis-sim merge`')
    .requiredOption('-o, --out <dir>', 'folder for the SVG files')
    .option('--metric <name>', 'metric to plot (repeatable; default: every run-level metric observed)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--force', 'replace chart files of the same names already in --out')
    .action((dir: string, options: { out: string; metric?: string[]; force?: boolean }) =>
      guarded(() => {
        try {
          const files = plotResults(dir, options.out, options.metric, { force: options.force === true });
          process.stderr.write(`${files.length} charts in ${options.out}\n`);
        } catch (error) {
          if (error instanceof ResultsError) throw new UserError(error.message);
          throw error;
        }
      }),
    );
}
