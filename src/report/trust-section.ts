import type { TraceEntry } from '../metrics/trace.js';
import type { RunView } from './analysis.js';
import { pairName, trustChart } from './charts/trust.js';
import type { Section } from './document.js';
import { causesText, trustSeriesOf } from './trust-series.js';

/** Relations drawn in the chart, most moved first; the table lists them all. */
export const TRUST_PANELS = 10;

/** The report section on trust: how it moved between each pair over the run, and why. */
export function trustSection(view: RunView, trace: readonly TraceEntry[]): Section {
  const series = trustSeriesOf(trace);
  if (series.length === 0) return { id: 'trust', title: 'Trust between nations', blocks: [{ type: 'paragraph', text: 'Trust did not change between any two nations in this run.' }] };
  const drawn = series.slice(0, TRUST_PANELS);
  const rows = series.map((pair) => [pairName(view, pair.between), pair.startTrust.toFixed(2), pair.points.at(-1)!.trust.toFixed(2), pair.lowest.toFixed(2), pair.highest.toFixed(2), String(pair.points.length), causesText(pair)]);
  return {
    id: 'trust',
    title: 'Trust between nations',
    blocks: [
      {
        type: 'figure',
        id: 'trust',
        svg: trustChart(view, drawn),
        caption: `Trust (0 to 1) over time for ${drawn.length === series.length ? `the ${series.length} relations` : `the ${drawn.length} relations that moved most, of ${series.length}`} whose trust moved; each dot is a change with a named cause (hover for it), numbered dashed lines are injects. Trust drives later decisions: consent, talks, mediation, votes and military access.`,
        data: { type: 'table', caption: 'Trust per relation: start, end, lowest, highest, number of changes and their causes', header: ['relation', 'start', 'end', 'lowest', 'highest', 'changes', 'causes'], rows },
      },
    ],
  };
}
