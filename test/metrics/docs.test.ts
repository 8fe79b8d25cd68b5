import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIFT_METRICS, NATION_MILESTONES, PORT_METRICS, RUN_METRICS, STALL_CAUSES } from '../../src/index.js';

const doc = readFileSync(join(import.meta.dirname, '../../docs/metrics.md'), 'utf8');

describe('docs/metrics.md', () => {
  it('documents every run metric with its unit', () => {
    for (const metric of RUN_METRICS) expect(doc).toMatch(new RegExp(`\\| \`${metric.name}\` \\| ${metric.unit} \\|`));
  });

  it('documents every nation milestone, stall cause, units and cost', () => {
    for (const milestone of NATION_MILESTONES) expect(doc).toContain(`| \`${milestone.name}\` | hours |`);
    for (const cause of STALL_CAUSES) expect(doc).toContain(`| \`stallHours.${cause}\` | hours |`);
    expect(doc).toContain('| `unitsDelivered` | units |');
    expect(doc).toContain('| `cost` | MUSD |');
  });

  it('documents every per-port metric with its unit and meaning', () => {
    for (const metric of PORT_METRICS) expect(doc).toContain(`| \`${metric.name}\` | ${metric.unit} | ${metric.description} |`);
  });

  it('documents every per-lift-pool metric with its unit and meaning', () => {
    const section = doc.slice(doc.indexOf('## Per strategic lift pool'));
    for (const metric of LIFT_METRICS) expect(section).toContain(`| \`${metric.name}\` | ${metric.unit} | ${metric.description} |`);
  });
});
