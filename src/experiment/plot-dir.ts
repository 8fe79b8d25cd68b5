import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_METRICS } from '../metrics/definitions.js';
import { writeFileAtomic } from '../metrics/trace-file.js';
import { didYouMean } from '../scenario/suggest.js';
import { distributionChart, effectChart, sensitivityChart } from './plots.js';
import { globalSensitivityChart } from './global-plot.js';
import { reachedChart } from './reached-plot.js';
import { forEachJournalRun, readManifest, ResultsError } from './results-dir.js';
import { ResultTable } from './table.js';

/**
 * Draws the charts of a results folder into `outDir`: for each metric, its mean by each
 * factor's values with CI bars (`<metric>-by-<factor>.svg`), its distribution per arm
 * (`<metric>-distribution.svg`) and the factors ranked by influence
 * (`<metric>-sensitivity.svg`) and, for a milestone, the share of runs that reached it
 * by each hour per arm (`<metric>-reached.svg`); with a morris or sobol design, its
 * indices (`<metric>-morris.svg`, `<metric>-sobol.svg`). Default metrics: the run-level metrics collected that
 * were observed at least once. Returns the files written.
 */
export function plotResults(dir: string, outDir: string, metrics?: readonly string[]): string[] {
  const manifest = readManifest(dir);
  const table = new ResultTable(manifest);
  try {
    forEachJournalRun(dir, manifest, (outcome) => table.add(outcome));
    return plotTable(table, dir, outDir, metrics);
  } finally {
    table.close();
  }
}

function plotTable(table: ResultTable, dir: string, outDir: string, metrics: readonly string[] | undefined): string[] {
  const manifest = table.manifest;
  const names = manifest.columns.map((column) => column.name);
  for (const metric of metrics ?? []) {
    if (!names.includes(metric)) throw new ResultsError(`no metric "${metric}" in ${dir}${didYouMean(metric, names)}`);
  }
  const runLevel = new Set<string>(RUN_METRICS.map((metric) => metric.name));
  const chosen = metrics ?? names.filter((name, k) => runLevel.has(name) && table.runs().some((run) => typeof table.value(run, k) === 'number'));
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const write = (file: string, svg: string) => {
    writeFileAtomic(join(outDir, file), `${svg}\n`);
    written.push(file);
  };
  for (const metric of chosen) {
    const column = names.indexOf(metric);
    manifest.factors.forEach((factor, j) => {
      if (factor.values.length > 1) write(`${metric}-by-${factor.name}.svg`, effectChart(table, j, column));
    });
    write(`${metric}-distribution.svg`, distributionChart(table, column));
    if (manifest.columns[column]!.censorable) write(`${metric}-reached.svg`, reachedChart(table, column));
    if (manifest.factors.length > 0) write(`${metric}-sensitivity.svg`, sensitivityChart(table, column));
    const global = globalSensitivityChart(table, column);
    if (global !== null) write(`${metric}-${manifest.design}.svg`, global);
  }
  return written;
}
