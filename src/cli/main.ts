import { Command } from 'commander';
import { ENGINE } from '../version.js';

type Register = (program: Command) => void;

/**
 * Every command by name, each loaded on demand: a process that runs one command imports
 * only that command's module (and what it needs), not the drill console, web server,
 * DuckDB writer and report builder of the other thirteen. Start-up is mostly module
 * loading through tsx, and the tests spawn the CLI hundreds of times.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  run: async () => (await import('./run.js')).registerRun,
  brief: async () => (await import('./brief.js')).registerBrief,
  drill: async () => (await import('./drill.js')).registerDrill,
  serve: async () => (await import('./serve.js')).registerServe,
  report: async () => (await import('./report.js')).registerReport,
  batch: async () => (await import('./batch.js')).registerBatch,
  rerun: async () => (await import('./rerun.js')).registerRerun,
  merge: async () => (await import('./merge.js')).registerMerge,
  validate: async () => (await import('./validate.js')).registerValidate,
  schema: async () => (await import('./schema.js')).registerSchema,
  msel: async () => (await import('./msel.js')).registerMsel,
  ip: async () => (await import('./ip.js')).registerImprovementPlan,
  new: async () => (await import('./new.js')).registerNew,
  plot: async () => (await import('./plot.js')).registerPlot,
};

/**
 * The commands a command line needs: only the one it names, or all of them (in help order)
 * for the overview, `help <command>` and an unknown command's "did you mean".
 */
function commandsFor(argv: readonly string[]): string[] {
  const named = argv[2];
  return named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
}

/** The `crisis-sim` command line: one file per command, registered here. */
const program = new Command()
  .name('crisis-sim')
  .description('Tabletop crisis simulation: nations respond to disasters, conflicts and terrorism; response-time metrics')
  .version(ENGINE.version)
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

const names = commandsFor(process.argv);
for (const register of await Promise.all(names.map((name) => COMMANDS[name]!()))) register(program);

await program.parseAsync(process.argv);
