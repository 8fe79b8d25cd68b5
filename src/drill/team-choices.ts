import type { NationMilestone } from '../metrics/definitions.js';
import type { PhaseInterval } from '../metrics/recorder.js';
import { durationText, joinProse, round1 } from '../report/format.js';
import { LONG_STALL_HOURS, QUICK_STEP_HOURS } from '../report/findings.js';
import type { TeamChoiceRecord } from '../report/input.js';
import type { DrillAction } from './log.js';
import type { ClosedRun, DrillOutcome } from './outcome.js';

/**
 * The teams' own choices for the after-action report: every decision a team took and
 * every own-words action that pulled an engine lever, each with what followed in the drill
 * where the model can say it (the report files them under the core capability whose
 * critical tasks name their kind, `decisions:`). The rules, documented in docs/reports.md:
 *
 * - a host team's `consent` choice: the nations waiting for consent (or in talks, or for
 *   mediation) while it held, until the team's next consent choice or the close. A closed or
 *   restrictive choice that kept a nation waiting `LONG_STALL_HOURS` or more: an area for
 *   improvement; an `open` choice after which nobody waited `QUICK_STEP_HOURS`: a strength.
 * - a team's first `act` choice: when its nation decided to act, against the engine-only
 *   baseline; `BASELINE_GAP_HOURS` later is an area for improvement, as much earlier a strength.
 * - an `offer`: when its nation's first units arrived, against the baseline (context).
 */

/** A team's milestone this many hours later (earlier) than in the engine-only baseline is an area for improvement (a strength). */
export const BASELINE_GAP_HOURS = 12;

/** Stall causes that mean a nation is kept out by a host's consent. */
const KEPT_OUT = new Set(['consent', 'talks', 'mediation']);

export function teamChoicesOf(outcome: DrillOutcome, clock: (hours: number) => string): TeamChoiceRecord[] {
  const name = (id: string) => outcome.scenario.nations.find((nation) => nation.id === id)?.name ?? id;
  const decided = outcome.actions.filter((action): action is Extract<DrillAction, { type: 'decide' }> => action.type === 'decide');
  const firstAct = new Set(outcome.header.players.map((player) => decided.find((action) => action.nation === player && action.kind === 'act')).filter((action) => action !== undefined));
  const choices: TeamChoiceRecord[] = decided.map((action) => {
    const base = { source: 'decision' as const, nation: action.nation, kind: action.kind, choice: action.choice, atHours: action.atHours };
    if (action.kind === 'consent') {
      const next = decided.find((later) => later.atHours > action.atHours && later.nation === action.nation && later.kind === 'consent');
      return { ...base, ...consentConsequence(outcome, name, clock, action, next?.atHours ?? outcome.closedAtHours) };
    }
    if (firstAct.has(action)) return { ...base, ...milestoneConsequence(outcome, name(action.nation), action.nation, 'decideHours', 'decided to act', true) };
    if (action.kind === 'offer') return { ...base, ...milestoneConsequence(outcome, name(action.nation), action.nation, 'firstDeployHours', 'first units arrived', false) };
    return base;
  });
  for (const action of outcome.actions) {
    if (action.type === 'act' && action.lever !== undefined) choices.push({ source: 'own words', nation: action.nation, kind: action.lever, choice: action.text, atHours: action.atHours, consequence: { text: 'took effect in the simulation', kind: 'context' } });
  }
  return choices;
}

/** Hours of `interval` inside [from, to). */
function overlap(interval: PhaseInterval, from: number, to: number, closedAtHours: number): number {
  return Math.max(0, Math.min(interval.endHours ?? closedAtHours, to) - Math.max(interval.startHours, from));
}

function consentConsequence(
  outcome: DrillOutcome,
  name: (id: string) => string,
  clock: (hours: number) => string,
  action: Extract<DrillAction, { type: 'decide' }>,
  untilHours: number,
): Pick<TeamChoiceRecord, 'consequence'> {
  const waits = new Map<string, number>();
  for (const interval of outcome.drill.timeline) {
    if (interval.nation === action.nation || interval.stallCause === null || !KEPT_OUT.has(interval.stallCause)) continue;
    const hours = overlap(interval, action.atHours, untilHours, outcome.closedAtHours);
    if (hours > 0) waits.set(interval.nation, (waits.get(interval.nation) ?? 0) + hours);
  }
  const ranked = [...waits].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const span = `from ${clock(action.atHours)} to ${clock(untilHours)}`;
  if (ranked.length === 0) {
    return { consequence: { text: `${span}, no nation waited for consent`, kind: action.choice === 'open' ? 'strength' : 'context' } };
  }
  const longest = ranked[0]![1];
  const listed = joinProse(ranked.map(([nation, hours]) => `${name(nation)} ${durationText(hours)}`));
  const text = `${span}, ${ranked.length} ${ranked.length === 1 ? 'nation' : 'nations'} waited for consent (or in talks or mediation): ${listed}`;
  // Opening never keeps anyone out: waits after it are messages and processing, or other hosts.
  if (action.choice === 'open') return { consequence: { text, kind: longest < QUICK_STEP_HOURS ? 'strength' : 'context' } };
  return { consequence: { text, kind: longest >= LONG_STALL_HOURS ? 'improvement' : 'context' } };
}

function milestoneConsequence(outcome: DrillOutcome, nationName: string, nation: string, milestone: NationMilestone, what: string, judged: boolean): Pick<TeamChoiceRecord, 'consequence'> {
  const at = (run: ClosedRun) => run.metrics.nations[nation]?.[milestone] ?? null;
  const drill = at(outcome.drill);
  const baseline = at(outcome.engine);
  const when = (hours: number | null) => (hours === null ? 'not by the close' : `at T+${round1(hours)} h`);
  const text = `${nationName} ${what} ${when(drill)}; in the engine-only baseline ${when(baseline)}`;
  if (!judged || baseline === null) return { consequence: { text, kind: 'context' } };
  if (drill === null) return { consequence: { text, kind: 'improvement' } };
  const gap = drill - baseline;
  if (gap >= BASELINE_GAP_HOURS) return { consequence: { text: `${text} (${round1(gap)} h later)`, kind: 'improvement' } };
  if (gap <= -BASELINE_GAP_HOURS) return { consequence: { text: `${text} (${round1(-gap)} h earlier)`, kind: 'strength' } };
  return { consequence: { text, kind: 'context' } };
}
