import { chart, el, linearScale, text } from '../report/svg.js';
import { OKABE_ITO } from '../report/style.js';
import { formatLevel } from './records.js';
import { describe } from './statistics.js';
import { byFactorLevel, sensitivity } from './summary.js';
import type { ResultTable } from './table.js';

/**
 * SVG charts of an experiment's results, drawn by hand (no browser, no plotting
 * library): a metric's mean by factor value with 95% CI bars, its distribution per arm
 * as box plots, and a sensitivity ranking of the factors. Each function returns SVG text.
 */

const WIDTH = 640;
const MARGIN = { left: 70, right: 20, top: 40, bottom: 60 };

/** About five round tick values covering [min, max]. */
export function niceTicks(min: number, max: number): number[] {
  if (min === max) return [min];
  const raw = (max - min) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => raw <= candidate)!;
  const ticks: number[] = [];
  for (let tick = Math.floor(min / step) * step; tick <= max + step * 1e-9; tick += step) ticks.push(Number(tick.toPrecision(12)));
  if (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks[ticks.length - 1]! + step).toPrecision(12)));
  return ticks;
}

/** A vertical value axis with grid lines, labels and a title. */
function valueAxis(ticks: readonly number[], y: (value: number) => number, left: number, right: number, title: string): string {
  const parts = ticks.flatMap((tick) => [
    el('line', { x1: left, x2: right, y1: y(tick), y2: y(tick), class: 'grid' }),
    el('text', { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'tick-label' }, text(String(tick))),
  ]);
  const middle = (y(ticks[0]!) + y(ticks[ticks.length - 1]!)) / 2;
  parts.push(el('line', { x1: left, x2: left, y1: y(ticks[0]!), y2: y(ticks[ticks.length - 1]!), class: 'axis' }));
  parts.push(el('text', { x: 16, y: middle, 'text-anchor': 'middle', transform: `rotate(-90 16 ${middle})`, class: 'axis-title' }, text(title)));
  return el('g', { class: 'value-axis' }, ...parts);
}

function heading(content: string): string {
  return el('text', { x: MARGIN.left, y: 22, 'font-weight': 'bold' }, text(content));
}

/** Mean of a metric at each value of a factor (other factors pooled), with 95% t-interval bars and n. */
export function effectChart(table: ResultTable, factor: number, column: number): string {
  const manifest = table.manifest;
  const metric = manifest.columns[column]!.name;
  const factorName = manifest.factors[factor]!.name;
  const groups = byFactorLevel(table, factor, column).map((group) => ({ label: formatLevel(group.level), stats: describe(group.values) }));
  const height = 360;
  const bounds = groups.flatMap((group) => [group.stats.ci95Low ?? group.stats.mean, group.stats.ci95High ?? group.stats.mean]).filter((value): value is number => value !== null);
  const ticks = niceTicks(Math.min(0, ...bounds), Math.max(1e-9, ...bounds));
  const y = linearScale(ticks[0]!, ticks[ticks.length - 1]!, height - MARGIN.bottom, MARGIN.top);
  const slot = (WIDTH - MARGIN.left - MARGIN.right) / groups.length;
  const x = (k: number) => MARGIN.left + slot * (k + 0.5);
  const parts: string[] = [heading(`${metric} by ${factorName} (mean, 95% CI)`), valueAxis(ticks, y, MARGIN.left, WIDTH - MARGIN.right, metric)];
  const means = groups.map((group, k) => (group.stats.mean === null ? null : `${x(k)},${y(group.stats.mean)}`)).filter((point): point is string => point !== null);
  if (means.length > 1) parts.push(el('polyline', { points: means.join(' '), fill: 'none', stroke: OKABE_ITO.blue, 'stroke-width': 1.5 }));
  groups.forEach((group, k) => {
    const { mean, ci95Low, ci95High, n } = group.stats;
    if (ci95Low !== null && ci95High !== null) {
      parts.push(el('path', { d: `M${x(k)},${y(ci95Low)} V${y(ci95High)} M${x(k) - 6},${y(ci95Low)} H${x(k) + 6} M${x(k) - 6},${y(ci95High)} H${x(k) + 6}`, stroke: '#000', 'stroke-width': 1.2, fill: 'none' }));
    }
    if (mean !== null) parts.push(el('circle', { cx: x(k), cy: y(mean), r: 4, fill: OKABE_ITO.blue, stroke: '#000' }));
    parts.push(el('text', { x: x(k), y: height - MARGIN.bottom + 16, 'text-anchor': 'middle', class: 'tick-label' }, text(group.label)));
    parts.push(el('text', { x: x(k), y: height - MARGIN.bottom + 30, 'text-anchor': 'middle', class: 'tick-label days' }, text(`n=${n}`)));
  });
  parts.push(el('text', { x: (MARGIN.left + WIDTH - MARGIN.right) / 2, y: height - 12, 'text-anchor': 'middle', class: 'axis-title' }, text(factorName)));
  return chart(`effect-${metric}-${factorName}`.replace(/[^A-Za-z0-9-]/g, '-'), WIDTH, height, `${metric} by ${factorName}`, `Mean of ${metric} at each value of ${factorName}, other factors pooled, with 95% confidence intervals; n = observed runs.`, ...parts);
}

/** Box plots of a metric per design point: box = quartiles, line = median, whiskers = 5th and 95th percentiles, diamond = mean. */
export function distributionChart(table: ResultTable, column: number): string {
  const manifest = table.manifest;
  const metric = manifest.columns[column]!.name;
  const arms = manifest.points.map((point) => {
    const { values } = table.observed(point.index, column);
    const label = manifest.factors.map((factor) => formatLevel(point.levels[factor.name])).join(', ');
    return { label: `${point.index}${label ? `: ${label}` : ''}`, stats: describe(values) };
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
  return chart(`distribution-${metric}`.replace(/[^A-Za-z0-9-]/g, '-'), WIDTH, height, `${metric}: distribution per arm`, `Box plots of ${metric} per design point: box from the 25th to the 75th percentile, bar at the median, whiskers at the 5th and 95th percentiles, diamond at the mean.`, ...parts);
}

/** Factors ranked by |standardized regression coefficient| on a metric; the sign is printed beside each bar. */
export function sensitivityChart(table: ResultTable, column: number): string {
  const metric = table.manifest.columns[column]!.name;
  const rows = sensitivity(table, column).sort((a, b) => Math.abs(b.src ?? 0) - Math.abs(a.src ?? 0) || a.factor.localeCompare(b.factor));
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
  return chart(`sensitivity-${metric}`.replace(/[^A-Za-z0-9-]/g, '-'), WIDTH, bottom + 50, `What moves ${metric}`, `Factors ranked by the absolute standardized regression coefficient of ${metric} on all factors; the sign says whether raising the factor raises or lowers the metric.`, ...parts);
}
