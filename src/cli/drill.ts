import type { Command } from 'commander';
import { DrillConsole } from '../drill/console.js';
import { DrillInput } from '../drill/lines.js';
import { playersOption } from '../drill/players.js';
import { DrillSession } from '../drill/session.js';
import { styleFor } from '../drill/style.js';
import { INPUT_BYTE_LIMITS, readInputText } from '../guard/input-file.js';
import { checkOutputFile } from '../guard/output-file.js';
import { reportFormatOf } from '../report/write.js';
import { loadScenarioFile } from '../scenario/load.js';
import { asUserErrors } from './drill-errors.js';
import { guarded, parseHours, parseSeed, UserError } from './errors.js';
import { terminalSafe } from '../guard/terminal-text.js';

export interface DrillCommandOptions {
  play?: string;
  seed: string;
  until?: string;
  log?: string;
  resume?: string;
  script?: string;
  report?: string;
}

/**
 * `crisis-sim drill <scenario> --play <nations>`: an interactive tabletop session in which
 * teams play some nations and the engine plays the rest; `--resume <log>` rebuilds a
 * drill from its decision log; `--script <file>` feeds commands for rehearsals and tests.
 */
export function registerDrill(program: Command): void {
  program
    .command('drill')
    .description('run a tabletop drill: teams play some nations, the engine the rest; the facilitator fires injects, advances time, undoes, saves')
    .argument('[scenario]', 'scenario file (YAML); not needed with --resume')
    .option('--play <nations>', 'nation ids played by teams, comma-separated, e.g. usa,hti')
    .option('--seed <n>', 'random seed (same seed and same decisions, same run)', '1')
    .option('--until <hours>', "horizon in simulated hours (default: the scenario's horizonHours)")
    .option('--log <file>', 'decision log to write (default: drill-<scenario>-seed<seed>.jsonl)')
    .option('--resume <log>', 'resume a drill from its decision log (after a crash or a break)')
    .option('--script <file>', 'read commands from this file first (one per line, # comments), then from the terminal')
    .option('--report <file>', 'where end writes the after-action report, .html or .md (default: the log name with .report.html)')
    .addHelpText(
      'after',
      '\nAt the prompt, type help for the facilitator commands. Every action is written to the\n' +
        'log as it happens; quit (or Ctrl-C, or a crash) loses nothing: resume with --resume <log>.\n' +
        'Colour is used only on a terminal and never carries information; NO_COLOR=1 turns it off.',
    )
    .action((file: string | undefined, options: DrillCommandOptions) =>
      guarded(async () => {
        const script = options.script !== undefined ? readScript(options.script) : [];
        const session = asUserErrors(() => {
          if (options.report !== undefined) reportFormatOf(options.report);
          return openSession(file, options);
        });
        const style = styleFor(process.stdout.isTTY === true, process.env);
        // Names, injects and notes from files reach the screen as text: only the style's own colours pass.
        const write = (text: string) => void process.stdout.write(terminalSafe(text, style.sequences));
        const input = new DrillInput(script, process.stdin, process.stdout, write);
        const base = session.logPath.replace(/\.jsonl$/, '');
        const handOuts = { reportPath: options.report ?? `${base}.report.html`, debriefPath: `${base}.debrief.md` };
        // A hand-out path that cannot be written fails now, not at the end of the drill.
        for (const path of [handOuts.reportPath, handOuts.debriefPath]) checkOutputFile(path, { inputs: [session.logPath, ...(file !== undefined ? [file] : [])], force: true });
        const result = await new DrillConsole({ session, input, write, style, handOuts }).run();
        input.close();
        if (result.refusedLines > 0 && script.length > 0) {
          process.stderr.write(`crisis-sim: ${result.refusedLines} command(s) were refused (see the error lines above)\n`);
          process.exitCode = 1;
        }
      }),
    );
}

export function openSession(file: string | undefined, options: DrillCommandOptions): DrillSession {
  if (options.resume !== undefined) {
    if (file !== undefined || options.play !== undefined || options.until !== undefined || options.log !== undefined) {
      throw new UserError('--resume takes the scenario, --play, --seed, --until and the log file from the log itself; give only --resume <log> (and --script, --report)');
    }
    return DrillSession.resume(options.resume);
  }
  if (file === undefined) throw new UserError('give a scenario file (crisis-sim drill <scenario> --play <nations>) or --resume <log>');
  if (options.play === undefined) throw new UserError('--play <nations> is required: the nation ids the teams play, e.g. --play usa,hti');
  const seed = parseSeed(options.seed);
  const horizonHours = options.until !== undefined ? parseHours(options.until, '--until') : undefined;
  const loaded = loadScenarioFile(file);
  const players = playersOption(options.play);
  return DrillSession.start({
    loaded,
    seed,
    players,
    logPath: options.log ?? `drill-${loaded.scenario.id}-seed${seed}.jsonl`,
    ...(horizonHours !== undefined ? { horizonHours } : {}),
  });
}

function readScript(path: string): string[] {
  return readInputText(path, INPUT_BYTE_LIMITS.drillScript).split(/\r?\n/);
}
