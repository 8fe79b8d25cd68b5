import type { Command } from 'commander';
import { mergeResults } from '../experiment/merge.js';
import { writeParquet } from '../experiment/parquet.js';
import { ResultsError } from '../experiment/results-dir.js';
import { guarded, UserError } from './errors.js';

/** `crisis-sim merge DIR... --out DIR`: shard results into the results of one unsharded batch. */
export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('combine the results folders of batch shards (--shard K/N) into exactly what one unsharded batch writes')
    .argument('<dirs...>', 'results folders of the shards')
    .requiredOption('-o, --out <dir>', 'folder for the merged results: new, empty or holding this experiment\'s merged results (never one of the shards)')
    .option('--parquet', 'also write runs, summary, differences, sensitivity (and series) as Parquet files beside the CSVs')
    .action((dirs: string[], options: { out: string; parquet?: boolean }) =>
      guarded(async () => {
        try {
          const merged = mergeResults(dirs, options.out);
          if (options.parquet) await writeParquet(options.out);
          process.stderr.write(`${merged.runs} runs from ${merged.sources} folders: results in ${options.out}\n`);
        } catch (error) {
          if (error instanceof ResultsError) throw new UserError(error.message);
          throw error;
        }
      }),
    );
}
