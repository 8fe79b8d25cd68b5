import type { Lane, RunView } from '../analysis.js';
import { hoursText, words } from '../format.js';
import { chart, el, linearScale, text, timeAxis, timeTicks } from '../svg.js';
import { LEFT, RIGHT, WIDTH, laneLabel } from './layout.js';
import { chartDefs, stallFill } from './defs.js';
import { injectMarkers } from './injects.js';

const TOP = 26;
const LANE_HEIGHT = 22;
const LANE_GAP = 6;
const AXIS_SPACE = 54;
/** Approximate width of one character of a 10px label, for deciding whether a label fits. */
const CHAR_WIDTH = 5.6;

/**
 * The timeline chart: one lane per nation with its phases (stalls hatched by cause),
 * injects marked on the time axis. Each lane is `<g class="lane">`, each phase a
 * `<rect class="phase">` with a `<title>` that says what and when.
 */
export function timelineChart(view: RunView, id = 'timeline'): string {
  const end = view.axisEndHours;
  const ticks = timeTicks(end);
  const axisEnd = ticks[ticks.length - 1]!;
  const x = linearScale(0, axisEnd, LEFT, WIDTH - RIGHT);
  const lanesBottom = TOP + view.lanes.length * (LANE_HEIGHT + LANE_GAP);
  const height = lanesBottom + AXIS_SPACE;
  const lanes = view.lanes.map((lane, index) => laneSvg(lane, TOP + index * (LANE_HEIGHT + LANE_GAP), x, axisEnd, id));
  return chart(
    id,
    WIDTH,
    height,
    'Timeline: phases of each nation, stalls hatched by cause',
    timelineDescription(view),
    chartDefs(id),
    timeAxis(x, ticks, lanesBottom, TOP - 4),
    ...lanes,
    injectMarkers(view.injects, x, axisEnd, TOP - 4, lanesBottom),
  );
}

function laneSvg(lane: Lane, y: number, x: (hours: number) => number, axisEnd: number, chartId: string): string {
  const parts = [el('text', { x: LEFT - 8, y: y + LANE_HEIGHT / 2 + 4, 'text-anchor': 'end', class: 'lane-label' }, text(laneLabel(`${lane.name} (${lane.nation})`)))];
  for (const phase of lane.phases) {
    if (phase.startHours >= axisEnd) continue;
    const x0 = x(phase.startHours);
    const x1 = x(Math.min(phase.endHours, axisEnd));
    const fill = phase.look.kind === 'stall' ? stallFill(chartId, phase.look.cause) : phase.look.fill;
    const name = words(phase.state);
    const what = phase.look.kind === 'stall' ? `${name} (stall: ${phase.look.cause})` : name;
    parts.push(
      el(
        'rect',
        {
          x: x0,
          y,
          width: Math.max(x1 - x0, 0.75),
          height: LANE_HEIGHT,
          fill,
          class: 'phase',
          'data-state': phase.state,
          'data-stall': phase.look.kind === 'stall' ? phase.look.cause : undefined,
        },
        el('title', {}, text(`${lane.name}: ${what}, ${hoursText(phase.startHours)} to ${hoursText(phase.endHours)}`)),
      ),
    );
    const label = phase.look.kind === 'stall' ? phase.look.cause : name;
    if (x1 - x0 > label.length * CHAR_WIDTH + 6) {
      parts.push(el('text', { x: (x0 + x1) / 2, y: y + LANE_HEIGHT / 2 + 3.5, 'text-anchor': 'middle', class: 'phase-label', 'aria-hidden': 'true' }, text(label)));
    }
  }
  return el('g', { class: 'lane', 'data-nation': lane.nation }, ...parts);
}

/** A short prose description for screen readers; the full data is in the table beside the chart. */
function timelineDescription(view: RunView): string {
  const sentences = view.lanes.map((lane) => {
    const deployed = lane.phases.find((phase) => phase.state === 'deployed');
    const stalls = lane.phases.filter((phase) => phase.look.kind === 'stall');
    const stallHours = stalls.reduce((sum, phase) => sum + phase.endHours - phase.startHours, 0);
    return `${lane.name}: ${deployed ? `deployed from ${hoursText(deployed.startHours)}` : 'never deployed'}; ${stalls.length} stall(s) totalling ${hoursText(stallHours)}.`;
  });
  return `${view.lanes.length} lanes, one per nation; the axis runs to ${hoursText(view.axisEndHours)}. ${sentences.join(' ')}`;
}
