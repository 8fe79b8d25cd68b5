import { chart, el, linearScale, text } from '../report/svg.js';
import { OKABE_ITO } from '../report/style.js';
import { milestoneCurve, sampleHorizon } from './milestones.js';
import { chartId, heading, MARGIN, niceTicks, provenanceMetadata, valueAxis, WIDTH } from './plot-parts.js';
import { formatFactorValue } from './records.js';
import { pointSample } from './responses.js';
import type { ResultTable } from './table.js';

/** Line colours of the arms, in order (Okabe-Ito without yellow, too pale for a line); arms beyond them reuse them dashed. */
const ARM_COLOURS = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.black] as const;

/**
 * The share of runs that reached a milestone by each time, per arm: one minus the
 * Kaplan-Meier curve, up to the horizon. An arm whose curve stays low lost the
 * milestone in many runs; the legend gives each arm's n and n censored.
 */
export function reachedChart(table: ResultTable, column: number): string {
  const manifest = table.manifest;
  const metric = manifest.columns[column]!.name;
  const arms = manifest.points.map((point) => {
    const sample = pointSample(table, point.index, column);
    const values = manifest.factors.map((factor) => formatFactorValue(point.values[factor.name])).join(', ');
    const censored = sample.statuses.filter((status) => status === 'censored').length;
    const applicable = sample.statuses.filter((status) => status !== 'not-applicable').length;
    return { label: `${point.index}${values ? `: ${values}` : ''} (n=${applicable}, ${censored} censored)`, curve: milestoneCurve(sample), horizon: sampleHorizon(sample) };
  });
  const horizon = Math.max(1e-9, ...arms.map((arm) => arm.horizon ?? 0));
  const plotHeight = 260;
  const legendTop = MARGIN.top + plotHeight + 44;
  const height = legendTop + arms.length * 18 + 10;
  const ticks = niceTicks(0, horizon);
  const x = linearScale(0, ticks[ticks.length - 1]!, MARGIN.left, WIDTH - MARGIN.right);
  const y = linearScale(0, 1, MARGIN.top + plotHeight, MARGIN.top);
  const parts: string[] = [heading(`${metric}: share of runs that reached it`), valueAxis([0, 0.25, 0.5, 0.75, 1], y, MARGIN.left, WIDTH - MARGIN.right, 'share reached')];
  for (const tick of ticks) parts.push(el('text', { x: x(tick), y: MARGIN.top + plotHeight + 16, 'text-anchor': 'middle', class: 'tick-label' }, text(String(tick))));
  parts.push(el('text', { x: (MARGIN.left + WIDTH - MARGIN.right) / 2, y: MARGIN.top + plotHeight + 34, 'text-anchor': 'middle', class: 'axis-title' }, text('hours')));
  arms.forEach((arm, k) => {
    const colour = ARM_COLOURS[k % ARM_COLOURS.length]!;
    const dash = k >= ARM_COLOURS.length ? '6 3' : undefined;
    if (arm.horizon !== null) {
      let d = `M${x(0)},${y(0)}`;
      arm.curve.times.forEach((time, i) => {
        if (time <= arm.horizon!) d += ` H${x(time)} V${y(1 - arm.curve.survival[i]!)}`;
      });
      d += ` H${x(arm.horizon)}`;
      parts.push(el('path', { d, fill: 'none', stroke: colour, 'stroke-width': 2, 'stroke-dasharray': dash }));
    }
    const legendY = legendTop + k * 18;
    parts.push(el('line', { x1: MARGIN.left, x2: MARGIN.left + 24, y1: legendY - 4, y2: legendY - 4, stroke: colour, 'stroke-width': 2, 'stroke-dasharray': dash }));
    parts.push(el('text', { x: MARGIN.left + 30, y: legendY, class: 'tick-label' }, text(arm.label)));
  });
  return chart(chartId('reached', metric), WIDTH, height, `${metric}: share of runs that reached it`, `Share of runs that reached ${metric} by each hour, per design point (one minus the Kaplan-Meier curve), up to the horizon; runs that never reached it are censored at the horizon.`, provenanceMetadata(manifest), ...parts);
}
