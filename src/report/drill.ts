import { RUN_METRICS } from '../metrics/definitions.js';
import type { TraceEntry } from '../metrics/trace.js';
import type { RunView } from './analysis.js';
import type { Block, Section } from './document.js';
import { hoursText, round1, RUN_METRIC_LABELS } from './format.js';
import type { ComparisonInput, DrillInput, PlayerDecision } from './input.js';

/** Players' decisions from a trace: `decision` entries of `player:<nation>` agents. */
export function playerDecisionsOf(trace: readonly TraceEntry[]): PlayerDecision[] {
  return trace
    .filter((entry) => entry.agent.startsWith('player:') && entry.event === 'decision')
    .map((entry) => ({
      atHours: entry.t,
      nation: entry.agent.slice('player:'.length),
      kind: String(entry.data?.['kind'] ?? ''),
      choice: String(entry.data?.['choice'] ?? ''),
    }));
}

function decisionText(decision: PlayerDecision): string {
  const recommended = decision.recommended !== undefined && decision.recommended !== decision.choice ? ` (engine would choose ${decision.recommended})` : '';
  const note = decision.note ? ` — ${decision.note}` : '';
  return `${hoursText(decision.atHours)} ${decision.nation} ${decision.kind}: ${decision.choice}${recommended}${note}`;
}

/**
 * The drill section: for each inject as it fired, what the MSEL expected of players and
 * the decisions they took from then until the next inject; decisions before the first
 * inject get their own row.
 */
export function drillSection(view: RunView, drill: DrillInput, trace: readonly TraceEntry[]): Section {
  const decisions = [...(drill.decisions ?? playerDecisionsOf(trace))].sort((a, b) => a.atHours - b.atHours);
  const players = drill.players ?? [...new Set(decisions.map((decision) => decision.nation))];
  const windows = view.injects.map((inject, index) => ({ inject, from: inject.atHours, to: view.injects[index + 1]?.atHours ?? Infinity }));
  const taken = (from: number, to: number) => decisions.filter((decision) => decision.atHours >= from && decision.atHours < to).map(decisionText);
  const rows: string[][] = [];
  const before = taken(-Infinity, windows[0]?.from ?? Infinity);
  if (before.length > 0) rows.push(['—', '—', 'before the first inject', '—', before.join('; ')]);
  for (const { inject, from, to } of windows) {
    rows.push([String(inject.number), hoursText(inject.atHours), inject.title, inject.msel?.expectedAction || '(none given)', taken(from, to).join('; ') || '(no decision)']);
  }
  const blocks: Block[] = [
    { type: 'paragraph', text: `Played nations: ${players.length > 0 ? players.join(', ') : 'none'}. ${decisions.length} decision(s) taken by players.` },
    { type: 'table', caption: 'Players\' decisions next to the MSEL\'s expected actions', header: ['#', 'time', 'inject', 'expected action (MSEL)', 'players\' decisions until the next inject'], rows, className: 'drill' },
  ];
  return { id: 'drill', title: 'Players\' decisions and the MSEL', blocks };
}

/** The comparison section: run metrics and each nation's first deployment, side by side. */
export function comparisonSection(view: RunView, comparison: ComparisonInput): Section {
  const ours = view.result;
  const theirs = comparison.result;
  const runRows = RUN_METRICS.map((metric) => {
    const a = ours.metrics[metric.name];
    const b = theirs.metrics[metric.name];
    return [RUN_METRIC_LABELS[metric.name], valueText(a, metric.unit), valueText(b, metric.unit), differenceText(a, b)];
  });
  const nationRows = Object.keys(ours.metrics.nations).map((nation) => {
    const a = ours.metrics.nations[nation]?.firstDeployHours ?? null;
    const b = theirs.metrics.nations[nation]?.firstDeployHours ?? null;
    const name = view.scenario.nations.find((candidate) => candidate.id === nation)?.name ?? nation;
    return [`${name}: first units in theatre`, hoursText(a), hoursText(b), differenceText(a, b)];
  });
  return {
    id: 'comparison',
    title: `Compared with the ${comparison.label}`,
    blocks: [
      {
        type: 'paragraph',
        text:
          `${comparison.note ? `${comparison.note} ` : ''}Seed ${ours.seed} here, seed ${theirs.seed} in the ${comparison.label}. Difference = this run minus the ${comparison.label}; negative hours are faster.` +
          (ours.scenarioHash === theirs.scenarioHash ? '' : ` Caution: the ${comparison.label} is of a different scenario (${theirs.scenarioHash}).`),
      },
      { type: 'table', caption: `This run and the ${comparison.label}`, header: ['metric', 'this run', comparison.label, 'difference'], rows: [...runRows, ...nationRows] },
    ],
  };
}

function valueText(value: number | null, unit: string): string {
  if (unit === 'hours') return hoursText(value);
  if (value === null) return 'not reached';
  return unit === 'count' ? String(value) : round1(value);
}

function differenceText(a: number | null, b: number | null): string {
  if (a === null || b === null) return a === b ? '—' : a === null ? 'not reached here' : `not reached in the other run`;
  const difference = a - b;
  return `${difference > 0 ? '+' : ''}${round1(difference)}`;
}
