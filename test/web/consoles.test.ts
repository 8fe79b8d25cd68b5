import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARIBBEAN, crisisSim, fingerprints, scratchDir, writeScript } from '../drill/binary.js';
import { hostWarning } from '../../src/cli/serve.js';
import { command, serve, state } from './server.js';

/** One session engine behind both consoles: a log written by one resumes in the other. */
describe('the terminal drill and the web console share one session and one log', () => {
  it('a terminal drill resumes in the browser console, and the browser console\'s log resumes in the terminal', async () => {
    const dir = scratchDir();
    const opening = writeScript(dir, 'opening.txt', ['act', 'continue', 'fingerprint', 'quit']);
    const terminal = crisisSim(['drill', CARIBBEAN, '--play', 'usa,hti', '--log', 'drill.jsonl', '--script', opening], { cwd: dir });
    expect(terminal.status).toBe(0);

    const web = await serve(['--resume', 'drill.jsonl', '--port', '0'], dir);
    try {
      const view = await state<{ clock: { text: string }; decisions: { id: number; nation: string; options: { value: string }[] }[] }>(web.links['controller']!);
      expect(view.clock.text).toMatch(/\(T\+3\.5 h\)$/);
      const decision = view.decisions[0]!;
      expect((await command(web.links[`team ${decision.nation}`]!, { type: 'decide', decision: decision.id, choice: 'half' })).status).toBe(200);
      expect((await command(web.links['controller']!, { type: 'note', text: 'decided in the browser' })).status).toBe(200);
      // Ctrl-C (SIGTERM here) with a page's live stream open stops the server at once, not
      // at the stream's next keep-alive (15 s).
      const live = await fetch(`${web.links['projector']!}events`);
      await live.body!.getReader().read();
      const stopping = Date.now();
      expect(await web.stop()).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(10_000);
      expect(web.stdout()).toContain('Server stopped; every action is in the decision log.');
    } finally {
      await web.stop();
    }

    const back = crisisSim(['drill', '--resume', 'drill.jsonl', '--script', writeScript(dir, 'after.txt', ['fingerprint', 'quit'])], { cwd: dir });
    expect(back.status).toBe(0);
    expect(back.stdout).toMatch(/Resumed: 4 logged actions replayed exactly/);
    const log = readFileSync(join(dir, 'drill.jsonl'), 'utf8');
    expect(log).toContain('"choice":"half"');
    expect(log).toContain('"text":"decided in the browser"');
    expect(fingerprints(back.stdout)[0]).not.toBe(fingerprints(terminal.stdout)[0]);
  });

  it('refuses a busy port and bad options with one line, and prints its options with --help', async () => {
    const dir = scratchDir();
    const help = crisisSim(['serve', '--help'], { cwd: dir });
    expect(help.stdout).toMatch(/--port <n>/);
    expect(help.stdout).toMatch(/--host <address>/);
    expect(help.stdout).toMatch(/--resume <log>/);
    const badPort = crisisSim(['serve', CARIBBEAN, '--play', 'usa', '--port', 'eighty'], { cwd: dir });
    expect(badPort.status).toBe(1);
    expect(badPort.stderr).toBe('crisis-sim: --port must be a port number 0-65535, got "eighty"\n');
    const first = await serve([CARIBBEAN, '--play', 'usa', '--port', '0', '--log', 'a.jsonl'], dir);
    try {
      const busy = crisisSim(['serve', CARIBBEAN, '--play', 'usa', '--port', String(first.port), '--log', 'b.jsonl'], { cwd: dir });
      expect(busy.status).toBe(1);
      expect(busy.stderr).toMatch(/^crisis-sim: --port \d+: the port is in use/);
    } finally {
      await first.stop();
    }
  });

  it('warns when it listens anywhere but on loopback', () => {
    expect(hostWarning('127.0.0.1')).toBeUndefined();
    expect(hostWarning('::1')).toBeUndefined();
    expect(hostWarning('localhost')).toBeUndefined();
    expect(hostWarning('0.0.0.0')).toMatch(/^warning: listening on 0\.0\.0\.0: other machines can connect/);
    expect(hostWarning('192.168.1.20')).toMatch(/^warning: /);
  });
});
