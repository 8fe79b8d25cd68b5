import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { DrillError } from '../drill/errors.js';
import { roleFromKey, roleKey, type Role } from './roles.js';

/**
 * The secret in each role's URL. Tokens come from `crypto.randomBytes` (never from the
 * run's seeded streams, so they cannot be predicted from a scenario and seed, and they
 * never enter the decision log, traces or reports). They are kept in a side file next to
 * the log (`drill.jsonl.tokens.json`, owner-only permissions) so `--resume` serves the
 * same URLs and open pages reconnect.
 */

export const TOKEN_FILE_FORMAT = 'crisis-sim-web-tokens';
/** 18 random bytes: 144 bits, 24 URL-safe characters. */
const TOKEN_BYTES = 18;

const tokenFileSchema = z.object({
  format: z.literal(TOKEN_FILE_FORMAT),
  formatVersion: z.literal(1),
  tokens: z.record(z.string(), z.string().regex(/^[A-Za-z0-9_-]{16,128}$/)),
});

/** The side file of a log: `<log>.tokens.json`. */
export function tokenFileOf(logPath: string): string {
  return `${logPath}.tokens.json`;
}

interface Entry {
  role: Role;
  token: string;
  digest: Buffer;
}

/** Every role's token, and the lookup from a presented token to its role. */
export class TokenBook {
  private constructor(private readonly entries: readonly Entry[]) {}

  /**
   * The tokens of a log: read from its side file when there is one (resume), otherwise
   * new ones, written to a new side file (never overwriting one). Roles missing from an
   * existing file (a log started in the terminal) get new tokens.
   */
  static forLog(logPath: string, roles: readonly Role[]): TokenBook {
    const path = tokenFileOf(logPath);
    const stored = readTokenFile(path);
    const tokens: Record<string, string> = {};
    for (const role of roles) tokens[roleKey(role)] = stored?.[roleKey(role)] ?? randomBytes(TOKEN_BYTES).toString('base64url');
    if (!stored || roles.some((role) => stored[roleKey(role)] === undefined)) writeTokenFile(path, tokens, stored !== undefined);
    return new TokenBook(roles.map((role) => ({ role, token: tokens[roleKey(role)]!, digest: digest(tokens[roleKey(role)]!) })));
  }

  /** The role a presented token belongs to, or undefined. Compares digests in constant time. */
  roleOf(token: string): Role | undefined {
    const presented = digest(token);
    let found: Role | undefined;
    for (const entry of this.entries) if (timingSafeEqual(presented, entry.digest)) found = entry.role;
    return found;
  }

  /** Each role with its token, in the order the URLs are printed. */
  list(): readonly { role: Role; token: string }[] {
    return this.entries.map(({ role, token }) => ({ role, token }));
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function readTokenFile(path: string): Record<string, string> | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DrillError(`${path}: cannot read the console's token file: ${(cause as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DrillError(`${path}:1:1: not JSON; it holds the console's URL tokens (delete it to get new URLs)`);
  }
  const parsed = tokenFileSchema.safeParse(value);
  if (!parsed.success) throw new DrillError(`${path}:1:1: not a crisis-sim token file (${parsed.error.issues[0]!.message}); delete it to get new URLs`);
  for (const key of Object.keys(parsed.data.tokens)) {
    if (!roleFromKey(key)) throw new DrillError(`${path}:1:1: unknown role "${key}" in the token file; delete it to get new URLs`);
  }
  return parsed.data.tokens;
}

/** Writes the side file readable by its owner only; a new file is never written over an existing one. */
function writeTokenFile(path: string, tokens: Record<string, string>, replace: boolean): void {
  const fd = openSync(path, replace ? 'w' : 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify({ format: TOKEN_FILE_FORMAT, formatVersion: 1, tokens }, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
