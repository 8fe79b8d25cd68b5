import { chart, el, linearScale, text } from '../report/svg.js';
import { OKABE_ITO } from '../report/style.js';
import { globalIndices } from './global-analysis.js';
import { chartId, heading, MARGIN, niceTicks, provenanceMetadata, WIDTH } from './plot-parts.js';
import { experimentHorizon, responseLabel, responsesOf } from './responses.js';
import type { ResultTable } from './table.js';

/**
 * The Morris or Sobol indices of a metric (a milestone: its restricted time) per factor:
 * bars of Morris μ* or of the Sobol total index with bootstrap 95% whiskers, and for
 * Sobol a diamond at the first-order index. Null for other designs.
 */
export function globalSensitivityChart(table: ResultTable, column: number): string | null {
  const manifest = table.manifest;
  const metric = manifest.columns[column]!.name;
  const response = responsesOf(manifest.columns[column]!)[0]!;
  const horizon = response === 'value' ? null : experimentHorizon(table, column);
  const indices = globalIndices(table, column, response, horizon);
  if (indices.length === 0) return null;
  const sobol = manifest.design === 'sobol';
  const barIndex = sobol ? 'total' : 'muStar';
  const bars = manifest.factors.map((factor) => ({
    factor: factor.name,
    bar: indices.find((index) => index.factor === factor.name && index.index === barIndex)!,
    first: indices.find((index) => index.factor === factor.name && index.index === 'firstOrder'),
  }));
  const top = Math.max(1e-9, ...bars.flatMap((row) => [row.bar.estimate ?? 0, row.bar.ci95High ?? 0]));
  const ticks = sobol ? [0, 0.25, 0.5, 0.75, 1] : niceTicks(0, top);
  const row = 26;
  const left = 180;
  const bottom = MARGIN.top + bars.length * row;
  const x = linearScale(0, ticks[ticks.length - 1]!, left, WIDTH - MARGIN.right - 20);
  const clamp = (value: number) => x(Math.max(0, Math.min(ticks[ticks.length - 1]!, value)));
  const what = responseLabel(metric, response, horizon);
  const title = sobol ? `Sobol indices of ${metric}: total (bar), first order (diamond)` : `Morris μ* of ${metric} (mean |elementary effect|)`;
  const parts: string[] = [heading(title)];
  for (const tick of ticks) {
    parts.push(el('line', { x1: x(tick), x2: x(tick), y1: MARGIN.top, y2: bottom, class: 'grid' }));
    parts.push(el('text', { x: x(tick), y: bottom + 16, 'text-anchor': 'middle', class: 'tick-label' }, text(String(tick))));
  }
  bars.forEach((entry, k) => {
    const middle = MARGIN.top + k * row + row / 2;
    parts.push(el('text', { x: left - 8, y: middle + 4, 'text-anchor': 'end', class: 'tick-label' }, text(entry.factor)));
    const { estimate, ci95Low, ci95High } = entry.bar;
    if (estimate === null) {
      parts.push(el('text', { x: left + 4, y: middle + 4, class: 'tick-label' }, text('not estimable')));
      return;
    }
    parts.push(el('rect', { x: left, y: middle - 8, width: Math.max(1, clamp(estimate) - left), height: 16, fill: OKABE_ITO.skyBlue, stroke: '#000' }));
    if (ci95Low !== null && ci95High !== null) parts.push(el('path', { d: `M${clamp(ci95Low)},${middle} H${clamp(ci95High)} M${clamp(ci95Low)},${middle - 5} V${middle + 5} M${clamp(ci95High)},${middle - 5} V${middle + 5}`, stroke: '#000', fill: 'none' }));
    const first = entry.first?.estimate;
    if (first !== undefined && first !== null) parts.push(el('path', { d: `M${clamp(first)},${middle - 5} l5,5 l-5,5 l-5,-5 z`, fill: OKABE_ITO.vermillion, stroke: '#000' }));
  });
  parts.push(el('text', { x: (left + WIDTH - MARGIN.right) / 2, y: bottom + 36, 'text-anchor': 'middle', class: 'axis-title' }, text(sobol ? 'share of variance' : `${metric} per full range of the factor`)));
  const description = sobol
    ? `Sobol total (bars, bootstrap 95% intervals) and first-order (diamonds) indices of ${what}, Saltelli design.`
    : `Morris mean absolute elementary effect μ* of ${what} per factor, with bootstrap 95% intervals.`;
  return chart(chartId('global-sensitivity', metric), WIDTH, bottom + 50, title, description, provenanceMetadata(manifest), ...parts);
}
