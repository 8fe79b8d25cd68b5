import { replay } from '../drill/replay.js';
import type { DrillSession } from '../drill/session.js';
import { provenanceOf } from '../engine/run.js';
import type { TraceEntry } from '../metrics/trace.js';
import { analyzeRun } from '../report/analysis.js';
import { needsChart } from '../report/charts/needs.js';
import { timelineChart } from '../report/charts/timeline.js';
import { needSeriesOf } from '../report/need-series.js';

export type ChartName = 'timeline' | 'needs';
export const CHART_NAMES: readonly ChartName[] = ['timeline', 'needs'];

/**
 * The after-action report's timeline and needs charts of the exercise so far, for the
 * projector: the drill is replayed from its seed with the horizon at the current time
 * (as the report does at the end), so the charts show exactly what happened up to now
 * and nothing of the future. Self-contained SVG, served as images.
 */
export function chartsSoFar(session: DrillSession): Record<ChartName, string> {
  const nowHours = session.now;
  const trace: TraceEntry[] = [];
  const run = replay(session.scenario, session.runOptions(nowHours), session.actionsInForce(), false, (entry) => trace.push(entry));
  const metrics = run.sim.finish();
  const { header } = session;
  const result = {
    ...provenanceOf(session.scenario, header.scenarioHash, header.seed, nowHours),
    censoredAtHours: nowHours,
    metrics,
    timeline: run.sim.recorder.intervals,
  };
  const view = analyzeRun(session.scenario, result, trace);
  return { timeline: timelineChart(view), needs: needsChart(view, needSeriesOf(run.sim)) };
}

/** Charts rebuilt at most once per change of the exercise. */
export class ChartCache {
  private version = -1;
  private charts: Record<ChartName, string> | undefined;

  get(session: DrillSession, version: number): Record<ChartName, string> {
    if (!this.charts || version !== this.version) {
      this.charts = chartsSoFar(session);
      this.version = version;
    }
    return this.charts;
  }
}
