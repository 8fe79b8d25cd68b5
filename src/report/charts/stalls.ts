import type { RunView } from '../analysis.js';
import { round1 } from '../format.js';
import { CAUSES } from '../style.js';
import { chart, el, linearScale, text } from '../svg.js';
import { LEFT, WIDTH, laneLabel } from './layout.js';
import { chartDefs, stallFill } from './defs.js';

/** Room for the total at the end of the longest bar. */
const RIGHT = 70;
const TOP = 12;
const BAR_HEIGHT = 18;
const BAR_GAP = 8;
const AXIS_SPACE = 40;

/**
 * Stall hours by cause: one horizontal bar per nation that stalled (`<g class="stall-bar">`),
 * stacked by cause (`<rect class="stall-segment">`), hatched like the timeline, total at the end.
 */
export function stallsChart(view: RunView, id = 'stalls'): string {
  const rows = view.stalls;
  const maxHours = Math.max(1, ...rows.map((row) => row.totalHours));
  const step = niceStep(maxHours);
  const axisEnd = Math.ceil(maxHours / step) * step;
  const x = linearScale(0, axisEnd, LEFT, WIDTH - RIGHT);
  const bottom = TOP + rows.length * (BAR_HEIGHT + BAR_GAP);
  const height = bottom + AXIS_SPACE;
  const bars = rows.map((row, index) => {
    const y = TOP + index * (BAR_HEIGHT + BAR_GAP);
    let start = 0;
    const segments: string[] = [];
    for (const cause of CAUSES) {
      const hours = row.hours[cause];
      if (hours <= 0) continue;
      segments.push(
        el(
          'rect',
          { x: x(start), y, width: x(start + hours) - x(start), height: BAR_HEIGHT, fill: stallFill(id, cause), class: 'stall-segment phase', 'data-cause': cause },
          el('title', {}, text(`${row.name}: ${cause} ${round1(hours)} h`)),
        ),
      );
      start += hours;
    }
    return el(
      'g',
      { class: 'stall-bar', 'data-nation': row.nation },
      el('text', { x: LEFT - 8, y: y + BAR_HEIGHT / 2 + 4, 'text-anchor': 'end', class: 'lane-label' }, text(laneLabel(`${row.name} (${row.nation})`))),
      ...segments,
      el('text', { x: x(row.totalHours) + 4, y: y + BAR_HEIGHT / 2 + 4, class: 'tick-label' }, text(`${round1(row.totalHours)} h`)),
    );
  });
  const ticks: string[] = [];
  for (let hours = 0; hours <= axisEnd; hours += step) {
    ticks.push(el('line', { x1: x(hours), x2: x(hours), y1: TOP - 4, y2: bottom, class: 'grid' }));
    ticks.push(el('text', { x: x(hours), y: bottom + 15, 'text-anchor': 'middle', class: 'tick-label' }, text(`${hours} h`)));
  }
  const description =
    rows.length === 0
      ? 'No nation stalled.'
      : `${rows.length} bars, one per nation that stalled. ` +
        rows.map((row) => `${row.name}: ${CAUSES.filter((cause) => row.hours[cause] > 0).map((cause) => `${cause} ${round1(row.hours[cause])} h`).join(', ')}.`).join(' ');
  return chart(
    id,
    WIDTH,
    height,
    'Hours stalled, by nation and cause',
    description,
    chartDefs(id),
    el('g', { class: 'value-axis' }, ...ticks, el('line', { x1: LEFT, x2: x(axisEnd), y1: bottom, y2: bottom, class: 'axis' })),
    ...bars,
    el('text', { x: (LEFT + WIDTH - RIGHT) / 2, y: height - 4, 'text-anchor': 'middle', class: 'axis-title' }, text('hours stalled')),
  );
}

/** A round step giving 4 to 10 ticks up to `max`. */
function niceStep(max: number): number {
  for (const step of [1, 2, 5, 10, 12, 24, 48, 72, 120, 168, 336, 720]) if (max / step <= 8) return step;
  return Math.ceil(max / 8);
}
