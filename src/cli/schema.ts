import type { Command } from 'commander';
import { scenarioJsonSchemaText } from '../scenario/json-schema.js';
import { updateModelRules } from '../scenario/model-rules.js';
import { updateFieldReference } from '../scenario/reference.js';
import { guarded, UserError } from './errors.js';
import { writeOutputFile } from '../guard/output-file.js';
import { INPUT_BYTE_LIMITS, readInputText } from '../guard/input-file.js';

interface SchemaOptions {
  output?: string;
  docs?: string;
  force?: boolean;
}

/**
 * `crisis-sim schema [-o file]`: the scenario format as a JSON Schema, for editors
 * (`# yaml-language-server: $schema=...`); `--docs FILE` refreshes the generated field
 * reference and model rules inside a Markdown file (docs/scenario-format.md).
 */
export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('write the JSON Schema of scenario files (for editor completion and hover docs)')
    .option('-o, --output <file>', 'write to a file (atomically) instead of stdout')
    .option('--docs <file>', 'instead, regenerate the field reference and the model rules sections of a Markdown file in place')
    .option('--force', 'replace the -o file if it exists')
    .action((options: SchemaOptions) =>
      guarded(() => {
        if (options.docs !== undefined) {
          const markdown = readInputText(options.docs, INPUT_BYTE_LIMITS.document);
          let updated: string;
          try {
            updated = updateModelRules(updateFieldReference(markdown));
          } catch (cause) {
            throw new UserError(`${options.docs}: ${(cause as Error).message}`);
          }
          writeOutputFile(options.docs, updated, { inPlace: true });
          process.stderr.write(`updated the field reference and the model rules in ${options.docs}\n`);
          return;
        }
        const text = scenarioJsonSchemaText();
        if (options.output === undefined) process.stdout.write(text);
        else {
          writeOutputFile(options.output, text, { force: options.force === true });
          process.stderr.write(`wrote ${options.output}\n`);
        }
      }),
    );
}
