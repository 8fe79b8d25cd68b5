import { chart, el, linearScale, text } from '../report/svg.js';
import { OKABE_ITO } from '../report/style.js';
import { chartId, heading, MARGIN, niceTicks, provenanceMetadata, valueAxis, WIDTH } from './plot-parts.js';
import { formatFactorValue } from './records.js';
import { experimentHorizon, pointSample, responseLabel, responsesOf } from './responses.js';
import { byFactorValue, sensitivity } from './sensitivity.js';
import { describe } from './statistics.js';
import type { ResultTable } from './table.js';

/**
 * SVG charts of an experiment's results, drawn by hand (no browser, no plotting
 * library): a metric's mean by factor value with 95% CI bars, its distribution per arm
 * as box plots, and a sensitivity ranking of the factors. A censorable milestone is
 * charted by its restricted time (not reached = the horizon), and every chart says how
 * many runs were censored. Each function returns SVG text with its provenance.
 */

/** "n=30, 8 censored" for the runs of a group; the censored part only for a milestone. */
function countLabel(n: number, censored: number | null): string {
  return censored === null ? `n=${n}` : `n=${n}, ${censored} censored`;
}

/** Censored runs of a metric among the finished runs of these design points; null for a metric that cannot be censored. */
function censoredIn(table: ResultTable, column: number, points: readonly number[]): number | null {
  if (!table.manifest.columns[column]!.censorable) return null;
  return points.reduce((sum, point) => sum + pointSample(table, point, column).statuses.filter((status) => status === 'censored').length, 0);
}

/** Mean of a metric (a milestone: its restricted time) at each value of a factor (other factors pooled), with 95% t-interval bars, n and n censored. */
export function effectChart(table: ResultTable, factor: number, column: number): string {
  const manifest = table.manifest;
  const metric = manifest.columns[column]!.name;
  const factorName = manifest.factors[factor]!.name;
  const response = responsesOf(manifest.columns[column]!)[0]!;
  const horizon = response === 'value' ? null : experimentHorizon(table, column);
  const label = responseLabel(metric, response, horizon);
  const groups = byFactorValue(table, factor, column, response, horizon).map((group) => ({ label: formatFactorValue(group.factorValue), stats: describe(group.values), censored: censoredIn(table, column, group.points) }));
  const height = 360;
  const bounds = groups.flatMap((group) => [group.stats.ci95Low ?? group.stats.mean, group.stats.ci95High ?? group.stats.mean]).filter((value): value is number => value !== null);
  const ticks = niceTicks(Math.min(0, ...bounds), Math.max(1e-9, ...bounds));
  const y = linearScale(ticks[0]!, ticks[ticks.length - 1]!, height - MARGIN.bottom, MARGIN.top);
  const slot = (WIDTH - MARGIN.left - MARGIN.right) / groups.length;
  const x = (k: number) => MARGIN.left + slot * (k + 0.5);
  const parts: string[] = [heading(`${metric} by ${factorName} (mean, 95% CI)`), valueAxis(ticks, y, MARGIN.left, WIDTH - MARGIN.right, response === 'value' ? metric : `${metric}, not reached = ${horizon} h`)];
  const means = groups.map((group, k) => (group.stats.mean === null ? null : `${x(k)},${y(group.stats.mean)}`)).filter((point): point is string => point !== null);
  if (means.length > 1) parts.push(el('polyline', { points: means.join(' '), fill: 'none', stroke: OKABE_ITO.blue, 'stroke-width': 1.5 }));
  groups.forEach((group, k) => {
    const { mean, ci95Low, ci95High, n } = group.stats;
    if (ci95Low !== null && ci95High !== null) {
      parts.push(el('path', { d: `M${x(k)},${y(ci95Low)} V${y(ci95High)} M${x(k) - 6},${y(ci95Low)} H${x(k) + 6} M${x(k) - 6},${y(ci95High)} H${x(k) + 6}`, stroke: '#000', 'stroke-width': 1.2, fill: 'none' }));
    }
    if (mean !== null) parts.push(el('circle', { cx: x(k), cy: y(mean), r: 4, fill: OKABE_ITO.blue, stroke: '#000' }));
    parts.push(el('text', { x: x(k), y: height - MARGIN.bottom + 16, 'text-anchor': 'middle', class: 'tick-label' }, text(group.label)));
    parts.push(el('text', { x: x(k), y: height - MARGIN.bottom + 30, 'text-anchor': 'middle', class: 'tick-label days' }, text(countLabel(n, group.censored))));
  });
  parts.push(el('text', { x: (MARGIN.left + WIDTH - MARGIN.right) / 2, y: height - 12, 'text-anchor': 'middle', class: 'axis-title' }, text(factorName)));
  const what = response === 'value' ? `Mean of ${metric}` : `Mean of ${label}`;
  return chart(chartId('effect', metric, factorName), WIDTH, height, `${metric} by ${factorName}`, `${what} at each value of ${factorName}, other factors pooled, with 95% confidence intervals; n = runs, censored = runs that did not reach it.`, provenanceMetadata(manifest), ...parts);
}

/** Box plots of a metric's observed values per design point (box = quartiles, line = median, whiskers = 5th and 95th percentiles, diamond = mean), with n censored beside each. */
export function distributionChart(table: ResultTable, column: number): string {
  const manifest = table.manifest;
  const metric = manifest.columns[column]!.name;
  const arms = manifest.points.map((point) => {
    const { values } = table.observed(point.index, column);
    const label = manifest.factors.map((factor) => formatFactorValue(point.values[factor.name])).join(', ');
    const counts = countLabel(table.runsOfPoint(point.index).length, censoredIn(table, column, [point.index]));
    return { label: `${point.index}${label ? `: ${label}` : ''} (${counts})`, stats: describe(values) };
  });
  const row = 26;
  // Arms are labelled by their values only; the factor names head the column once.
  const names = `point: ${manifest.factors.map((factor) => factor.name).join(', ')}`;
  const left = Math.min(360, 20 + 6.5 * Math.max(names.length, ...arms.map((arm) => arm.label.length)));
  const height = MARGIN.top + 16 + arms.length * row + 60;
  const bounds = arms.flatMap((arm) => [arm.stats.q05, arm.stats.q95]).filter((value): value is number => value !== null);
  const ticks = niceTicks(Math.min(0, ...bounds), Math.max(1e-9, ...bounds));
  const x = linearScale(ticks[0]!, ticks[ticks.length - 1]!, left, WIDTH - MARGIN.right);
  const top = MARGIN.top + 16;
  const bottom = top + arms.length * row;
  const parts: string[] = [heading(`${metric}: distribution per arm`), el('text', { x: left - 8, y: top - 6, 'text-anchor': 'end', class: 'axis-title' }, text(names))];
  for (const tick of ticks) {
    parts.push(el('line', { x1: x(tick), x2: x(tick), y1: top, y2: bottom, class: 'grid' }));
    parts.push(el('text', { x: x(tick), y: bottom + 16, 'text-anchor': 'middle', class: 'tick-label' }, text(String(tick))));
  }
  parts.push(el('text', { x: (left + WIDTH - MARGIN.right) / 2, y: bottom + 36, 'text-anchor': 'middle', class: 'axis-title' }, text(metric)));
  arms.forEach((arm, k) => {
    const middle = top + k * row + row / 2;
    const label = arm.label.length > 52 ? `${arm.label.slice(0, 51)}…` : arm.label;
    parts.push(el('text', { x: left - 8, y: middle + 4, 'text-anchor': 'end', class: 'tick-label' }, text(label)));
    const s = arm.stats;
    if (s.q05 === null || s.q25 === null || s.median === null || s.q75 === null || s.q95 === null || s.mean === null) {
      parts.push(el('text', { x: left + 4, y: middle + 4, class: 'tick-label' }, text('no observed values')));
      return;
    }
    parts.push(el('path', { d: `M${x(s.q05)},${middle} H${x(s.q25)} M${x(s.q75)},${middle} H${x(s.q95)} M${x(s.q05)},${middle - 5} V${middle + 5} M${x(s.q95)},${middle - 5} V${middle + 5}`, stroke: '#000', fill: 'none' }));
    parts.push(el('rect', { x: x(s.q25), y: middle - 8, width: Math.max(1, x(s.q75) - x(s.q25)), height: 16, fill: OKABE_ITO.skyBlue, stroke: '#000' }));
    parts.push(el('line', { x1: x(s.median), x2: x(s.median), y1: middle - 8, y2: middle + 8, stroke: '#000', 'stroke-width': 2 }));
    parts.push(el('path', { d: `M${x(s.mean)},${middle - 5} l5,5 l-5,5 l-5,-5 z`, fill: OKABE_ITO.vermillion, stroke: '#000' }));
  });
  return chart(chartId('distribution', metric), WIDTH, height, `${metric}: distribution per arm`, `Box plots of the observed values of ${metric} per design point: box from the 25th to the 75th percentile, bar at the median, whiskers at the 5th and 95th percentiles, diamond at the mean; n = finished runs, censored = runs that did not reach it (not in the box).`, provenanceMetadata(manifest), ...parts);
}

/** Factors ranked by |standardized regression coefficient| on a metric (a milestone: its restricted time); the sign is printed beside each bar. */
export function sensitivityChart(table: ResultTable, column: number): string {
  const metric = table.manifest.columns[column]!.name;
  const response = responsesOf(table.manifest.columns[column]!)[0]!;
  const what = responseLabel(metric, response, response === 'value' ? null : experimentHorizon(table, column));
  const rows = sensitivity(table, column, response).sort((a, b) => Math.abs(b.src ?? 0) - Math.abs(a.src ?? 0) || a.factor.localeCompare(b.factor));
  const row = 26;
  const left = 180;
  const bottom = MARGIN.top + rows.length * row;
  const x = linearScale(0, 1, left, WIDTH - MARGIN.right - 60);
  const parts: string[] = [heading(`What moves ${metric}: |standardized regression coefficient|`)];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(el('line', { x1: x(tick), x2: x(tick), y1: MARGIN.top, y2: bottom, class: 'grid' }));
    parts.push(el('text', { x: x(tick), y: bottom + 16, 'text-anchor': 'middle', class: 'tick-label' }, text(String(tick))));
  }
  rows.forEach((entry, k) => {
    const middle = MARGIN.top + k * row + row / 2;
    parts.push(el('text', { x: left - 8, y: middle + 4, 'text-anchor': 'end', class: 'tick-label' }, text(entry.factor)));
    if (entry.src === null) {
      parts.push(el('text', { x: left + 4, y: middle + 4, class: 'tick-label' }, text('not estimable')));
      return;
    }
    const magnitude = Math.min(1, Math.abs(entry.src));
    parts.push(el('rect', { x: left, y: middle - 8, width: Math.max(1, x(magnitude) - left), height: 16, fill: entry.src >= 0 ? OKABE_ITO.vermillion : OKABE_ITO.blue, stroke: '#000' }));
    parts.push(el('text', { x: x(magnitude) + 6, y: middle + 4, class: 'tick-label' }, text(`${entry.src >= 0 ? '+' : '−'}${Math.abs(entry.src).toFixed(2)}`)));
  });
  parts.push(el('text', { x: (left + WIDTH - MARGIN.right) / 2, y: bottom + 36, 'text-anchor': 'middle', class: 'axis-title' }, text('|SRC| (+ raises, − lowers the metric)')));
  return chart(chartId('sensitivity', metric), WIDTH, bottom + 50, `What moves ${metric}`, `Factors ranked by the absolute standardized regression coefficient of ${what} on all factors; the sign says whether raising the factor raises or lowers it.`, provenanceMetadata(table.manifest), ...parts);
}
