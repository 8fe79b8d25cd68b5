import type { Command } from 'commander';
import type { CrisisKind } from '../scenario/schema.js';
import { CRISIS_KINDS, newScenarioText } from '../scenario/templates.js';
import { guarded, UserError } from './errors.js';
import { writeOutputFile } from '../guard/output-file.js';
import { didYouMean } from '../scenario/suggest.js';

interface NewOptions {
  output?: string;
  force?: boolean;
}

/** `crisis-sim new <kind> [-o file]`: a commented starting scenario that validates and runs. */
export function registerNew(program: Command): void {
  program
    .command('new')
    .description('write a commented starting scenario for a crisis kind (disaster, conflict or terrorism)')
    .argument('<kind>', `crisis kind: ${CRISIS_KINDS.join(', ')}`)
    .option('-o, --output <file>', 'write to a file instead of stdout (its name becomes the scenario id)')
    .option('--force', 'overwrite the output file if it exists')
    .action((kind: string, options: NewOptions) =>
      guarded(() => {
        if (!(CRISIS_KINDS as readonly string[]).includes(kind)) {
          throw new UserError(`unknown crisis kind "${kind}"; expected one of ${CRISIS_KINDS.join(', ')}${didYouMean(kind, CRISIS_KINDS)}`);
        }
        const text = newScenarioText(kind as CrisisKind, options.output);
        if (options.output === undefined) {
          process.stdout.write(text);
          return;
        }
        writeOutputFile(options.output, text, { force: options.force === true });
        process.stderr.write(`wrote ${options.output}: edit it, then \`crisis-sim validate ${options.output}\` and \`crisis-sim run ${options.output}\`\n`);
      }),
    );
}
