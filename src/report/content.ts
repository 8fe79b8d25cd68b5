import { NATION_MILESTONES } from '../metrics/definitions.js';
import type { TraceEntry } from '../metrics/trace.js';
import type { RunView } from './analysis.js';
import { legendChart } from './charts/legend.js';
import { capabilitySummaries, needsChart, type CapabilitySummary } from './charts/needs.js';
import { stallsChart } from './charts/stalls.js';
import { timelineChart } from './charts/timeline.js';
import type { Block, ListItem, ReportDocument, Section } from './document.js';
import { comparisonSection, drillSection, playerDecisionsOf } from './drill.js';
import { capabilitySections, improvementPlanSection, notesSection, objectivesSection, overviewSection } from './exercise.js';
import { findingsOf, type Finding } from './findings.js';
import { hoursText, round1, words } from './format.js';
import type { ComparisonInput, DrillInput } from './input.js';
import type { NeedSeries } from './need-series.js';
import { CAUSES } from './style.js';
import { trustSection } from './trust-section.js';

/** What the content builder needs beyond the analysed run. */
export interface ContentOptions {
  trace: readonly TraceEntry[];
  needs: NeedSeries | null;
  drill: DrillInput | undefined;
  comparison: ComparisonInput | undefined;
}

/** The report's sections, in the order of an exercise after-action report. */
export function reportDocument(view: RunView, options: ContentOptions): ReportDocument {
  const { scenario } = view;
  const capabilities = options.needs ? capabilitySummaries(options.needs) : null;
  const findings = findingsOf(view, options.trace, capabilities);
  const isDrill = options.drill !== undefined || playerDecisionsOf(options.trace).length > 0;
  const exercise = options.drill?.exercise;
  const players = options.drill?.players ?? [];
  const evaluated: Section[] = exercise
    ? [
        overviewSection(scenario, players, exercise),
        objectivesSection(scenario.evaluation, exercise),
        ...capabilitySections(scenario, players, exercise, findings),
        notesSection(exercise),
        improvementPlanSection(exercise),
      ]
    : [];
  const context = exercise ? findings.filter((finding) => !players.includes(finding.subject)) : findings;
  const sections: Section[] = [
    summarySection(view),
    ...evaluated,
    findingsSection(context, exercise ? 'What the engine-played nations did (context, not evaluated)' : 'Strengths and areas for improvement'),
    timelineSection(view),
    needsSection(view, options.needs, capabilities),
    trustSection(view, options.trace),
    milestonesSection(view),
    stallsSection(view),
    ...(isDrill ? [drillSection(view, options.drill ?? {}, options.trace)] : []),
    ...(options.comparison ? [comparisonSection(view, options.comparison)] : []),
    provenanceSection(view, exercise?.reproduce),
  ];
  return { title: `After-action report: ${scenario.name}`, subtitle: `${scenario.crisis.name} (${scenario.crisis.kind}), seed ${view.result.seed}`, sections };
}

function summarySection(view: RunView): Section {
  const { scenario, result } = view;
  const m = result.metrics;
  const blocks: Block[] = [];
  if (scenario.description) blocks.push({ type: 'paragraph', text: scenario.description });
  blocks.push({
    type: 'definitions',
    items: [
      ['crisis', `${scenario.crisis.name} (${scenario.crisis.kind}, severity ${scenario.crisis.severity})`],
      ['host nation(s)', scenario.crisis.hosts.map((host) => scenario.nations.find((nation) => nation.id === host)?.name ?? host).join(', ')],
      ['nations', String(scenario.nations.length)],
      ['first foreign response', hoursText(m.firstResponseHours)],
      ['50% of needs met', hoursText(m.needsMet50Hours)],
      ['90% of needs met', hoursText(m.needsMet90Hours)],
      ['unmet need', `${Math.round(m.unmetNeedHours)} unit-hours (peak ${round1(m.peakUnmetNeed)} units)`],
      ...(scenario.crisis.kind === 'conflict' ? [['escalations', String(m.escalations)] as [string, string]] : []),
      ...(scenario.crisis.kind === 'terrorism' ? [['attacks', String(m.attacks)] as [string, string]] : []),
    ],
  });
  if (scenario.objectives.length > 0) {
    blocks.push({ type: 'paragraph', text: 'Exercise objectives:' });
    blocks.push({ type: 'list', items: scenario.objectives.map((objective) => ({ text: objective })) });
  }
  return { id: 'summary', title: 'Scenario and results', blocks };
}

function findingsSection(findings: readonly Finding[], title: string): Section {
  const item = (finding: Finding): ListItem => ({ text: finding.statement, details: finding.reasons, className: finding.kind });
  const strengths = findings.filter((finding) => finding.kind === 'strength').map(item);
  const improvements = findings.filter((finding) => finding.kind === 'improvement').map(item);
  return {
    id: 'findings',
    title,
    blocks: [
      { type: 'paragraph', text: `Strengths (${strengths.length}):` },
      strengths.length > 0 ? { type: 'list', items: strengths } : { type: 'paragraph', text: 'None found by the report\'s rules.' },
      { type: 'paragraph', text: `Areas for improvement (${improvements.length}), most costly first:` },
      improvements.length > 0 ? { type: 'list', items: improvements } : { type: 'paragraph', text: 'None found by the report\'s rules.' },
    ],
  };
}

function timelineSection(view: RunView): Section {
  const rows = view.lanes.flatMap((lane) =>
    lane.phases.map((phase) => [lane.name, words(phase.state), phase.look.kind === 'stall' ? phase.look.cause : '', hoursText(phase.startHours), hoursText(phase.endHours)]),
  );
  const blocks: Block[] = [
    {
      type: 'figure',
      id: 'timeline',
      svg: timelineChart(view),
      caption: `Who did what when: one lane per nation (${view.lanes.length}); hatched stretches are stalls, each cause with its own hatch; numbered dashed lines are injects. ${view.axisEndHours < view.result.horizonHours ? `The axis ends at ${hoursText(view.axisEndHours)}; nothing changes after that until the horizon (${hoursText(view.result.horizonHours)}).` : ''}`.trim(),
      data: { type: 'table', caption: 'Phases of each nation', header: ['nation', 'phase', 'stall cause', 'from', 'to'], rows },
    },
    { type: 'figure', id: 'legend', svg: legendChart(), caption: 'Legend of the charts.', data: null },
  ];
  if (view.injects.length > 0) {
    blocks.push({
      type: 'table',
      caption: 'Injects',
      header: ['#', 'time', 'inject', 'to', 'expected action (MSEL)'],
      rows: view.injects.map((inject) => [String(inject.number), hoursText(inject.atHours), inject.title, inject.msel?.to ?? '', inject.msel?.expectedAction ?? '']),
    });
  }
  return { id: 'timeline', title: 'Timeline', blocks };
}

function needsSection(view: RunView, needs: NeedSeries | null, capabilities: readonly CapabilitySummary[] | null): Section {
  if (!needs || !capabilities) {
    return {
      id: 'needs',
      title: 'Needs met and unmet',
      blocks: [{ type: 'paragraph', text: 'Need over time is not available for this run: replaying it with this engine did not reproduce its metrics (another engine version, or drill actions the trace cannot replay).' }],
    };
  }
  const rows = capabilities.map((c) => [c.capability, round1(c.peakNeed), round1(c.peakUnmet), c.firstFullyMetHours === null ? 'never' : hoursText(c.firstFullyMetHours), `${round1(c.supplyAtEnd)} units for a need of ${round1(c.needAtEnd)}`]);
  return {
    id: 'needs',
    title: 'Needs met and unmet',
    blocks: [
      {
        type: 'figure',
        id: 'needs',
        svg: needsChart(view, needs),
        caption: `Need per capability (${capabilities.length} panels): the solid part is met by effective supply (units in theatre, less duplicated effort), the hatched part is unmet; the dashed line is effective supply. ${needs.resolvedAtHours === null ? 'The acute phase lasted to the horizon.' : `The acute phase ended at ${hoursText(needs.resolvedAtHours)}; the table covers the acute phase.`}`,
        data: { type: 'table', caption: 'Need and supply per capability (units)', header: ['capability', 'peak need', 'largest shortfall', 'fully met from', 'effective supply at the end'], rows },
      },
    ],
  };
}

function milestonesSection(view: RunView): Section {
  const nations = view.scenario.nations.filter((nation) => view.result.metrics.nations[nation.id]);
  const rows = nations.map((nation) => {
    const metrics = view.result.metrics.nations[nation.id]!;
    return [`${nation.name} (${nation.id})`, ...NATION_MILESTONES.map((milestone) => (metrics[milestone.name] === null ? '—' : round1(metrics[milestone.name]!))), String(metrics.unitsDelivered), round1(metrics.cost)];
  });
  return {
    id: 'milestones',
    title: 'Response-time milestones',
    blocks: [
      { type: 'paragraph', text: 'Hours from onset. — means it did not happen before the horizon (or, for mandate and consent, was not needed).' },
      {
        type: 'table',
        caption: 'Milestones per nation (hours from onset), units delivered and cost (MUSD)',
        header: ['nation', 'detect', 'decide', 'authorize', 'mandate', 'consent', 'first deploy', 'full deploy', 'units', 'cost MUSD'],
        rows,
        className: 'numeric',
      },
    ],
  };
}

function stallsSection(view: RunView): Section {
  const rows = view.stalls.map((row) => [`${row.name} (${row.nation})`, ...CAUSES.map((cause) => (row.hours[cause] > 0 ? round1(row.hours[cause]) : '—')), round1(row.totalHours)]);
  const totals = CAUSES.map((cause) => view.stalls.reduce((sum, row) => sum + row.hours[cause], 0));
  return {
    id: 'stalls',
    title: 'Stalls by cause',
    blocks: [
      {
        type: 'figure',
        id: 'stalls',
        svg: stallsChart(view),
        caption: `Hours each nation spent waiting, by cause (${view.stalls.length} bars). Across nations: ${CAUSES.map((cause, i) => `${cause} ${round1(totals[i]!)} h`).join(', ')}.`,
        data: { type: 'table', caption: 'Hours stalled by nation and cause', header: ['nation', ...CAUSES, 'total'], rows, className: 'numeric' },
      },
    ],
  };
}

function provenanceSection(view: RunView, reproduce: string | undefined): Section {
  const { result, scenario } = view;
  return {
    id: 'provenance',
    title: 'Provenance',
    blocks: [
      {
        type: 'definitions',
        items: [
          ['engine', `${result.engine.name} ${result.engine.version}`],
          ['scenario', `${scenario.id} (${result.scenarioHash})`],
          ['seed', String(result.seed)],
          ['horizon', hoursText(result.horizonHours)],
          ['reproduce', reproduce ?? `crisis-sim run <${scenario.id} scenario file> --seed ${result.seed} --until ${result.horizonHours} --report report.html`],
        ],
      },
    ],
  };
}
