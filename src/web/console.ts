import type { HandOutPaths } from '../drill/hand-out.js';
import type { DrillSession } from '../drill/session.js';
import { WebExercise } from './exercise.js';
import { LiveHub } from './hub.js';
import { rolesOf, type Role } from './roles.js';
import { listen, webApp } from './server.js';
import { TokenBook } from './tokens.js';

export interface WebConsoleOptions {
  session: DrillSession;
  handOuts: HandOutPaths;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Wall-clock seconds between steps of the paced clock (tests shorten it). */
  paceStepSeconds?: number;
}

export interface WebConsole {
  exercise: WebExercise;
  port: number;
  /** One URL per role, each with its own token, in the order they are printed. */
  links: { role: Role; url: string }[];
  close(): Promise<void>;
}

/**
 * Serves a drill session to browsers: the same session, log and undo as the terminal
 * drill, with one secret link per role (tokens kept beside the log, so a resumed
 * session serves the same links).
 */
export async function startWebConsole(options: WebConsoleOptions): Promise<WebConsole> {
  const { session } = options;
  const tokens = TokenBook.forLog(session.logPath, rolesOf(session.header.players));
  const exercise = new WebExercise(session, options.handOuts, options.paceStepSeconds);
  const hub = new LiveHub(exercise);
  const server = await listen(webApp(exercise, tokens, hub), hub, options.host, options.port);
  const base = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${server.port}`;
  return {
    exercise,
    port: server.port,
    links: tokens.list().map(({ role, token }) => ({ role, url: `${base}/r/${token}/` })),
    close: async () => {
      exercise.stop();
      await server.close();
      session.close();
    },
  };
}

/** Whether a listen address only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
