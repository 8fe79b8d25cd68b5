import { DrillError } from './errors.js';
import { OBSERVATION_STATUSES, TASK_RATINGS, type CriticalTask, type Evaluation, type ObservationStatus, type TaskRating } from '../scenario/exercise.js';

export { OBSERVATION_STATUSES, TASK_RATINGS, type ObservationStatus, type TaskRating };

/** A critical task with where it sits: its objective and core capability. */
export interface PlacedTask extends CriticalTask {
  objectiveId: string;
  objective: string;
  capability: string;
}

/** Every critical task of an evaluation guide, in the guide's order. */
export function criticalTasksOf(evaluation: Evaluation | undefined): PlacedTask[] {
  return (evaluation?.objectives ?? []).flatMap((objective) =>
    objective.capabilities.flatMap((capability) =>
      capability.tasks.map((task) => ({ ...task, objectiveId: objective.id, objective: objective.objective, capability: capability.capability })),
    ),
  );
}

/** The critical task an evaluator rates, by id; a clear error when the guide has no such task (or none at all). */
export function criticalTaskOf(evaluation: Evaluation | undefined, taskId: string): PlacedTask {
  const tasks = criticalTasksOf(evaluation);
  const task = tasks.find((candidate) => candidate.id === taskId);
  if (task) return task;
  throw new DrillError(tasks.length === 0 ? 'the scenario has no evaluation: add evaluation.objectives to rate critical tasks' : `no critical task ${taskId}; the tasks are ${tasks.map((candidate) => candidate.id).join(', ')}`);
}

/** Parses `P`, `s`, ... into a rating, or undefined. */
export function ratingOf(text: string): TaskRating | undefined {
  const upper = text.trim().toUpperCase();
  return upper in TASK_RATINGS ? (upper as TaskRating) : undefined;
}

/** Parses `observed`, `partly`, `not` / `not-observed` into a status, or undefined. */
export function observationStatusOf(text: string): ObservationStatus | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === 'not' || lower === 'no' || lower === 'not-observed') return 'not-observed';
  if (lower === 'partly' || lower === 'partial') return 'partly';
  if (lower === 'observed' || lower === 'yes') return 'observed';
  return undefined;
}
