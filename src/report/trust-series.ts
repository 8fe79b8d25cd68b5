import type { TraceEntry } from '../metrics/trace.js';

/** One change of trust between a pair, as the trace recorded it. */
export interface TrustPoint {
  t: number;
  trust: number;
  delta: number;
  cause: string;
}

/** Trust between one pair over a run, from its `trust.changed` trace entries. */
export interface TrustSeries {
  between: readonly [string, string];
  startTrust: number;
  points: TrustPoint[];
  lowest: number;
  highest: number;
}

/**
 * Trust over time for every pair whose trust moved (a change other than 0), from the
 * trace's `trust.changed` entries, most moved first (range from lowest to highest; ties in
 * order of first change). Pure: the same trace gives the same series.
 */
export function trustSeriesOf(trace: readonly TraceEntry[]): TrustSeries[] {
  const byPair = new Map<string, TrustSeries>();
  for (const entry of trace) {
    if (entry.event !== 'trust.changed') continue;
    const data = entry.data as { between?: unknown; cause?: unknown; delta?: unknown; trust?: unknown } | undefined;
    if (!data || !Array.isArray(data.between) || typeof data.trust !== 'number' || typeof data.delta !== 'number' || data.delta === 0) continue;
    const [a, b] = data.between as [string, string];
    const key = `${a}|${b}`;
    let series = byPair.get(key);
    if (!series) {
      const startTrust = data.trust - data.delta;
      series = { between: [a, b], startTrust, points: [], lowest: startTrust, highest: startTrust };
      byPair.set(key, series);
    }
    series.points.push({ t: entry.t, trust: data.trust, delta: data.delta, cause: String(data.cause) });
    series.lowest = Math.min(series.lowest, data.trust);
    series.highest = Math.max(series.highest, data.trust);
  }
  return [...byPair.values()].map((series, order) => ({ series, order })).sort((x, y) => y.series.highest - y.series.lowest - (x.series.highest - x.series.lowest) || x.order - y.order).map(({ series }) => series);
}

/** `escalation ×3, hotline-call ×2`: the causes of a pair's changes, most frequent first. */
export function causesText(series: TrustSeries): string {
  const counts = new Map<string, number>();
  for (const point of series.points) counts.set(point.cause, (counts.get(point.cause) ?? 0) + 1);
  return [...counts].sort((x, y) => y[1] - x[1]).map(([cause, n]) => (n > 1 ? `${cause} ×${n}` : cause)).join(', ');
}
