import type { RunResult } from '../engine/run.js';
import { NATION_MILESTONES, STALL_CAUSES, type NationMetrics, type NationMilestone } from '../metrics/definitions.js';

/** Hours as `37.5 h (1.6 d)`, or `—` for a milestone that did not happen. */
export function formatHours(hours: number | null): string {
  if (hours === null) return '—';
  return hours >= 48 ? `${hours.toFixed(1)} h (${(hours / 24).toFixed(1)} d)` : `${hours.toFixed(1)} h`;
}

/** A milestone's cell: its hours, `n/a` when the nation did not need it, `—` when it was not reached (censored). */
function milestoneCell(metrics: NationMetrics, milestone: NationMilestone): string {
  const hours = metrics[milestone];
  if (hours !== null) return hours.toFixed(1);
  return metrics.notApplicable.includes(milestone) ? 'n/a' : '—';
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** The readable summary `crisis-sim run` prints: run metrics, milestones per nation, stalls by cause. */
export function formatSummary(result: RunResult, scenarioName: string): string {
  const m = result.metrics;
  const nations = Object.entries(m.nations);
  const milestoneShort = ['detect', 'decide', 'authorize', 'mandate', 'consent', 'first deploy', 'full deploy'];
  const out: string[] = [];
  out.push(`${scenarioName} (${result.kind}), seed ${result.seed}, horizon ${result.horizonHours} h`);
  out.push(`engine ${result.engine.name} ${result.engine.version}, scenario ${result.scenarioHash.slice(0, 19)}`);
  out.push('');
  out.push('Run');
  out.push(`  first foreign response  ${formatHours(m.firstResponseHours)}`);
  out.push(`  50% of needs met        ${formatHours(m.needsMet50Hours)}`);
  out.push(`  90% of needs met        ${formatHours(m.needsMet90Hours)}`);
  out.push(`  unmet need              ${m.unmetNeedHours.toFixed(0)} unit-hours (peak ${m.peakUnmetNeed.toFixed(1)} units)`);
  if (result.kind === 'conflict') out.push(`  escalations             ${m.escalations}`);
  if (result.kind === 'terrorism') out.push(`  attacks                 ${m.attacks}`);
  if (m.incidents > 0) out.push(`  incidents               ${m.incidents} between rival forces`);
  if (m.accessHours !== null) out.push(`  access (closed host)    ${formatHours(m.accessHours)}`);
  for (const mediation of m.mediations) out.push(`  mediation               ${mediation.mediator} for ${mediation.host}: ${mediation.outcome} after ${mediation.rounds} round(s)${mediation.hours !== null ? `, ${formatHours(mediation.hours)}` : ''}`);
  out.push(`  preparedness            ${m.preparednessCostMusd.toFixed(1)} MUSD a year in peacetime`);
  out.push('');
  out.push('Milestones (hours from onset; — = did not happen before the horizon; n/a = not needed)');
  out.push(
    table(
      ['nation', ...milestoneShort],
      nations.map(([id, metrics]) => [id, ...NATION_MILESTONES.map((milestone) => milestoneCell(metrics, milestone.name))]),
    ),
  );
  out.push('');
  out.push('Stalls (hours) and delivery');
  out.push(
    table(
      ['nation', ...STALL_CAUSES, 'units', 'cost MUSD'],
      nations.map(([id, metrics]) => [
        id,
        ...STALL_CAUSES.map((cause) => (metrics.stallHours[cause] > 0 ? metrics.stallHours[cause].toFixed(1) : '.')),
        String(metrics.unitsDelivered),
        metrics.cost.toFixed(1),
      ]),
    ),
  );
  const diplomacy = nations.filter(([, metrics]) => metrics.declined || metrics.conditions.length > 0 || metrics.talksHeld > 0);
  if (diplomacy.length > 0) {
    out.push('');
    out.push('Diplomacy');
    out.push(table(['nation', 'declined', 'conditions', 'talks'], diplomacy.map(([id, metrics]) => [id, metrics.declined ? 'yes' : '.', metrics.conditions.join(', ') || '.', String(metrics.talksHeld)])));
  }
  const moved = m.relations.filter((relation) => relation.trustEnd !== relation.trustStart || relation.talks > 0);
  if (moved.length > 0) {
    out.push('');
    out.push('Trust that moved (start -> end, lowest)');
    out.push(table(['between', 'start', 'end', 'lowest', 'talks'], moved.map((relation) => [relation.between.join('-'), relation.trustStart.toFixed(2), relation.trustEnd.toFixed(2), relation.trustMin.toFixed(2), String(relation.talks)])));
  }
  return out.join('\n');
}
