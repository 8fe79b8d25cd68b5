import type { Evaluation } from '../scenario/exercise.js';
import { TASK_RATINGS } from './evaluation.js';
import type { DrillAction } from './log.js';
import { hoursFigure } from './scenario-clock.js';
import type { DecisionView, DrillView, InjectCard, ModuleView, SituationView } from './session-view.js';
import type { Style } from './style.js';
import { one, table, words } from './view.js';

/**
 * The terminal's rendering of a {@link DrillView}: plain text, the same words whatever the
 * colour, so the screen, a transcript and the tests read alike.
 */
export function viewText(view: DrillView, style: Style): string {
  const lines = [situationText(view, style)];
  for (const card of view.due) lines.push('', injectCardText(card, style));
  if (view.moduleEnded) lines.push('', moduleEndText(view.moduleEnded, view, style));
  view.decisions.forEach((decision, index) => {
    if (index === 0) lines.push('', decisionText(decision, style));
  });
  if (view.decisions.length > 1) {
    lines.push(`Also waiting: ${view.decisions.slice(1).map((decision) => `#${decision.id} (${decision.nation} ${decision.kind})`).join(', ')}; answer one with: decide <id> <option>`);
  }
  if (view.controller) {
    const next = view.controller.upcoming.find((card) => card.scheduled.hours >= view.clock.hours && !view.due.some((due) => due.id === card.id));
    for (const lapse of view.controller.notFired.filter((entry) => entry.sinceLastStop)) {
      lines.push(style.quiet(`[controller] inject ${lapse.id} not fired (condition false) at ${lapse.clock.text}: "${lapse.title}"`));
    }
    lines.push(style.quiet(`[controller] next MSEL inject: ${next ? `${next.id} at ${next.clock.text}, "${next.title}"` : 'none left'}; state ${view.controller.fingerprint}`));
  }
  lines.push(style.quiet(hint(view)));
  return lines.join('\n');
}

/** What to type next, in one line. */
function hint(view: DrillView): string {
  if (view.due.length > 0) return 'Read the inject out, then: deliver, skip [reason], or retime <time> (e.g. retime +6h).';
  if (view.decisions.length > 0) return `Answer with the option's name or number, e.g. "${view.decisions[0]!.options[0]!.option}" or "1".`;
  if (view.atHorizon) return `The run reached its horizon (T+${view.horizonHours} h). Type end for the after-action report, or undo.`;
  return 'No decision is waiting. Press Enter to run to the next decision or inject (help lists the commands).';
}

function situationText(view: DrillView, style: Style): string {
  const situation: SituationView = view.situation;
  const lines: string[] = [];
  const module = view.module ? ` -- ${view.module.title}` : '';
  lines.push(style.heading(`== ${view.clock.text} -- ${view.scenario.name}${module} ==`));
  lines.push(`Needs: ${situation.coveragePercent}% met overall${situation.acutePhaseOver ? ' (acute phase over)' : ''}`);
  const rows = situation.needs.map((need) => [need.capability, one(need.needNow), String(need.unitsInTheatre)]);
  lines.push(indent(table(['capability', 'need now', 'units in theatre'], rows)));
  const units = (record: Record<string, number>) =>
    Object.entries(record)
      .filter(([, count]) => count > 0)
      .map(([capability, count]) => `${capability} ${count}`)
      .join(', ');
  lines.push(`Deployed: ${situation.deployed.length > 0 ? situation.deployed.map((entry) => `${entry.nation} (${units(entry.units)})`).join('; ') : 'nobody yet'}`);
  lines.push(situation.stalled.length > 0 ? `Stalled (${situation.stalled.length}):` : 'Stalled: nobody');
  for (const entry of situation.stalled) lines.push(`  ${entry.nation} ${words(entry.state)} since T+${hoursFigure(entry.sinceHours)} h (cause: ${entry.cause})`);
  lines.push(`Hosts: ${situation.hosts.map((entry) => `${entry.host} consent policy ${entry.policy}`).join('; ')}`);
  return lines.join('\n');
}

/** An inject card: what the facilitator reads out, boxed so the room sees it is an inject. */
export function injectCardText(card: InjectCard, style: Style): string {
  const lines = [style.heading(`+-- INJECT ${card.id}: ${card.title}`)];
  lines.push(`|  time:    ${card.clock.text}${card.scheduled.hours !== card.clock.hours ? ` (scheduled ${card.scheduled.text})` : ''}`);
  if (card.from) lines.push(`|  from:    ${card.from}`);
  if (card.to) lines.push(`|  to:      ${card.to}`);
  if (card.mode) lines.push(`|  mode:    ${card.mode}`);
  if (card.message) lines.push(`|  message: ${card.message}`);
  if (card.controller) {
    if (card.controller.expectedAction) lines.push(`|  [controller] expected action: ${card.controller.expectedAction}`);
    if (card.controller.tasks.length > 0) lines.push(`|  [controller] critical tasks: ${card.controller.tasks.join(', ')}`);
    if (card.controller.notes) lines.push(`|  [controller] notes: ${card.controller.notes}`);
  }
  lines.push('+--');
  return lines.join('\n');
}

function moduleEndText(module: ModuleView, view: DrillView, style: Style): string {
  const lines = [style.heading(`END OF MODULE at ${view.clock.text}: ${module.title}`)];
  if (module.questions.length === 0) lines.push('  Time for discussion.');
  else lines.push('  Discussion questions:');
  module.questions.forEach((question, index) => lines.push(`  ${index + 1}. ${question}`));
  lines.push('  Press Enter when the discussion is over to go on with the next module.');
  return lines.join('\n');
}

/** The decision waiting: who, what, each option with its known consequence; the engine's choice for controllers only. */
export function decisionText(decision: DecisionView, style: Style): string {
  const lines: string[] = [];
  const about = decision.subject ? `, about ${decision.subject}` : '';
  lines.push(style.heading(`DECISION #${decision.id} for ${decision.nationName} (${decision.nation}): ${decision.kind}${about}, asked at ${decision.askedAt.text}`));
  lines.push(`  ${decision.question}`);
  const width = Math.max(...decision.options.map((entry) => entry.option.length));
  decision.options.forEach((entry, index) => {
    const mark = entry.option === decision.engineChoice ? style.emphasis("  [controller] engine's choice") : '';
    lines.push(`  ${index + 1}) ${entry.option.padEnd(width)}  ${entry.consequence}${mark}`);
  });
  if (decision.detail) lines.push(`  [controller] ${decision.detail}`);
  const expected = decision.expectedAction;
  if (expected) lines.push(`  [evaluator] MSEL expects (after inject ${expected.injectId} at T+${hoursFigure(expected.atHours)} h${expected.to ? `, to ${expected.to}` : ''}): ${expected.action}`);
  return lines.join('\n');
}

/** The evaluation guide with the latest rating of each critical task (evaluators' screen). */
export function tasksText(evaluation: Evaluation | undefined, actions: readonly DrillAction[], style: Style): string {
  if (!evaluation) return 'The scenario has no evaluation guide (evaluation.objectives).';
  const latest = new Map<string, Extract<DrillAction, { type: 'rate' }>>();
  for (const action of actions) if (action.type === 'rate') latest.set(action.task, action);
  const lines = [style.heading('Evaluation guide: objectives, core capabilities, critical tasks (rate <task-id> <P|S|M|U> | observation)')];
  for (const objective of evaluation.objectives) {
    lines.push(`  ${objective.id}: ${objective.objective}`);
    for (const capability of objective.capabilities) {
      lines.push(`    ${capability.capability}`);
      for (const task of capability.tasks) {
        const rated = latest.get(task.id);
        lines.push(`      ${task.id}: ${task.task} -- ${rated ? `${rated.rating} (${TASK_RATINGS[rated.rating]})${rated.observation ? `: ${rated.observation}` : ''}` : 'not rated yet'}`);
      }
    }
  }
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
