import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { temporaryDir } from '../experiment/helpers.js';

/**
 * The cluster recipes in docs/cluster/ are the ones docs/experiments.md shows, and each
 * really wires its task number to --shard: the Kubernetes manifest's container command is
 * run for every completion index, the GNU parallel script under --dry-run.
 */

const RECIPES = ['slurm-array.sh', 'indexed-job.yaml', 'parallel.sh'] as const;
const doc = readFileSync('docs/experiments.md', 'utf8');
const recipe = (name: (typeof RECIPES)[number]) => readFileSync(resolve('docs/cluster', name), 'utf8');

/** A folder with a `crisis-sim` that prints its arguments instead of running, for the shell to find first. */
function echoingCli(): string {
  const bin = resolve(temporaryDir('crisis-sim-recipes-'), 'bin');
  mkdirSync(bin);
  writeFileSync(resolve(bin, 'crisis-sim'), '#!/bin/sh\necho crisis-sim "$@"\n');
  chmodSync(resolve(bin, 'crisis-sim'), 0o755);
  return bin;
}

describe('cluster recipes', () => {
  it.each(RECIPES)('docs/experiments.md shows docs/cluster/%s as it is', (name) => {
    const language = name.endsWith('.yaml') ? 'yaml' : 'sh';
    expect(doc).toContain(`\`\`\`${language}\n${recipe(name)}\`\`\``);
  });

  it('the Kubernetes Indexed Job runs shard K/N for completion index K-1, every shard once', () => {
    const job = parse(recipe('indexed-job.yaml')) as {
      apiVersion: string;
      kind: string;
      spec: { completions: number; parallelism: number; completionMode: string; template: { spec: { containers: { command: string[]; args: string[] }[] } } };
    };
    expect([job.apiVersion, job.kind, job.spec.completionMode]).toEqual(['batch/v1', 'Job', 'Indexed']);
    const [container] = job.spec.template.spec.containers;
    expect(container!.command).toEqual(['/bin/sh', '-c']);
    const bin = echoingCli();
    const count = job.spec.completions;
    const commands = Array.from({ length: count }, (_, index) =>
      execFileSync('/bin/sh', ['-c', container!.args[0]!], { env: { PATH: `${bin}:${process.env.PATH}`, JOB_COMPLETION_INDEX: String(index) }, encoding: 'utf8' }).trim(),
    );
    commands.forEach((command, index) => {
      expect(command).toBe(`crisis-sim batch scenarios/experiments/consent-protocol.yaml --out /results/shard-${index + 1} --shard ${index + 1}/${count} --workers 4 --resume`);
    });
    expect(job.spec.parallelism).toBeLessThanOrEqual(count);
  });

  const parallelMissing = spawnSync('sh', ['-c', 'command -v parallel']).status !== 0;
  if (parallelMissing) console.warn('GNU parallel test skipped: parallel not installed (run .ci/install-slurm.sh)');

  it.skipIf(parallelMissing)('the GNU parallel script runs every shard K/N into its own folder (parallel --dry-run)', () => {
    const output = execFileSync('bash', ['docs/cluster/parallel.sh', 'exp.yaml', 'out', '3', '2'], {
      env: { ...process.env, PARALLEL: '--dry-run', PATH: `${echoingCli()}:${process.env.PATH}` },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    // parallel prints each job as it is dispatched, in no fixed order with several jobs at once.
    expect(output.trim().split('\n').sort()).toEqual([1, 2, 3].map((k) => `crisis-sim batch exp.yaml --out out/shard-${k} --shard ${k}/3 --workers 1 --resume`));
  });
});
