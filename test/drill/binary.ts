import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The crisis-sim binary, run as users run it. */
export const BINARY = resolve(import.meta.dirname, '../../bin/crisis-sim.mjs');
export const CARIBBEAN = resolve(import.meta.dirname, '../../scenarios/caribbean-earthquake.yaml');

export interface BinaryResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `crisis-sim <args>` in `cwd` with `input` on stdin (a pipe, as in CI), no colour. */
export function crisisSim(args: readonly string[], options: { cwd: string; input?: string }): BinaryResult {
  const result = spawnSync(process.execPath, [BINARY, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary directory for one test's logs and reports. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'crisis-sim-drill-'));
}

/** Writes a drill script (one command a line) and returns its path. */
export function writeScript(dir: string, name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Every `sha256:...` fingerprint a `fingerprint` command printed, in order. */
export function fingerprints(stdout: string): string[] {
  return [...stdout.matchAll(/^State at .*: (sha256:[0-9a-f]+)$/gm)].map((match) => match[1]!);
}
