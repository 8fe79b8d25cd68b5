import { Command } from 'commander';
import { ENGINE } from '../version.js';
import { registerBrief } from './brief.js';
import { registerDrill } from './drill.js';
import { registerServe } from './serve.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';
import { registerBatch } from './batch.js';
import { registerRerun } from './rerun.js';
import { registerMerge } from './merge.js';
import { registerValidate } from './validate.js';
import { registerSchema } from './schema.js';
import { registerMsel } from './msel.js';
import { registerImprovementPlan } from './ip.js';
import { registerNew } from './new.js';
import { registerPlot } from './plot.js';

/** The `crisis-sim` command line: one file per command, registered here. */
const program = new Command()
  .name('crisis-sim')
  .description('Tabletop crisis simulation: nations respond to disasters, conflicts and terrorism; response-time metrics')
  .version(ENGINE.version)
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

registerRun(program);
registerBrief(program);
registerDrill(program);
registerServe(program);
registerReport(program);
registerBatch(program);
registerRerun(program);
registerMerge(program);
registerValidate(program);
registerSchema(program);
registerMsel(program);
registerImprovementPlan(program);
registerNew(program);
registerPlot(program);

await program.parseAsync(process.argv);
