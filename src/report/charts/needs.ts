import type { RunView } from '../analysis.js';
import { hoursText } from '../format.js';
import { needAt } from '../../model/needs.js';
import type { NeedSegment, NeedSeries } from '../need-series.js';
import { NEED_STYLE } from '../style.js';
import { chart, el, linearScale, num, text, timeAxis, timeTicks } from '../svg.js';
import { LEFT, RIGHT, WIDTH, laneLabel } from './layout.js';
import { chartDefs, unmetFill } from './defs.js';
import { injectMarkers } from './injects.js';

const TOP = 26;
const PANEL_HEIGHT = 56;
const PANEL_GAP = 14;
const AXIS_SPACE = 54;
/** Horizontal pixels between samples of a curving need. */
const SAMPLE_PX = 2;

/**
 * Needs met vs unmet over time, one panel per capability (`<g class="need-panel">`):
 * met need solid, unmet need hatched above it, effective supply as a dashed line.
 */
export function needsChart(view: RunView, series: NeedSeries, id = 'needs'): string {
  const ticks = timeTicks(view.axisEndHours);
  const axisEnd = ticks[ticks.length - 1]!;
  const x = linearScale(0, axisEnd, LEFT, WIDTH - RIGHT);
  const bottom = TOP + series.capabilities.length * (PANEL_HEIGHT + PANEL_GAP) - PANEL_GAP;
  const height = bottom + AXIS_SPACE;
  const panels = series.capabilities.map((capability, index) =>
    panel(capability.capability, capability.segments, TOP + index * (PANEL_HEIGHT + PANEL_GAP), x, Math.min(axisEnd, series.horizonHours), id),
  );
  return chart(
    id,
    WIDTH,
    height,
    'Needs met and unmet over time, per capability',
    needsDescription(series),
    chartDefs(id),
    timeAxis(x, ticks, bottom, TOP - 4),
    ...panels,
    series.resolvedAtHours !== null && series.resolvedAtHours < axisEnd ? afterResolution(x(series.resolvedAtHours), x(axisEnd), TOP - 4, bottom) : '',
    injectMarkers(view.injects, x, axisEnd, TOP - 4, bottom),
  );
}

/** Greys out the time after the acute phase, when unmet need no longer counts. */
function afterResolution(x0: number, x1: number, top: number, bottom: number): string {
  return el(
    'g',
    { class: 'after-resolution' },
    el('rect', { x: x0, y: top, width: x1 - x0, height: bottom - top, fill: '#FFFFFF', 'fill-opacity': 0.7 }),
    el('line', { x1: x0, x2: x0, y1: top, y2: bottom, stroke: '#000', 'stroke-width': 1.5 }),
    el('text', { x: x0 + 4, y: top + 12, class: 'phase-label' }, text('acute phase over: unmet need no longer counts')),
  );
}

function panel(capability: string, segments: readonly NeedSegment[], top: number, x: (hours: number) => number, endHours: number, chartId: string): string {
  const samples = sample(segments, x, endHours);
  const peak = Math.max(1, ...samples.map((s) => Math.max(s.need, s.supply)));
  const y = linearScale(0, peak, top + PANEL_HEIGHT, top);
  const met = samples.map((s) => [x(s.t), y(Math.min(s.need, s.supply))] as const);
  const need = samples.map((s) => [x(s.t), y(s.need)] as const);
  const base = y(0);
  const path = (points: readonly (readonly [number, number])[]) => points.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${num(px)},${num(py)}`).join(' ');
  const first = met[0]!;
  const last = met[met.length - 1]!;
  const metArea = `${path(met)} L${num(last[0])},${num(base)} L${num(first[0])},${num(base)} Z`;
  const unmetArea = `${path(need)} ${path([...met].reverse()).replace(/^M/, 'L')} Z`;
  return el(
    'g',
    { class: 'need-panel', 'data-capability': capability },
    el('text', { x: LEFT - 8, y: top + PANEL_HEIGHT / 2, 'text-anchor': 'end', class: 'lane-label' }, text(capability)),
    el('text', { x: LEFT - 8, y: top + PANEL_HEIGHT / 2 + 13, 'text-anchor': 'end', class: 'tick-label' }, text(`0–${num(peak)} units`)),
    el('line', { x1: x(0), x2: x(endHours), y1: top, y2: top, class: 'grid' }),
    el('path', { d: metArea, fill: NEED_STYLE.met, class: 'met' }, el('title', {}, text(`${capability}: need met`))),
    el('path', { d: unmetArea, fill: unmetFill(chartId), class: 'unmet' }, el('title', {}, text(`${capability}: need unmet`))),
    el('path', { d: path(need), class: 'need-line' }),
    el('path', { d: path(samples.map((s) => [x(s.t), y(s.supply)] as const)), class: 'supply' }),
    el('line', { x1: x(0), x2: x(endHours), y1: base, y2: base, class: 'axis' }),
  );
}

interface Sample {
  t: number;
  need: number;
  supply: number;
}

/** Points along need and supply: segment ends (both sides of each supply step) and, where need curves, every few pixels. */
function sample(segments: readonly NeedSegment[], x: (hours: number) => number, endHours: number): Sample[] {
  const samples: Sample[] = [];
  for (const segment of segments) {
    if (segment.startHours >= endHours) break;
    const end = Math.min(segment.endHours, endHours);
    const steps = segment.curve.ratePerHour === 0 ? 1 : Math.max(1, Math.ceil((x(end) - x(segment.startHours)) / SAMPLE_PX));
    for (let k = 0; k <= steps; k++) {
      const t = segment.startHours + ((end - segment.startHours) * k) / steps;
      samples.push({ t, need: needAt(segment.curve, t), supply: segment.supply });
    }
  }
  return samples;
}

/** Per capability over the acute phase: the peak need and shortfall, and when supply first met the whole need (if ever). */
export interface CapabilitySummary {
  capability: string;
  peakNeed: number;
  peakUnmet: number;
  firstFullyMetHours: number | null;
  /** Need and supply when the acute phase ended (or at the horizon). */
  needAtEnd: number;
  supplyAtEnd: number;
}

/** Summarizes each capability's series over the acute phase (exact at segment ends, where supply steps). */
export function capabilitySummaries(series: NeedSeries): CapabilitySummary[] {
  const end = series.resolvedAtHours ?? series.horizonHours;
  return series.capabilities.map(({ capability, segments: all }) => {
    const segments = all.filter((segment) => segment.startHours < end || segment.startHours === 0).map((segment) => ({ ...segment, endHours: Math.min(segment.endHours, end) }));
    let peakNeed = 0;
    let peakUnmet = 0;
    let firstFullyMetHours: number | null = null;
    for (const segment of segments) {
      for (const t of [segment.startHours, segment.endHours]) {
        const need = needAt(segment.curve, t);
        peakNeed = Math.max(peakNeed, need);
        peakUnmet = Math.max(peakUnmet, need - segment.supply);
      }
      if (firstFullyMetHours === null) firstFullyMetHours = fullyMetWithin(segment);
    }
    const last = segments[segments.length - 1]!;
    return { capability, peakNeed, peakUnmet, firstFullyMetHours, needAtEnd: needAt(last.curve, last.endHours), supplyAtEnd: last.supply };
  });
}

/** First time in the segment when supply covers the need (need is monotone within a segment). */
function fullyMetWithin(segment: NeedSegment): number | null {
  const { curve, supply, startHours, endHours } = segment;
  if (needAt(curve, startHours) <= supply) return startHours;
  if (needAt(curve, endHours) > supply || curve.ratePerHour >= 0 || supply <= 0) return null;
  return curve.sinceHours + Math.log(supply / curve.level) / curve.ratePerHour;
}

function needsDescription(series: NeedSeries): string {
  const parts = capabilitySummaries(series).map(
    (summary) =>
      `${summary.capability}: peak need ${num(summary.peakNeed)} units, largest shortfall ${num(summary.peakUnmet)} units, ` +
      (summary.firstFullyMetHours === null ? 'never fully met' : `fully met from ${hoursText(summary.firstFullyMetHours)}`) +
      '.',
  );
  return `${series.capabilities.length} panels, one per capability; met need solid, unmet need hatched, supply dashed. ${parts.join(' ')}`;
}
