import type { Command } from 'commander';
import { DrillError } from '../drill/errors.js';
import { isLoopback, startWebConsole } from '../web/console.js';
import { roleLabel } from '../web/roles.js';
import { reportFormatOf } from '../report/write.js';
import { asUserErrors } from './drill-errors.js';
import { openSession, type DrillCommandOptions } from './drill.js';
import { guarded, UserError } from './errors.js';
import { printOut } from './terminal.js';

interface ServeCommandOptions extends DrillCommandOptions {
  port: string;
  host: string;
}

/**
 * `crisis-sim serve <scenario> --play <nations>`: the drill in the browser. Prints one
 * link per role (controller, evaluator, each team, projector), each with its own secret
 * token; the same session and decision log as `crisis-sim drill`, so either resumes the other.
 */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run a drill in the browser: one secret link each for the controller, evaluator, teams and projector')
    .argument('[scenario]', 'scenario file (YAML); not needed with --resume')
    .option('--play <nations>', 'nation ids played by teams, comma-separated, e.g. usa,hti')
    .option('--seed <n>', 'random seed (same seed and same decisions, same run)', '1')
    .option('--until <hours>', "horizon in simulated hours (default: the scenario's horizonHours)")
    .option('--log <file>', 'decision log to write (default: drill-<scenario>-seed<seed>.jsonl); the links\' tokens go to <log>.tokens.json')
    .option('--resume <log>', 'resume a drill from its decision log, with the same links')
    .option('--report <file>', 'where ending the exercise writes the after-action report, .html or .md (default: the log name with .report.html)')
    .option('--port <n>', 'TCP port (0 picks a free one)', '8080')
    .option('--host <address>', 'address to listen on; anything but 127.0.0.1 lets other machines connect', '127.0.0.1')
    .addHelpText(
      'after',
      '\nEvery action is written to the decision log (and flushed) before any page shows it; if the\n' +
        'server stops, run it again with --resume <log> (same --port) and open pages reconnect by themselves.\n' +
        'Keep the links private: a link is the only key to its role. See docs/web-console.md.',
    )
    .action((file: string | undefined, options: ServeCommandOptions) =>
      guarded(async () => {
        const port = Number(options.port);
        if (!/^\d+$/.test(options.port) || port > 65535) throw new UserError(`--port must be a port number 0-65535, got "${options.port}"`);
        const session = asUserErrors(() => {
          if (options.report !== undefined) reportFormatOf(options.report);
          return openSession(file, options);
        });
        const base = session.logPath.replace(/\.jsonl$/, '');
        const handOuts = { reportPath: options.report ?? `${base}.report.html`, debriefPath: `${base}.debrief.md` };
        const web = await startWebConsole({ session, handOuts, host: options.host, port }).catch((error: NodeJS.ErrnoException) => {
          session.close();
          if (error instanceof DrillError) throw new UserError(error.message);
          if (error.code === 'EADDRINUSE') throw new UserError(`--port ${port}: the port is in use; choose another with --port (0 picks a free one)`);
          if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') throw new UserError(`--host ${options.host}: not an address of this machine`);
          throw error;
        });
        const { header } = session;
        const out = (text: string) => printOut(`${text}\n`);
        out(`crisis-sim serve: ${header.scenarioName}, seed ${header.seed}, teams ${header.players.join(', ')}; decision log ${session.logPath}`);
        const warning = hostWarning(options.host);
        if (warning) process.stderr.write(`${warning}\n`);
        const width = Math.max(...web.links.map(({ role }) => roleLabel(role).length)) + 1;
        for (const { role, url } of web.links) out(`${`${roleLabel(role)}:`.padEnd(width)} ${url}`);
        out(`Keep the links private. Ctrl-C stops the server; crisis-sim serve --resume ${session.logPath} --port ${web.port} brings the same links back.`);
        await new Promise<void>((resolve) => {
          const stop = () => void web.close().then(resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        out('Server stopped; every action is in the decision log.');
      }),
    );
}

/** The warning printed when the console listens on an address other machines can reach. */
export function hostWarning(host: string): string | undefined {
  if (isLoopback(host)) return undefined;
  return `warning: listening on ${host}: other machines can connect, and anyone holding a link acts in its role; use it only on a network you trust`;
}
