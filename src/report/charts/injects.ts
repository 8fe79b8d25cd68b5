import type { FiredInject } from '../analysis.js';
import { hoursText } from '../format.js';
import { el, text } from '../svg.js';

/**
 * Inject markers on a time axis: a dashed line from `top` to `bottom` and a numbered badge
 * above it; the number refers to the inject list printed under the chart.
 */
export function injectMarkers(injects: readonly FiredInject[], x: (hours: number) => number, endHours: number, top: number, bottom: number): string {
  const marks = injects
    .filter((inject) => inject.atHours <= endHours)
    .map((inject) =>
      el(
        'g',
        { class: 'inject-marker', 'data-inject': inject.id },
        el('title', {}, text(`Inject ${inject.number} at ${hoursText(inject.atHours)}: ${inject.title}`)),
        el('line', { x1: x(inject.atHours), x2: x(inject.atHours), y1: top, y2: bottom, class: 'inject' }),
        el('circle', { cx: x(inject.atHours), cy: top - 8, r: 7, class: 'inject-badge' }),
        el('text', { x: x(inject.atHours), y: top - 4.5, 'text-anchor': 'middle', class: 'inject-number' }, text(String(inject.number))),
      ),
    );
  return el('g', { class: 'injects' }, ...marks);
}
