import { basename } from 'node:path';
import { NATION_MILESTONES, type RunMetrics } from '../metrics/definitions.js';
import { markdownCode, markdownText } from '../report/markdown-text.js';
import type { Inject } from '../scenario/schema.js';
import { OBSERVATION_STATUSES, TASK_RATINGS } from './evaluation.js';
import type { DrillAction } from './log.js';
import type { DrillOutcome, TakenDecision } from './outcome.js';
import { addressedTo, clock, EXPECTED_ACTION_WINDOW_HOURS, one } from './view.js';

/**
 * The drill debrief, as Markdown, handed out beside the after-action report: the outcome
 * against the engine-only baseline (the same seed with every nation played by the engine), every team decision against the engine's
 * choice and timing, the MSEL's expected actions with what the teams did after each
 * inject, and the facilitator's log. Deterministic: the same log gives the same debrief,
 * with no wall-clock time in it.
 */
export function drillDebriefMarkdown(outcome: DrillOutcome): string {
  const { header } = outcome;
  const out: string[] = [];
  out.push(`# Drill debrief: ${markdownText(header.scenarioName)}`, '');
  out.push(
    `Drill of scenario ${markdownCode(header.scenario)} (${markdownText(header.scenarioHash)}), seed ${header.seed}, engine ${markdownText(`${header.engine.name} ${header.engine.version}`)}. ` +
      `Teams played ${markdownText(header.players.map((player) => nationLabel(outcome, player)).join(' and '))}; the engine played every other nation.`,
    '',
    `The run was closed at ${clock(outcome.closedAtHours)} of a ${header.horizonHours} h horizon: a milestone not reached by then reads "not reached". ` +
      `Decision log: ${markdownCode(basename(outcome.logPath))} (replay it with \`crisis-sim drill --resume\`).`,
    '',
  );
  out.push(...outcomeSection(outcome), '');
  out.push(...milestoneSection(outcome), '');
  out.push(...decisionSection(outcome), '');
  out.push(...expectedActionSection(outcome), '');
  out.push(...facilitatorSection(outcome.actions, outcome.undone));
  return `${out.join('\n').trimEnd()}\n`;
}

type Unit = 'hours' | 'amount' | 'count';

const RUN_ROWS: readonly [keyof RunMetrics, string, Unit][] = [
  ['firstResponseHours', 'first foreign response', 'hours'],
  ['needsMet50Hours', '50% of needs met', 'hours'],
  ['needsMet90Hours', '90% of needs met', 'hours'],
  ['unmetNeedHours', 'unmet need (unit-hours)', 'amount'],
  ['peakUnmetNeed', 'peak unmet need (units)', 'amount'],
  ['escalations', 'escalations', 'count'],
  ['attacks', 'attacks', 'count'],
];

function outcomeSection(outcome: DrillOutcome): string[] {
  const rows = RUN_ROWS.map(([key, label, unit]) => {
    const drill = outcome.drill.metrics[key] as number | null;
    const engine = outcome.engine.metrics[key] as number | null;
    return [label, value(drill, unit), value(engine, unit), difference(drill, engine, unit)];
  });
  return [
    '## Outcome: drill against the engine-only baseline',
    '',
    'The engine-only baseline uses the same scenario and seed with every nation played by the engine, and the facilitator\'s injects at the same times: the differences come from the teams\' decisions.',
    '',
    ...markdownTable(['metric', 'drill', 'engine-only baseline', 'drill minus baseline'], rows),
  ];
}

function milestoneSection(outcome: DrillOutcome): string[] {
  const rows: string[][] = [];
  for (const player of outcome.header.players) {
    const drill = outcome.drill.metrics.nations[player];
    const engine = outcome.engine.metrics.nations[player];
    if (!drill || !engine) continue;
    for (const milestone of NATION_MILESTONES) {
      const a = drill[milestone.name];
      const b = engine[milestone.name];
      if (a === null && b === null) continue;
      rows.push([player, milestone.description.replace(/\s*\(.*\)$/, ''), value(a, 'hours'), value(b, 'hours'), difference(a, b, 'hours')]);
    }
    const stalls = (metrics: typeof drill) => one(Object.values(metrics.stallHours).reduce((sum, hours) => sum + hours, 0));
    rows.push([player, 'hours stalled (all causes)', stalls(drill), stalls(engine), difference(Number(stalls(drill)), Number(stalls(engine)), 'amount')]);
  }
  return [
    '## Played nations: milestones (hours from onset)',
    '',
    ...(rows.length > 0 ? markdownTable(['nation', 'milestone', 'drill', 'engine-only baseline', 'drill minus baseline'], rows) : ['No played nation has milestones.']),
  ];
}

/** Key for matching the n-th decision of one kind by one nation (about one subject) across two runs. */
function decisionKey(decision: Pick<TakenDecision, 'nation' | 'kind' | 'subject'>): string {
  return `${decision.nation}/${decision.kind}/${decision.subject ?? ''}`;
}

function decisionSection(outcome: DrillOutcome): string[] {
  const engineByKey = new Map<string, TakenDecision[]>();
  for (const decision of outcome.engine.decisions) {
    const list = engineByKey.get(decisionKey(decision)) ?? [];
    list.push(decision);
    engineByKey.set(decisionKey(decision), list);
  }
  const seen = new Map<string, number>();
  const decided = outcome.actions.filter((action): action is Extract<DrillAction, { type: 'decide' }> => action.type === 'decide');
  let matches = 0;
  const rows = decided.map((action) => {
    const key = decisionKey(action);
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    const twin = engineByKey.get(key)?.[index];
    if (action.choice === action.recommended) matches++;
    return [
      `#${action.decision}`,
      one(action.atHours),
      action.nation,
      `${action.kind}${action.subject ? ` (${action.subject})` : ''}`,
      action.choice,
      action.choice === action.recommended ? `${action.recommended} (same)` : `${action.recommended} (differs)`,
      twin ? `${twin.choice} at ${one(twin.atHours)} h` : 'not asked',
    ];
  });
  if (rows.length === 0) return ['## Team decisions', '', 'The teams took no decision before the run was closed.'];
  return [
    '## Team decisions',
    '',
    `${matches} of ${rows.length} decisions matched what the engine would have chosen at that moment. ` +
      'The last column is the same decision (same nation, kind and subject, same occurrence) in the engine-only baseline: its choice and time.',
    '',
    ...markdownTable(['decision', 'at (h)', 'nation', 'kind', 'team chose', 'engine would choose here', 'engine-only baseline'], rows),
  ];
}

function expectedActionSection(outcome: DrillOutcome): string[] {
  const when = (inject: Inject) => outcome.drill.injects.find((occurrence) => occurrence.id === inject.id)?.atHours ?? inject.atHours;
  const withExpectations = outcome.injects.filter((inject) => inject.expectedAction !== '').sort((a, b) => when(a) - when(b));
  const out = ['## MSEL expected actions', ''];
  if (withExpectations.length === 0) return [...out, 'No inject of this drill states an expected action.'];
  out.push(
    `For each inject with an expected action: when it happened, and the decisions of the teams it addresses in the ${EXPECTED_ACTION_WINDOW_HOURS} h after it, ` +
      'for the facilitator to judge against the expectation.',
    '',
  );
  for (const inject of withExpectations) out.push(...expectationLines(outcome, inject), '');
  return out.slice(0, -1);
}

function expectationLines(outcome: DrillOutcome, inject: Inject): string[] {
  const happened = outcome.drill.injects.find((occurrence) => occurrence.id === inject.id);
  const firedAt = outcome.actions.findIndex((action) => (action.type === 'fire' && action.inject === inject.id) || (action.type === 'inject' && action.inject['id'] === inject.id));
  const when = !happened
    ? `did not happen before the run closed (scheduled at ${one(inject.atHours)} h)`
    : firedAt >= 0 && outcome.actions[firedAt]!.type === 'fire'
      ? `fired early by the facilitator at ${one(happened.atHours)} h (scheduled at ${one(inject.atHours)} h)`
      : firedAt >= 0
        ? `written by the facilitator at ${one(happened.atHours)} h`
        : `happened at ${one(happened.atHours)} h`;
  const lines = [
    `### ${markdownText(`${inject.id}: ${inject.title}`)}`,
    '',
    `- When: ${when}`,
    `- To: ${markdownText(inject.to || 'all players')}`,
    `- Expected action: ${markdownText(inject.expectedAction)}`,
  ];
  if (!happened) return lines;
  const addressed = outcome.header.players.filter((player) => addressedTo(inject.to, player, nationName(outcome, player)));
  // Injects the facilitator fired count from their place in the log; scheduled ones from their time.
  const after = outcome.actions
    .filter((action, index) => (firedAt >= 0 ? index > firedAt : action.atHours >= happened.atHours))
    .filter((action) => (action.type === 'decide' && addressed.includes(action.nation)) || action.type === 'note')
    .filter((action) => action.atHours <= happened.atHours + EXPECTED_ACTION_WINDOW_HOURS);
  if (after.length === 0) lines.push(`- What the teams did: no decision or note from ${markdownText(addressed.join(', ') || 'any team')} in the ${EXPECTED_ACTION_WINDOW_HOURS} h after it`);
  else {
    lines.push('- What the teams did:');
    for (const action of after) lines.push(`  - ${one(action.atHours)} h: ${markdownText(actionText(action))}`);
  }
  return lines;
}

function facilitatorSection(actions: readonly DrillAction[], undone: readonly DrillAction[]): string[] {
  const out = ['## Facilitator log', ''];
  const shown = actions.filter((action) => action.type === 'fire' || action.type === 'inject' || action.type === 'note');
  if (shown.length === 0) out.push('No injects fired or written, and no notes.');
  for (const action of shown) out.push(`- ${one(action.atHours)} h: ${markdownText(actionText(action))}`);
  if (undone.length > 0) {
    out.push('', `Decisions taken and then undone (${undone.length}):`, '');
    for (const action of undone) out.push(`- ${one(action.atHours)} h: ${markdownText(actionText(action))}`);
  }
  return out;
}

/** One logged action in a sentence safe for the room: a decision without the engine's choice. */
export function roomText(action: DrillAction): string {
  return action.type === 'decide' ? `${action.nation} decided ${action.kind}${action.subject ? ` (${action.subject})` : ''}: ${action.choice}` : actionText(action);
}

/** One logged action in a sentence. */
export function actionText(action: DrillAction): string {
  switch (action.type) {
    case 'decide':
      return `${action.nation} decided ${action.kind}${action.subject ? ` (${action.subject})` : ''}: ${action.choice} (decision #${action.decision}; engine's choice ${action.recommended})`;
    case 'advance':
      return `time ran on (until ${one(action.untilHours)} h or the next decision)`;
    case 'fire':
      return `delivered MSEL inject ${action.inject}`;
    case 'skip':
      return `skipped MSEL inject ${action.inject}${action.reason ? ` (${action.reason})` : ''}`;
    case 'retime':
      return `re-timed MSEL inject ${action.inject} to ${one(action.dueHours)} h`;
    case 'inject': {
      const effect = action.inject['effect'] as { type?: string } | undefined;
      return `new inject ${String(action.inject['id'])} (${effect?.type ?? 'none'}): ${String(action.inject['title'])}`;
    }
    case 'rate':
      return `rated ${action.task} ${action.rating} (${TASK_RATINGS[action.rating]})${action.observation ? `: ${action.observation}` : ''}`;
    case 'observe':
      return `expected action of ${action.inject} ${OBSERVATION_STATUSES[action.status]}${action.what ? `: ${action.what}` : ''}`;
    case 'act':
      return `${action.nation} acted: ${action.text}${action.lever ? ` (engine lever: ${action.lever})` : ''}`;
    case 'plan':
      return `improvement plan imported (${action.rows.length} rows)`;
    case 'note':
      return `${action.kind === 'hotwash' ? 'hot-wash note' : 'note'}: ${action.text}`;
    case 'undo':
      return 'undo';
    case 'end':
      return 'drill ended';
    default: {
      const exhaustive: never = action;
      throw new Error(`unknown drill action ${JSON.stringify(exhaustive)}`);
    }
  }
}

function nationName(outcome: DrillOutcome, id: string): string {
  return outcome.scenario.nations.find((nation) => nation.id === id)?.name ?? id;
}

function nationLabel(outcome: DrillOutcome, id: string): string {
  return `${nationName(outcome, id)} (${id})`;
}

function value(amount: number | null, unit: Unit): string {
  if (amount === null) return 'not reached';
  return unit === 'hours' ? `${one(amount)} h` : unit === 'count' ? String(amount) : one(amount);
}

function difference(drill: number | null, engine: number | null, unit: Unit): string {
  if (drill === null || engine === null) return drill === engine ? 'same' : 'n/a';
  const delta = Math.round((drill - engine) * 10) / 10;
  if (delta === 0) return 'same';
  const sign = delta > 0 ? '+' : '';
  if (unit === 'hours') return `${sign}${delta.toFixed(1)} h ${delta > 0 ? 'later' : 'earlier'}`;
  return unit === 'count' ? `${sign}${delta}` : `${sign}${delta.toFixed(1)}`;
}

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(markdownText).join(' | ')} |`)];
}
