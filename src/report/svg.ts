import { round1 } from './format.js';
import type { Hatch } from './style.js';

/**
 * A very small SVG writer: elements as strings with escaped text and attributes, hatch
 * patterns, and a time axis in hours and days. Charts are plain functions of data that
 * return SVG text, so they render without a browser and are easy to test.
 */

export type Attributes = Record<string, string | number | undefined>;

/** Escapes text for XML/HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One element; children are SVG strings already escaped (use {@link text} for text). */
export function el(name: string, attributes: Attributes, ...children: string[]): string {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(typeof value === 'number' ? num(value) : value!)}"`)
    .join('');
  return children.length === 0 ? `<${name}${attrs}/>` : `<${name}${attrs}>${children.join('')}</${name}>`;
}

/** A text node, escaped. */
export function text(content: string): string {
  return escapeXml(content);
}

/** Coordinates with at most two decimals, so the SVG stays small and stable. */
export function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A `<pattern>` that fills with `fill` and draws `hatch` stripes in `ink`. */
export function hatchPattern(id: string, fill: string, hatch: Hatch, ink: string): string {
  const size = 6;
  const background = el('rect', { width: size, height: size, fill });
  const stroke = { stroke: ink, 'stroke-width': 1.5, 'stroke-opacity': 0.85 };
  let marks: string;
  switch (hatch) {
    case 'diagonal':
      marks = el('path', { d: `M0,${size} L${size},0 M-1,1 L1,-1 M${size - 1},${size + 1} L${size + 1},${size - 1}`, ...stroke });
      break;
    case 'back-diagonal':
      marks = el('path', { d: `M0,0 L${size},${size} M-1,${size - 1} L1,${size + 1} M${size - 1},-1 L${size + 1},1`, ...stroke });
      break;
    case 'cross':
      marks = el('path', { d: `M0,${size} L${size},0 M0,0 L${size},${size}`, ...stroke, 'stroke-width': 1 });
      break;
    case 'dots':
      marks = el('circle', { cx: size / 2, cy: size / 2, r: 1.4, fill: ink });
      break;
    case 'horizontal':
      marks = el('path', { d: `M0,${size / 2} L${size},${size / 2}`, ...stroke });
      break;
    case 'vertical':
      marks = el('path', { d: `M${size / 2},0 L${size / 2},${size}`, ...stroke });
      break;
    default: {
      const exhaustive: never = hatch;
      throw new Error(`unknown hatch ${String(exhaustive)}`);
    }
  }
  return el('pattern', { id, patternUnits: 'userSpaceOnUse', width: size, height: size }, background, marks);
}

/** A linear scale from [domainMin, domainMax] to [rangeMin, rangeMax]. */
export function linearScale(domainMin: number, domainMax: number, rangeMin: number, rangeMax: number): (value: number) => number {
  const span = domainMax - domainMin || 1;
  return (value) => rangeMin + ((value - domainMin) / span) * (rangeMax - rangeMin);
}

/** Tick positions (hours) from 0 to the first tick at or after `endHours`: about ten, on whole hours or days. */
export function timeTicks(endHours: number): number[] {
  const stepsHours = [0.1, 0.25, 0.5, 1, 2, 3, 6, 12, 24, 48, 72, 120, 168, 336, 720, 1440, 2160, 4320, 8760];
  const step = stepsHours.find((candidate) => endHours / candidate <= 10) ?? Math.ceil(endHours / 10);
  const ticks: number[] = [];
  for (let t = 0; ticks[ticks.length - 1] === undefined || ticks[ticks.length - 1]! < endHours - 1e-9; t += step) ticks.push(t);
  return ticks;
}

/** Label of a time tick: hours, and days from two days on. */
export function tickLabel(hours: number): [string, string] {
  return [`${Number(hours.toFixed(2))} h`, hours >= 48 || (hours > 0 && hours % 24 === 0) ? `day ${round1(hours / 24).replace(/\.0$/, '')}` : ''];
}

/**
 * A horizontal time axis at `y` from x(0) to the last tick, with grid lines up to
 * `gridTop` and a title saying the unit; it takes 50 units of height below `y`.
 */
export function timeAxis(x: (hours: number) => number, ticks: readonly number[], y: number, gridTop: number): string {
  const parts: string[] = [];
  for (const tick of ticks) {
    const [hours, days] = tickLabel(tick);
    parts.push(el('line', { x1: x(tick), x2: x(tick), y1: gridTop, y2: y, class: 'grid' }));
    parts.push(el('line', { x1: x(tick), x2: x(tick), y1: y, y2: y + 4, class: 'tick' }));
    parts.push(el('text', { x: x(tick), y: y + 16, 'text-anchor': 'middle', class: 'tick-label' }, text(hours)));
    if (days) parts.push(el('text', { x: x(tick), y: y + 29, 'text-anchor': 'middle', class: 'tick-label days' }, text(days)));
  }
  const end = x(ticks[ticks.length - 1]!);
  parts.push(el('line', { x1: x(0), x2: end, y1: y, y2: y, class: 'axis' }));
  parts.push(el('text', { x: (x(0) + end) / 2, y: y + 46, 'text-anchor': 'middle', class: 'axis-title' }, text('time from onset (hours; days below)')));
  return el('g', { class: 'time-axis' }, ...parts);
}

/** An accessible chart: `role="img"`, labelled by its title and description. */
export function chart(id: string, width: number, height: number, title: string, description: string, ...content: string[]): string {
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-labelledby': `${id}-title ${id}-desc`,
      class: 'chart',
      id,
      'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
      'font-size': 12,
    },
    el('title', { id: `${id}-title` }, text(title)),
    el('desc', { id: `${id}-desc` }, text(description)),
    el('style', {}, CHART_CSS),
    ...content,
  );
}

const CHART_CSS =
  '.grid{stroke:#d0d0d0;stroke-width:0.5}.tick,.axis{stroke:#333;stroke-width:1}.tick-label{fill:#333;font-size:11px}.days{fill:#555}' +
  '.lane-label{fill:#111}.inject{stroke:#000;stroke-width:1;stroke-dasharray:3 3}.inject-badge{fill:#fff;stroke:#000}.inject-number{font-size:10px;font-weight:bold}' +
  '.phase{stroke:#555;stroke-width:0.5}.phase-label{font-size:10px;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round;fill:#000}' +
  '.axis-title{fill:#333;font-size:11px}.supply{fill:none;stroke:#000;stroke-width:1.2;stroke-dasharray:5 2}.need-line{fill:none;stroke:#000;stroke-width:1}';
