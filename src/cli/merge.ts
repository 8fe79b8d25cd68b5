import type { Command } from 'commander';
import { mergeResults } from '../experiment/merge.js';
import { ResultsError } from '../experiment/results-dir.js';
import { guarded, UserError } from './errors.js';

/** `crisis-sim merge DIR... --out DIR`: shard results into the results of one unsharded batch. */
export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('combine the results folders of batch shards (--shard K/N) into exactly what one unsharded batch writes')
    .argument('<dirs...>', 'results folders of the shards')
    .requiredOption('-o, --out <dir>', 'folder for the merged results')
    .action((dirs: string[], options: { out: string }) =>
      guarded(() => {
        try {
          const merged = mergeResults(dirs, options.out);
          process.stderr.write(`${merged.runs} runs from ${merged.sources} folders: results in ${options.out}\n`);
        } catch (error) {
          if (error instanceof ResultsError) throw new UserError(error.message);
          throw error;
        }
      }),
    );
}
