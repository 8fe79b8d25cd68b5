import type { Scenario } from '../scenario/schema.js';
import { DrillError } from './errors.js';
import type { DrillAction } from './log.js';
import { dueInjects, nextUnconditional, replay, runTowards, type DrillRun, type DrillRunOptions, type HeldInject } from './replay.js';

/**
 * Where the drill's clock stops, and the MSEL inject a facilitator command names: the
 * questions a session answers before it logs a time jump or an inject action.
 */

/**
 * Where a run towards `untilHours` stops at the latest: the next MSEL inject coming due
 * (without a condition), the end of the current module, or the horizon, whichever is
 * first (a decision, or a contingency inject whose condition holds, may stop it earlier
 * still: see {@link runTowards}).
 */
export function stopBefore(run: DrillRun, scenario: Scenario, untilHours: number): number {
  const now = run.sim.now;
  const next = nextUnconditional(run);
  const moduleEnd = (scenario.modules ?? []).find((module) => module.endHours > now);
  return Math.min(untilHours, run.sim.horizonHours, next?.dueHours ?? Infinity, moduleEnd?.endHours ?? Infinity);
}

/**
 * Where running towards `untilHours` would stop, and why (a decision, an inject due, a
 * module's end, the horizon), found on a scratch replay of the actions in force: nothing
 * changes, nothing is logged.
 */
export function probeStop(run: DrillRun, scenario: Scenario, options: DrillRunOptions, inForce: readonly DrillAction[], untilHours: number): { atHours: number; why: string } {
  const scratch = replay(scenario, options, inForce, false);
  runTowards(scratch, stopBefore(run, scenario, untilHours));
  const atHours = scratch.sim.now;
  const [decision] = scratch.sim.pending();
  if (decision) return { atHours, why: `a decision for ${decision.nation} comes up` };
  const due = dueInjects(scratch)[0];
  if (due) return { atHours, why: `inject ${due.inject.id} is due` };
  const moduleEnd = (scenario.modules ?? []).find((module) => module.endHours === atHours);
  if (moduleEnd) return { atHours, why: `module "${moduleEnd.title}" ends` };
  return { atHours, why: atHours >= scratch.sim.horizonHours ? 'the run reaches its horizon' : 'the time asked for is reached' };
}

/** The MSEL inject still held (due now or to come) with this id, or why there is none: it happened, was skipped, or does not exist. */
export function heldInject(run: DrillRun, inForce: readonly DrillAction[], injectId: string): HeldInject {
  const entry = run.held.find((candidate) => candidate.inject.id === injectId);
  if (entry) return entry;
  const happened = run.injects.find((occurrence) => occurrence.id === injectId);
  if (happened) throw new DrillError(`inject ${injectId} already happened at T+${Math.round(happened.atHours * 10) / 10} h`);
  if (inForce.some((action) => action.type === 'skip' && action.inject === injectId)) throw new DrillError(`inject ${injectId} was skipped (undo brings it back)`);
  const upcoming = run.held.map((candidate) => candidate.inject.id);
  throw new DrillError(`no MSEL inject ${injectId} is still to come; still to come: ${upcoming.length > 0 ? upcoming.join(', ') : 'none'}`);
}
