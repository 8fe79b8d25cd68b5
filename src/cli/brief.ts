import type { Command } from 'commander';
import { playersOption, checkPlayers } from '../drill/players.js';
import { situationManual } from '../drill/situation-manual.js';
import { writeOutputFile } from '../guard/output-file.js';
import { ReportFormatError, reportFormatOf, type ReportFormat } from '../report/write.js';
import { loadScenarioFile } from '../scenario/load.js';
import { asUserErrors } from './drill-errors.js';
import { guarded, UserError } from './errors.js';

interface BriefOptions {
  play?: string;
  output?: string;
  format?: string;
  force?: boolean;
}

/** `crisis-sim brief <scenario>`: the situation manual handed to participants before a drill, as Markdown or HTML. */
export function registerBrief(program: Command): void {
  program
    .command('brief')
    .description('write the situation manual of a scenario (purpose, scope, objectives, situation, participants and teams, assets, modules with discussion questions, ground rules)')
    .argument('<scenario>', 'scenario file (YAML)')
    .option('--play <nations>', 'nation ids the teams will play, comma-separated (the manual then names who plays what)')
    .option('-o, --output <file>', 'manual file: .html (self-contained, prints on A4) or .md; default: Markdown on stdout')
    .option('--format <format>', 'html or md (default: from the output file name)')
    .option('--force', 'replace the output file if it exists (never the scenario itself)')
    .addHelpText('after', '\nThe manual leaves out the MSEL: injects, expected actions and critical tasks stay with controllers and evaluators.\n\nExamples:\n  crisis-sim brief scenarios/caribbean-earthquake.yaml --play usa,hti -o sitman.html\n  crisis-sim brief scenarios/caribbean-earthquake.yaml > sitman.md')
    .action((file: string, options: BriefOptions) =>
      guarded(() => {
        const format = manualFormat(options);
        const loaded = loadScenarioFile(file);
        const players = options.play === undefined ? [] : asUserErrors(() => checkPlayers(loaded.scenario, playersOption(options.play!)));
        const manual = situationManual({ scenario: loaded.scenario, scenarioHash: loaded.hash, players });
        const text = format === 'html' ? manual.html : manual.markdown;
        if (options.output === undefined) process.stdout.write(text);
        else {
          writeOutputFile(options.output, text, { inputs: [file], force: options.force === true });
          process.stderr.write(`crisis-sim: situation manual written to ${options.output}\n`);
        }
      }),
    );
}

/** The manual's format: --format, else the output file's extension, else Markdown on stdout. */
function manualFormat(options: BriefOptions): ReportFormat {
  try {
    return reportFormatOf(options.output ?? '', options.format ?? (options.output === undefined ? 'md' : undefined));
  } catch (error) {
    if (error instanceof ReportFormatError) throw new UserError(error.message);
    throw error;
  }
}
