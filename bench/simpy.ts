import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./simpy_mm1.py', import.meta.url));

/**
 * Interpreters tried in turn: $PYTHON, then `python3` on the PATH, then Debian's own
 * /usr/bin/python3 (where the python3-simpy package installs, even when the PATH's
 * python3 is another build such as pyenv's).
 */
const CANDIDATES = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter((name): name is string => !!name);

export interface SimPyRun {
  customersPerSecond: number;
  meanWaitHours: number;
  simpy: string;
  python: string;
}

/** Runs bench/simpy_mm1.py once with `customers` customers (after its own warm-up). */
export function runSimPy(python: string, customers: number, seed: number): SimPyRun {
  const child = spawnSync(python, [SCRIPT, String(customers), '1', String(seed)], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${python} ${SCRIPT} failed (${child.status ?? child.signal}): ${(child.stderr || child.error?.message || '').trim()}`);
  const output = JSON.parse(child.stdout) as { customersPerSecond: number[]; meanWaitHours: number[]; simpy: string; python: string };
  return { customersPerSecond: output.customersPerSecond[0]!, meanWaitHours: output.meanWaitHours[0]!, simpy: output.simpy, python: output.python };
}

/** The first interpreter that can run the SimPy model, or why none can. */
export function findSimPy(): { python: string } | { reason: string } {
  const failures: string[] = [];
  for (const python of CANDIDATES) {
    try {
      runSimPy(python, 100, 1);
      return { python };
    } catch (error) {
      failures.push((error as Error).message.split('\n').pop()!);
    }
  }
  return { reason: `no python with SimPy (apt-get install python3-simpy): ${failures.join('; ')}` };
}
