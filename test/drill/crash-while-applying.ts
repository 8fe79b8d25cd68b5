/**
 * A drill process that dies between writing an action to the log and applying it: it
 * resumes the log given, makes the engine's first state change (a decision, the clock, an
 * inject) kill the process outright (SIGKILL, no clean-up), then carries out one session
 * command. Run by write-ahead.test.ts as `node --import tsx crash-while-applying.ts <log> <command JSON>`.
 */
import { DrillSession, runSessionCommand, Simulation } from '../../src/index.js';

const [logPath, commandJson] = process.argv.slice(2);
const session = DrillSession.resume(logPath!);
const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};
for (const method of ['advance', 'decide', 'fireInject'] as const) Simulation.prototype[method] = die;
runSessionCommand(session, JSON.parse(commandJson!));
console.log('the command was applied: the engine was never called');
