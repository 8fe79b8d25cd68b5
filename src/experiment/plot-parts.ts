import { el, text } from '../report/svg.js';
import type { ExperimentManifest } from './manifest.js';

/** Pieces shared by the experiment charts: sizes, round ticks, a value axis, a heading, provenance. */

export const WIDTH = 640;
export const MARGIN = { left: 70, right: 20, top: 40, bottom: 60 };

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
export function valueAxis(ticks: readonly number[], y: (value: number) => number, left: number, right: number, title: string): string {
  const parts = ticks.flatMap((tick) => [
    el('line', { x1: left, x2: right, y1: y(tick), y2: y(tick), class: 'grid' }),
    el('text', { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end', class: 'tick-label' }, text(String(tick))),
  ]);
  const middle = (y(ticks[0]!) + y(ticks[ticks.length - 1]!)) / 2;
  parts.push(el('line', { x1: left, x2: left, y1: y(ticks[0]!), y2: y(ticks[ticks.length - 1]!), class: 'axis' }));
  parts.push(el('text', { x: 16, y: middle, 'text-anchor': 'middle', transform: `rotate(-90 16 ${middle})`, class: 'axis-title' }, text(title)));
  return el('g', { class: 'value-axis' }, ...parts);
}

export function heading(content: string): string {
  return el('text', { x: MARGIN.left, y: 22, 'font-weight': 'bold' }, text(content));
}

/**
 * What a chart was drawn from, as a `<metadata>` element: engine, experiment hash, master
 * seed and the scenario hashes of the design points, so a kept SVG names its source.
 */
export function provenanceMetadata(manifest: ExperimentManifest): string {
  const provenance = {
    engine: `${manifest.engine.name} ${manifest.engine.version}`,
    experimentHash: manifest.experimentHash,
    masterSeed: manifest.seed,
    scenarioHashes: [...new Set(manifest.points.map((point) => point.scenarioHash))],
  };
  return el('metadata', { class: 'provenance' }, text(JSON.stringify(provenance)));
}

/** A chart id from its parts: letters, digits and dashes only. */
export function chartId(...parts: string[]): string {
  return parts.join('-').replace(/[^A-Za-z0-9-]/g, '-');
}
