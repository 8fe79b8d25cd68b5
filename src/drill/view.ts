import { addressedTo } from '../scenario/addressing.js';
import type { Simulation } from '../engine/simulation.js';
import { STALL_CAUSE_BY_STATE } from '../metrics/definitions.js';
import type { PhaseInterval } from '../metrics/recorder.js';
import type { Inject } from '../scenario/schema.js';
import type { HeldInject, InjectOccurrence } from './replay.js';
import type { Style } from './style.js';

/**
 * What the drill screen shows, as plain text: the situation, the decision waiting, a
 * nation's status and the MSEL. Pure functions of the run, so the screen, the transcript
 * and the tests all see the same words.
 */

/** `T+20.2 h (day 1)`: simulated time from onset; day 1 is the first 24 hours. */
export function clock(hours: number): string {
  return `T+${one(hours)} h (day ${Math.floor(hours / 24) + 1})`;
}

/** One decimal. */
export function one(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1);
}

/** `search-rescue 2, medical 4` for a nation's units in theatre, or `none`. */
export function unitsText(units: Readonly<Record<string, number>> | undefined): string {
  const parts = Object.entries(units ?? {}).filter(([, count]) => count > 0).map(([capability, count]) => `${capability} ${count}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** The phase a nation is in now (its last open interval). */
export function currentPhase(sim: Simulation, nation: string): PhaseInterval | undefined {
  const intervals = sim.recorder.intervals;
  for (let index = intervals.length - 1; index >= 0; index--) {
    const interval = intervals[index]!;
    if (interval.nation === nation && interval.endHours === null) return interval;
  }
  return undefined;
}

/** An MSEL expected action that applies to a nation's decision. */
export interface ExpectedAction {
  injectId: string;
  atHours: number;
  to: string;
  action: string;
}

/** Hours after an inject during which its expected action applies to the decisions of the teams it addresses. */
export const EXPECTED_ACTION_WINDOW_HOURS = 24;

/**
 * The latest inject of the last {@link EXPECTED_ACTION_WINDOW_HOURS} that is addressed to
 * this nation (its `to` names the nation's id or name, says "all", or is empty) and gives
 * an expected action.
 */
export function expectedActionFor(
  nationId: string,
  nationName: string,
  nowHours: number,
  happened: readonly InjectOccurrence[],
  injects: readonly Inject[],
): ExpectedAction | undefined {
  for (let index = happened.length - 1; index >= 0; index--) {
    const occurrence = happened[index]!;
    if (occurrence.atHours < nowHours - EXPECTED_ACTION_WINDOW_HOURS) return undefined;
    const inject = injects.find((candidate) => candidate.id === occurrence.id);
    if (!inject || inject.expectedAction === '' || !addressedTo(inject.to, nationId, nationName)) continue;
    return { injectId: inject.id, atHours: occurrence.atHours, to: inject.to, action: inject.expectedAction };
  }
  return undefined;
}

/** Whether an MSEL `to` field addresses this nation (shared with the scenario lint). */
export { addressedTo } from '../scenario/addressing.js';

/** One nation in detail: role, state and since when, units, budget, host policy, its phases so far. */
export function nationStatusText(sim: Simulation, nationId: string, players: readonly string[], style: Style): string {
  const nation = sim.nation(nationId);
  const world = sim.world.state;
  const isHost = sim.hosts.has(nationId);
  const role = `${isHost ? 'host' : 'contributor'}, ${players.includes(nationId) ? 'played by a team' : 'played by the engine'}`;
  const lines = [style.heading(`${nation.name} (${nationId}): ${role}`)];
  const phase = currentPhase(sim, nationId);
  const cause = phase ? STALL_CAUSE_BY_STATE[phase.state] : undefined;
  lines.push(`  state: ${phase ? `${words(phase.state)} since T+${one(phase.startHours)} h${cause ? ` (stalled: ${cause})` : ''}` : 'no resources to contribute'}`);
  lines.push(`  in theatre: ${unitsText(world.deployed[nationId])}`);
  lines.push(`  budget left: ${one(world.budgetsMusd[nationId] ?? 0)} MUSD`);
  if (isHost) {
    const cap = nation.sovereignty.foreignPersonnelCap;
    lines.push(`  consent policy: ${world.hostPolicy[nationId] ?? 'undecided'}; foreign personnel ${world.foreignPersonnel[nationId] ?? 0} (cap ${cap ?? 'none'}); intelligence sharing ${world.intelligenceSharing[nationId] ?? 'none'}`);
  }
  const phases = sim.recorder.intervals.filter((interval) => interval.nation === nationId);
  if (phases.length > 0) {
    lines.push('  phases so far:');
    for (const interval of phases) {
      const until = interval.endHours === null ? 'now' : one(interval.endHours);
      lines.push(`    ${one(interval.startHours).padStart(6)} - ${until.padEnd(6)} ${words(interval.state)}${interval.stallCause ? ` (stall: ${interval.stallCause})` : ''}`);
    }
  }
  return lines.join('\n');
}

/** Every nation on one line: who plays it and where it stands. */
export function overviewText(sim: Simulation, players: readonly string[], style: Style): string {
  const rows = sim.scenario.nations.map((nation) => {
    const phase = currentPhase(sim, nation.id);
    const cause = phase ? STALL_CAUSE_BY_STATE[phase.state] : undefined;
    return [
      nation.id,
      players.includes(nation.id) ? 'team' : 'engine',
      phase ? words(phase.state) : '-',
      cause ?? '',
      unitsText(sim.world.state.deployed[nation.id]),
    ];
  });
  return [style.heading('Nations (status <id> for one in detail)'), indent(table(['nation', 'played by', 'state', 'stalled by', 'in theatre'], rows))].join('\n');
}

/** The MSEL: injects still to come (deliver them early with `deliver <id>`) and those that happened. */
export function mselText(upcoming: readonly HeldInject[], happened: readonly InjectOccurrence[], notFired: readonly InjectOccurrence[], style: Style): string {
  const lines = [style.heading('MSEL injects')];
  lines.push('  Still to come (deliver <id> to deliver one now):');
  if (upcoming.length === 0) lines.push('    none');
  for (const { inject, dueHours } of upcoming) {
    lines.push(`    T+${one(dueHours)} h  ${inject.id}: ${inject.title}${inject.to ? ` (to ${inject.to})` : ''}`);
    if (inject.expectedAction) lines.push(`      expected action: ${inject.expectedAction}`);
  }
  lines.push('  Happened:');
  if (happened.length === 0) lines.push('    none yet');
  for (const occurrence of happened) lines.push(`    T+${one(occurrence.atHours)} h  ${occurrence.id}: ${occurrence.title}`);
  if (notFired.length > 0) lines.push('  Not fired (condition false at their time):');
  for (const lapse of notFired) lines.push(`    T+${one(lapse.atHours)} h  ${lapse.id}: ${lapse.title}`);
  return lines.join('\n');
}

/** `awaitingConsent` -> `awaiting consent`. */
export function words(camelCase: string): string {
  return camelCase.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A plain-text table with aligned columns and a dashed rule under the header. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
