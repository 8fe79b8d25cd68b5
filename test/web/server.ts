import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DrillSession, loadScenarioFile, startWebConsole } from '../../src/index.js';
import { roleLabel } from '../../src/web/roles.js';
import { BINARY, CARIBBEAN } from '../drill/binary.js';

/** A `crisis-sim serve` process, started as users start it, and the links it printed. */
export interface Served {
  child: ChildProcess;
  links: Record<string, string>;
  port: number;
  stdout: () => string;
  stderr: () => string;
  /** Ends the process with a signal (SIGKILL for a crash) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `crisis-sim serve <args>` in `cwd` and resolves once every link is printed. */
export function serve(args: readonly string[], cwd: string): Promise<Served> {
  const child = spawn(process.execPath, [BINARY, 'serve', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its links in 30 s:\n${stdout}\n${stderr}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!/^Keep the links private/m.test(stdout)) return;
      clearTimeout(timer);
      const links: Record<string, string> = {};
      for (const match of stdout.matchAll(/^([a-z]+(?: [a-z]+)?):\s+(http:\/\/\S+)$/gm)) links[match[1]!] = match[2]!;
      resolve({
        child,
        links,
        port: Number(new URL(Object.values(links)[0]!).port),
        stdout: () => stdout,
        stderr: () => stderr,
        stop: async (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing its links:\n${stdout}\n${stderr}`));
    });
  });
}

/** The Caribbean scenario with two teams, seed 1, logging to `drill.jsonl`, on a free loopback port. */
export function serveCaribbean(cwd: string, extra: readonly string[] = []): Promise<Served> {
  return serve([CARIBBEAN, '--play', 'usa,hti', '--seed', '1', '--log', 'drill.jsonl', '--port', '0', ...extra], cwd);
}

/** Posts a command as a page would. */
export async function command(link: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: { ok?: string; error?: string } }> {
  const response = await fetch(`${link}command`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  let json: { ok?: string; error?: string };
  try {
    json = JSON.parse(text) as { ok?: string; error?: string };
  } catch {
    json = { error: text };
  }
  return { status: response.status, json };
}

/** A role's current view. */
export async function state<T = Record<string, unknown>>(link: string): Promise<T> {
  const response = await fetch(`${link}state`);
  if (response.status !== 200) throw new Error(`state: ${response.status}`);
  return (await response.json()) as T;
}

/**
 * The same exercise served from this process (no second `crisis-sim` process to start):
 * the Caribbean scenario with two teams, seed 1, logging to `<dir>/drill.jsonl` with the
 * hand-outs beside it, named as `crisis-sim serve` names them.
 */
export async function serveCaribbeanInProcess(dir: string): Promise<{ links: Record<string, string>; stop: () => Promise<void> }> {
  const session = DrillSession.start({ loaded: loadScenarioFile(CARIBBEAN), seed: 1, players: ['usa', 'hti'], logPath: join(dir, 'drill.jsonl') });
  const web = await startWebConsole({ session, handOuts: { reportPath: join(dir, 'drill.report.html'), debriefPath: join(dir, 'drill.debrief.md') }, host: '127.0.0.1', port: 0 });
  return { links: Object.fromEntries(web.links.map(({ role, url }) => [roleLabel(role), url])), stop: () => web.close() };
}
