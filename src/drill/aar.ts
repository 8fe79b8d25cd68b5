import { basename } from 'node:path';
import type { ExerciseRecord, ImprovementRow, ReportInput } from '../report/input.js';
import { DrillError } from './errors.js';
import { criticalTasksOf } from './evaluation.js';
import type { DrillAction } from './log.js';
import { closeDrill, type DrillOutcome } from './outcome.js';
import { liveInjectOf } from './replay.js';
import { DrillSession } from './session.js';
import { readClock } from './scenario-clock.js';
import { teamChoicesOf } from './team-choices.js';
import { choiceCapabilities, teamChoiceText } from '../report/exercise.js';

/**
 * The after-action report's input for a closed drill: the drill run, the engine-only
 * baseline, and the exercise record (ratings, observations, the teams' own actions, notes,
 * the Improvement Plan) read from the log. The same log gives the same report, byte for byte.
 */
export function aarInput(outcome: DrillOutcome): ReportInput {
  const decisions = outcome.actions.flatMap((action) =>
    action.type === 'decide' ? [{ atHours: action.atHours, nation: action.nation, kind: action.kind, choice: action.choice, recommended: action.recommended }] : [],
  );
  return {
    scenario: outcome.scenario,
    result: outcome.drill.result,
    trace: outcome.drill.trace,
    needs: outcome.drill.needs,
    drill: { players: [...outcome.header.players], decisions, exercise: exerciseRecord(outcome) },
    comparison: {
      label: 'engine-only baseline',
      note: 'The baseline is the same scenario and seed with every nation played by the engine and the same injects delivered: a reference point, not the right answer.',
      result: outcome.engine.result,
    },
  };
}

/**
 * The after-action report input of a drill log, straight from the file: the log is
 * replayed (and checked) read-only and closed where the facilitator left it.
 */
export function aarInputOfLog(logPath: string): ReportInput {
  const session = DrillSession.load(logPath);
  if (session.pending().length > 0) {
    throw new DrillError(`${logPath}: the drill stops at a decision waiting (${session.pending()[0]!.nation} ${session.pending()[0]!.kind}); resume it, answer, then report`);
  }
  if (session.now <= 0) throw new DrillError(`${logPath}: nothing has happened in this drill yet`);
  return aarInput(closeDrill(session));
}

function exerciseRecord(outcome: DrillOutcome): ExerciseRecord {
  const { actions, scenario } = outcome;
  const pick = <T extends DrillAction['type']>(type: T) => actions.filter((action): action is Extract<DrillAction, { type: T }> => action.type === type);
  const ratings = pick('rate').map(({ task, rating, observation, atHours }) => ({ task, rating, observation, atHours }));
  // MSEL injects and those written live: an observation of either reads with its expected action.
  const injects = new Map([...scenario.injects, ...pick('inject').map(liveInjectOf)].map((inject) => [inject.id, inject]));
  const observations = pick('observe').map(({ inject, status, what, atHours }) => {
    const observed = injects.get(inject);
    return { inject, title: observed?.title ?? inject, expectedAction: observed?.expectedAction ?? '', tasks: [...(observed?.tasks ?? [])], status, what, atHours };
  });
  const log = basename(outcome.logPath);
  const clock = (hours: number) => readClock(hours, scenario.clock).text;
  const teamChoices = teamChoicesOf(outcome, clock);
  return {
    clock,
    reproduce: `crisis-sim report ${log} -o aar.html (replays the drill log; crisis-sim drill --resume ${log} goes on playing it)`,
    closedAtHours: outcome.closedAtHours,
    ratings,
    observations,
    actions: pick('act').map(({ nation, text, lever, atHours }) => ({ nation, text, atHours, ...(lever !== undefined ? { lever } : {}) })),
    teamChoices,
    notes: pick('note').map(({ text, kind, atHours }) => ({ text, kind: kind ?? 'note', atHours })),
    skipped: pick('skip').map(({ inject, reason, atHours }) => ({ inject, reason, atHours })),
    plan: improvementPlan(outcome, { ratings, observations, teamChoices }, pick('plan').at(-1)?.rows ?? []),
  };
}

/**
 * One Improvement Plan row per area for improvement: each critical task rated M or U, each
 * expected action partly or not observed, and each team choice whose consequence is an area
 * for improvement (under the core capability that files its kind). Rows the planning team
 * filled in (imported with `ip import`) keep what they wrote; rows they added stay too.
 */
export function improvementPlan(
  outcome: Pick<DrillOutcome, 'scenario'>,
  { ratings, observations, teamChoices }: Pick<ExerciseRecord, 'ratings' | 'observations' | 'teamChoices'>,
  filled: readonly ImprovementRow[],
): ImprovementRow[] {
  const tasks = criticalTasksOf(outcome.scenario.evaluation);
  const latest = new Map(ratings.map((rating) => [rating.task, rating]));
  const blank = { correctiveAction: '', organization: '', contact: '', startDate: '', completionDate: '' };
  const drawn: ImprovementRow[] = [];
  for (const task of tasks) {
    const rated = latest.get(task.id);
    if (rated && (rated.rating === 'M' || rated.rating === 'U')) {
      drawn.push({ id: `task:${task.id}`, capability: task.capability, issue: `${task.task} (rated ${rated.rating})${rated.observation ? `: ${rated.observation}` : ''}`, ...blank });
    }
  }
  for (const observation of new Map(observations.map((entry) => [entry.inject, entry])).values()) {
    if (observation.status === 'observed') continue;
    const objective = outcome.scenario.injects.find((candidate) => candidate.id === observation.inject)?.objective ?? '';
    const capability = tasks.find((task) => observation.tasks.includes(task.id))?.capability ?? objective;
    const expected = observation.expectedAction || observation.title;
    drawn.push({ id: `inject:${observation.inject}`, capability, issue: `Expected action ${observation.status === 'partly' ? 'partly observed' : 'not observed'}: ${expected}${observation.what ? ` (the team: ${observation.what})` : ''}`, ...blank });
  }
  const filedUnder = choiceCapabilities(outcome.scenario.evaluation);
  const seen = new Map<string, number>();
  for (const choice of teamChoices) {
    // The n-th choice of this kind by this nation: an id that stays while the log does.
    const key = `${choice.nation}:${choice.kind}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    const capability = filedUnder.get(choice.kind);
    if (choice.consequence?.kind !== 'improvement' || capability === undefined) continue;
    drawn.push({ id: `choice:${key}:${seen.get(key)}`, capability, issue: `${teamChoiceText(choice, (hours) => readClock(hours, outcome.scenario.clock).text)}: ${choice.consequence.text}`, ...blank });
  }
  const byId = new Map(filled.map((row) => [row.id, row]));
  const merged = drawn.map((row) => ({ ...row, ...byId.get(row.id) }));
  const extra = filled.filter((row) => !drawn.some((drawnRow) => drawnRow.id === row.id));
  return [...merged, ...extra];
}
