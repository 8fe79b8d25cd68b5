import type { RunView } from '../analysis.js';
import { hoursText } from '../format.js';
import { chart, el, linearScale, text, timeAxis, timeTicks } from '../svg.js';
import type { TrustSeries } from '../trust-series.js';
import { LEFT, RIGHT, WIDTH, laneLabel } from './layout.js';
import { injectMarkers } from './injects.js';

const TOP = 26;
const PANEL_HEIGHT = 40;
const PANEL_GAP = 12;
const AXIS_SPACE = 54;

/** `Thailand–Cambodia`: a pair by the nations' names (ids when the scenario does not know them). */
export function pairName(view: RunView, [a, b]: readonly [string, string]): string {
  const name = (id: string) => view.scenario.nations.find((nation) => nation.id === id)?.name ?? id;
  return `${name(a)}–${name(b)}`;
}

/**
 * Trust over time, one panel per relation (`<g class="trust-panel">`): a step line from
 * 0 to 1, a dot per change with its cause in a tooltip, injects as numbered dashed lines.
 */
export function trustChart(view: RunView, series: readonly TrustSeries[], id = 'trust'): string {
  const lastChange = Math.max(0, ...series.map((pair) => pair.points.at(-1)?.t ?? 0));
  const ticks = timeTicks(Math.min(view.result.horizonHours, Math.max(view.axisEndHours, lastChange)));
  const axisEnd = ticks[ticks.length - 1]!;
  const x = linearScale(0, axisEnd, LEFT, WIDTH - RIGHT);
  const bottom = TOP + series.length * (PANEL_HEIGHT + PANEL_GAP) - PANEL_GAP;
  // Lines stop at the horizon when the last tick lies past it.
  const lineEnd = Math.min(axisEnd, view.result.horizonHours);
  const panels = series.map((pair, index) => panel(view, pair, TOP + index * (PANEL_HEIGHT + PANEL_GAP), x, lineEnd));
  const description = `${series.length} panels, one per relation whose trust moved (0 = none, 1 = full). ${series
    .map((pair) => `${pairName(view, pair.between)}: ${pair.startTrust.toFixed(2)} to ${pair.points.at(-1)!.trust.toFixed(2)}, lowest ${pair.lowest.toFixed(2)}.`)
    .join(' ')}`;
  return chart(id, WIDTH, bottom + AXIS_SPACE, 'Trust between nations over time', description, timeAxis(x, ticks, bottom, TOP - 4), ...panels, injectMarkers(view.injects, x, axisEnd, TOP - 4, bottom));
}

function panel(view: RunView, pair: TrustSeries, top: number, x: (hours: number) => number, endHours: number): string {
  const y = linearScale(0, 1, top + PANEL_HEIGHT, top);
  let path = `M${x(0).toFixed(2)},${y(pair.startTrust).toFixed(2)}`;
  for (const point of pair.points) if (point.t <= endHours) path += ` H${x(point.t).toFixed(2)} V${y(point.trust).toFixed(2)}`;
  path += ` H${x(endHours).toFixed(2)}`;
  const name = pairName(view, pair.between);
  const dots = pair.points
    .filter((point) => point.t <= endHours)
    .map((point) =>
      el(
        'circle',
        { cx: x(point.t), cy: y(point.trust), r: 2.5, class: 'trust-change', 'data-cause': point.cause },
        el('title', {}, text(`${name} at ${hoursText(point.t)}: ${point.cause} ${point.delta > 0 ? '+' : ''}${point.delta.toFixed(2)}, trust ${point.trust.toFixed(2)}`)),
      ),
    );
  return el(
    'g',
    { class: 'trust-panel', 'data-between': pair.between.join(' ') },
    el('rect', { x: x(0), y: top, width: x(endHours) - x(0), height: PANEL_HEIGHT, fill: '#F7F7F7', stroke: '#BBBBBB', 'stroke-width': 0.5 }),
    el('line', { x1: x(0), x2: x(endHours), y1: y(0.5), y2: y(0.5), class: 'grid' }),
    el('text', { x: LEFT - 8, y: top + PANEL_HEIGHT / 2 - 2, 'text-anchor': 'end', class: 'lane-label' }, text(laneLabel(name))),
    el('text', { x: LEFT - 8, y: top + PANEL_HEIGHT / 2 + 12, 'text-anchor': 'end', class: 'tick-label' }, text(`${pair.startTrust.toFixed(2)} → ${pair.points.at(-1)!.trust.toFixed(2)}`)),
    el('path', { d: path, fill: 'none', stroke: '#000', 'stroke-width': 1.5 }),
    ...dots,
  );
}
