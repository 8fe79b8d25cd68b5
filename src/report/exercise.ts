import { OBSERVATION_STATUSES, TASK_RATINGS, type Evaluation } from '../scenario/exercise.js';
import type { Scenario } from '../scenario/schema.js';
import type { Block, ListItem, Section } from './document.js';
import type { Finding } from './findings.js';
import type { ExerciseRecord, ImprovementRow, TeamChoiceRecord } from './input.js';

/**
 * The after-action report's exercise sections (HSEEP AAR/IP): overview, objectives with
 * their ratings, strengths and areas for improvement per core capability drawn from the
 * evaluators' ratings and observations and the teams' own decisions and actions, the
 * facilitator's and hot-wash notes, and the Improvement Plan matrix.
 */


/** The Improvement Plan's columns, in the HSEEP order; `ip export` writes them as the CSV header. */
export const IMPROVEMENT_COLUMNS = [
  ['id', 'Id'],
  ['capability', 'Core Capability'],
  ['issue', 'Issue / Area for Improvement'],
  ['correctiveAction', 'Corrective Action'],
  ['organization', 'Primary Responsible Organization'],
  ['contact', 'Point of Contact'],
  ['startDate', 'Start Date'],
  ['completionDate', 'Completion Date'],
] as const satisfies readonly (readonly [keyof ImprovementRow, string])[];

/** Latest rating of each critical task. */
function latestRatings(record: ExerciseRecord): Map<string, ExerciseRecord['ratings'][number]> {
  return new Map(record.ratings.map((rating) => [rating.task, rating]));
}

export function overviewSection(scenario: Scenario, players: readonly string[], record: ExerciseRecord): Section {
  const name = (id: string) => scenario.nations.find((nation) => nation.id === id)?.name ?? id;
  const items: [string, string][] = [
    ['exercise', scenario.name],
    ['teams', players.map((player) => `${name(player)} (${player})`).join(', ')],
    ['played by the engine', scenario.nations.filter((nation) => !players.includes(nation.id)).map((nation) => nation.name).join(', ')],
    ['play', `from onset to ${record.clock(record.closedAtHours)}`],
  ];
  if (scenario.briefing?.purpose) items.push(['purpose', scenario.briefing.purpose]);
  if (scenario.briefing?.scope) items.push(['scope', scenario.briefing.scope]);
  for (const module of scenario.modules ?? []) items.push([module.title, `until ${record.clock(module.endHours)}`]);
  return { id: 'overview', title: 'Exercise overview', blocks: [{ type: 'definitions', items }] };
}

export function objectivesSection(evaluation: Evaluation | undefined, record: ExerciseRecord): Section {
  if (!evaluation) {
    return { id: 'objectives', title: 'Objectives and ratings', blocks: [{ type: 'paragraph', text: 'The scenario has no evaluation guide (evaluation.objectives), so no critical task was rated.' }] };
  }
  const ratings = latestRatings(record);
  const rows = evaluation.objectives.flatMap((objective) =>
    objective.capabilities.flatMap((capability) =>
      capability.tasks.map((task) => {
        const rated = ratings.get(task.id);
        return [objective.objective, capability.capability, task.task, rated ? `${rated.rating}: ${TASK_RATINGS[rated.rating]}` : 'not rated', rated?.observation ?? ''];
      }),
    ),
  );
  return {
    id: 'objectives',
    title: 'Objectives and ratings',
    blocks: [
      { type: 'paragraph', text: 'Each critical task as the evaluators rated it: P performed without challenges, S with some challenges, M with major challenges, U unable to be performed.' },
      { type: 'table', caption: 'Objectives, core capabilities and critical tasks', header: ['objective', 'core capability', 'critical task', 'rating', 'observation'], rows },
    ],
  };
}

/** The core capability each team choice kind is filed under: the first whose critical tasks name it in `decisions:`. */
export function choiceCapabilities(evaluation: Evaluation | undefined): Map<string, string> {
  const filed = new Map<string, string>();
  for (const objective of evaluation?.objectives ?? []) {
    for (const capability of objective.capabilities) {
      for (const task of capability.tasks) for (const kind of task.decisions ?? []) if (!filed.has(kind)) filed.set(kind, capability.capability);
    }
  }
  return filed;
}

/** A team choice in words: `Day 2, 04:00 (T+11 h), hti team chose "closed" (consent decision)`, or the team's own words. */
export function teamChoiceText(choice: TeamChoiceRecord, clock: (hours: number) => string): string {
  return choice.source === 'decision'
    ? `${clock(choice.atHours)}, ${choice.nation} team chose "${choice.choice}" (${choice.kind} decision)`
    : `${clock(choice.atHours)}, ${choice.nation} team: "${choice.choice}" (${choice.kind}, in its own words)`;
}

function teamChoiceItem(choice: TeamChoiceRecord, clock: (hours: number) => string): ListItem {
  return { text: `Team choice: ${teamChoiceText(choice, clock)}.`, details: choice.consequence ? [choice.consequence.text] : [] };
}

/**
 * Per core capability: strengths (tasks rated P or S, expected actions observed, team
 * choices whose consequences helped) and areas for improvement (M or U, expected actions
 * partly or not observed, team choices whose consequences cost time), from the evaluators
 * and the teams' own choices (filed by the critical tasks' `decisions:`), then the other
 * team choices filed there. A last section holds the teams' actions, choices no task files
 * and what the simulation shows of the teams' nations. What engine-played nations did is
 * kept apart, as context.
 */
export function capabilitySections(scenario: Scenario, players: readonly string[], record: ExerciseRecord, findings: readonly Finding[]): Section[] {
  const ratings = latestRatings(record);
  const byCapability = new Map<string, { strengths: ListItem[]; improvements: ListItem[]; choices: ListItem[] }>();
  const entry = (capability: string) => {
    const found = byCapability.get(capability) ?? { strengths: [], improvements: [], choices: [] };
    byCapability.set(capability, found);
    return found;
  };
  const filedUnder = choiceCapabilities(scenario.evaluation);
  for (const objective of scenario.evaluation?.objectives ?? []) {
    for (const capability of objective.capabilities) {
      const lists = entry(capability.capability);
      for (const task of capability.tasks) {
        const rated = ratings.get(task.id);
        if (rated) {
          const item = { text: `${task.task}: ${TASK_RATINGS[rated.rating]} (${rated.rating}).`, details: rated.observation ? [rated.observation] : [] };
          (rated.rating === 'P' || rated.rating === 'S' ? lists.strengths : lists.improvements).push(item);
        }
        for (const observation of record.observations) {
          if (observation.tasks.includes(task.id)) (observation.status === 'observed' ? lists.strengths : lists.improvements).push(observationItem(observation));
        }
      }
    }
  }
  const unfiled: TeamChoiceRecord[] = [];
  for (const choice of record.teamChoices) {
    const capability = filedUnder.get(choice.kind);
    if (capability === undefined) {
      unfiled.push(choice);
      continue;
    }
    const lists = entry(capability);
    const kind = choice.consequence?.kind ?? 'context';
    (kind === 'strength' ? lists.strengths : kind === 'improvement' ? lists.improvements : lists.choices).push(teamChoiceItem(choice, record.clock));
  }
  const sections: Section[] = [...byCapability].map(([capability, lists], index) => ({
    id: `capability-${index + 1}`,
    title: `Core capability: ${capability}`,
    blocks: [
      { type: 'paragraph', text: `Strengths (${lists.strengths.length}):` },
      lists.strengths.length > 0 ? { type: 'list', items: lists.strengths } : { type: 'paragraph', text: 'None recorded.' },
      { type: 'paragraph', text: `Areas for improvement (${lists.improvements.length}):` },
      lists.improvements.length > 0 ? { type: 'list', items: lists.improvements } : { type: 'paragraph', text: 'None recorded.' },
      ...(lists.choices.length > 0 ? [{ type: 'paragraph' as const, text: `The teams' other choices here (${lists.choices.length}), with what followed:` }, { type: 'list' as const, items: lists.choices }] : []),
    ],
  }));
  const teamFindings = findings.filter((finding) => players.includes(finding.subject));
  const teamBlocks: Block[] = [];
  // Expected actions of injects that test no critical task (e.g. written live) are evaluated here.
  const untied = record.observations.filter((observation) => !observation.tasks.some((task) => criticalTaskIds(scenario).has(task)));
  if (untied.length > 0) {
    teamBlocks.push({ type: 'paragraph', text: 'Expected actions of injects that test no critical task:' });
    teamBlocks.push({ type: 'list', items: untied.map((observation) => ({ ...observationItem(observation), className: observation.status === 'observed' ? 'strength' : 'improvement' })) });
  }
  if (unfiled.length > 0) {
    teamBlocks.push({ type: 'paragraph', text: "The teams' choices no critical task files (a task's decisions: list names the kinds it is about):" });
    teamBlocks.push({ type: 'list', items: unfiled.map((choice) => teamChoiceItem(choice, record.clock)) });
  }
  if (record.actions.length > 0) {
    teamBlocks.push({ type: 'paragraph', text: 'Actions the teams took in their own words:' });
    teamBlocks.push({
      type: 'list',
      items: record.actions.map((action) => ({ text: `${record.clock(action.atHours)}, ${action.nation}: ${action.text}${action.lever ? ` (took effect in the simulation: ${action.lever})` : ''}` })),
    });
  }
  teamBlocks.push({ type: 'paragraph', text: `What the simulation shows of the teams' nations (${teamFindings.length}):` });
  teamBlocks.push(teamFindings.length > 0 ? { type: 'list', items: teamFindings.map(findingItem) } : { type: 'paragraph', text: 'Nothing beyond the ratings above.' });
  sections.push({ id: 'teams', title: 'The teams\' decisions and actions', blocks: teamBlocks });
  return sections;
}

function observationItem(observation: ExerciseRecord['observations'][number]): ListItem {
  const expected = observation.expectedAction ? ` (${observation.expectedAction})` : '';
  return { text: `Expected action after "${observation.title}"${expected}: ${OBSERVATION_STATUSES[observation.status]}.`, details: observation.what ? [`What the team did: ${observation.what}`] : [] };
}

/** The ids of the evaluation guide's critical tasks. */
function criticalTaskIds(scenario: Scenario): Set<string> {
  return new Set((scenario.evaluation?.objectives ?? []).flatMap((objective) => objective.capabilities.flatMap((capability) => capability.tasks.map((task) => task.id))));
}

function findingItem(finding: Finding): ListItem {
  return { text: finding.statement, details: finding.reasons, className: finding.kind };
}

export function notesSection(record: ExerciseRecord): Section {
  const list = (kind: 'note' | 'hotwash'): Block => {
    const items = record.notes.filter((note) => note.kind === kind).map((note) => ({ text: `${record.clock(note.atHours)}: ${note.text}` }));
    return items.length > 0 ? { type: 'list', items } : { type: 'paragraph', text: 'None.' };
  };
  const blocks: Block[] = [{ type: 'paragraph', text: 'Facilitator\'s notes:' }, list('note'), { type: 'paragraph', text: 'Hot wash:' }, list('hotwash')];
  if (record.skipped.length > 0) {
    blocks.push({ type: 'paragraph', text: 'Injects skipped:' });
    blocks.push({ type: 'list', items: record.skipped.map((skip) => ({ text: `${skip.inject} at ${record.clock(skip.atHours)}${skip.reason ? `: ${skip.reason}` : ''}` })) });
  }
  return { id: 'notes', title: 'Notes and hot wash', blocks };
}

export function improvementPlanSection(record: ExerciseRecord): Section {
  const rows = record.plan.map((row) => IMPROVEMENT_COLUMNS.slice(1).map(([field]) => row[field] || '—'));
  return {
    id: 'improvement-plan',
    title: 'Improvement Plan',
    blocks: [
      {
        type: 'paragraph',
        text:
          record.plan.length === 0
            ? 'No area for improvement was recorded, so the plan is empty.'
            : 'One row per area for improvement. The planning team fills in the corrective actions, owners and dates: crisis-sim ip export <drill log> -o ip.csv, edit, then crisis-sim ip import <drill log> ip.csv and build the report again.',
      },
      ...(record.plan.length > 0 ? [{ type: 'table' as const, caption: 'Improvement Plan matrix', header: IMPROVEMENT_COLUMNS.slice(1).map(([, label]) => label), rows }] : []),
    ],
  };
}
