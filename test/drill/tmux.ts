import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll } from 'vitest';
import { BINARY } from './binary.js';

/**
 * The drill in a real pseudo-terminal: tmux runs `crisis-sim drill` in a detached pane,
 * a test types with send-keys and reads the screen with capture-pane. Each test file gets
 * a tmux server on a socket of its own, so no other tmux server is touched; only that one
 * is killed after the file's tests.
 */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** A test title that says when tmux is missing (the test is then skipped). */
export const tmuxTitle = (what: string) => (hasTmux ? what : `${what} (SKIPPED: tmux is not installed; run .ci/install-tmux.sh)`);

/** The tmux commands of this test file's own server. */
export function tmuxServer(name: string) {
  const socket = `crisis-sim-${name}-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  afterAll(() => {
    if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
  });

  /** Starts `crisis-sim drill <drillArgs>` in a 140x50 pane with the given environment assignments. */
  function startPane(pane: string, cwd: string, env: string, drillArgs: readonly string[]): void {
    const command = `env ${env} ${JSON.stringify(process.execPath)} ${JSON.stringify(BINARY)} drill ${drillArgs.map((arg) => JSON.stringify(arg)).join(' ')}; echo "[exit $?]"; sleep 600`;
    tmux('new-session', '-d', '-s', pane, '-x', '140', '-y', '50', '-c', cwd, command);
  }

  function screen(pane: string, escapes = false): string {
    return tmux('capture-pane', '-p', '-J', '-S', '-2000', ...(escapes ? ['-e'] : []), '-t', pane);
  }

  async function waitForScreen(pane: string, pattern: RegExp): Promise<string> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const text = screen(pane);
      if (pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} on the screen:\n${text}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  function typeLine(pane: string, text: string): void {
    if (text !== '') tmux('send-keys', '-t', pane, '-l', text);
    tmux('send-keys', '-t', pane, 'Enter');
  }

  return { startPane, screen, waitForScreen, typeLine };
}
