import { join } from 'node:path';
import { RUN_METRICS } from '../metrics/definitions.js';
import { checkOutputFile, writeOutputFile } from '../guard/output-file.js';
import { prepareOutputFolder } from '../guard/output-folder.js';
import { didYouMean } from '../scenario/suggest.js';
import { distributionChart, effectChart, sensitivityChart } from './plots.js';
import { globalSensitivityChart } from './global-plot.js';
import { reachedChart } from './reached-plot.js';
import { forEachJournalRun, readManifest, RESULT_FILES, ResultsError } from './results-dir.js';
import { ResultTable } from './table.js';

/**
 * Draws the charts of a results folder into `outDir`: for each metric, its mean by each
 * factor's values with CI bars (`<metric>-by-<factor>.svg`), its distribution per arm
 * (`<metric>-distribution.svg`) and the factors ranked by influence
 * (`<metric>-sensitivity.svg`) and, for a milestone, the share of runs that reached it
 * by each hour per arm (`<metric>-reached.svg`); with a morris or sobol design, its
 * indices (`<metric>-morris.svg`, `<metric>-sobol.svg`). Default metrics: the run-level metrics collected that
 * were observed at least once. Existing chart files are replaced only with `force`.
 * Returns the files written.
 */
export function plotResults(dir: string, outDir: string, metrics?: readonly string[], options: { force?: boolean } = {}): string[] {
  const manifest = readManifest(dir);
  const table = new ResultTable(manifest);
  try {
    const ignored = forEachJournalRun(dir, manifest, (outcome) => table.add(outcome));
    if (table.size === 0) {
      throw new ResultsError(`${dir} holds no finished runs${ignored > 0 ? ` (${ignored} damaged or incomplete line(s) in ${RESULT_FILES.journal})` : ''}; nothing to plot`);
    }
    return plotTable(table, dir, outDir, metrics, options.force === true);
  } finally {
    table.close();
  }
}

function plotTable(table: ResultTable, dir: string, outDir: string, metrics: readonly string[] | undefined, force: boolean): string[] {
  const manifest = table.manifest;
  const names = manifest.columns.map((column) => column.name);
  for (const metric of metrics ?? []) {
    if (!names.includes(metric)) throw new ResultsError(`no metric "${metric}" in ${dir}${didYouMean(metric, names)}`);
  }
  const runLevel = new Set<string>(RUN_METRICS.map((metric) => metric.name));
  const chosen = metrics ?? names.filter((name, k) => runLevel.has(name) && table.runs().some((run) => typeof table.value(run, k) === 'number'));
  const charts: [file: string, svg: string][] = [];
  for (const metric of chosen) {
    const column = names.indexOf(metric);
    manifest.factors.forEach((factor, j) => {
      if (factor.values.length > 1) charts.push([`${metric}-by-${factor.name}.svg`, effectChart(table, j, column)]);
    });
    charts.push([`${metric}-distribution.svg`, distributionChart(table, column)]);
    if (manifest.columns[column]!.censorable) charts.push([`${metric}-reached.svg`, reachedChart(table, column)]);
    if (manifest.factors.length > 0) charts.push([`${metric}-sensitivity.svg`, sensitivityChart(table, column)]);
    const global = globalSensitivityChart(table, column);
    if (global !== null) charts.push([`${metric}-${manifest.design}.svg`, global]);
  }
  if (charts.length === 0) throw new ResultsError(`no metric of ${dir} has an observed value; nothing to plot (choose one with --metric)`);
  prepareOutputFolder(outDir, { inputs: [dir] });
  // Check every chart's file before writing any, so a refusal leaves the folder as it was.
  const rules = { force };
  for (const [file] of charts) checkOutputFile(join(outDir, file), rules);
  for (const [file, svg] of charts) writeOutputFile(join(outDir, file), `${svg}\n`, rules);
  return charts.map(([file]) => file);
}
