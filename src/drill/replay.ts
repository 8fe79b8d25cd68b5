import type { DecisionRequest } from '../engine/decisions.js';
import { Simulation } from '../engine/simulation.js';
import { teamActionSchema, type TeamAction } from '../engine/teams/team-actions.js';
import type { TraceEntry, TraceSink } from '../metrics/trace.js';
import { injectSchema, type Inject, type Scenario } from '../scenario/schema.js';
import { DrillError } from './errors.js';
import { RunFingerprint } from './fingerprint.js';
import type { DrillAction } from './log.js';

/** An inject as it happened in a run: which, when, and whether the facilitator fired it by hand. */
export interface InjectOccurrence {
  id: string;
  atHours: number;
  title: string;
}

/** An MSEL inject not yet delivered or skipped, and the time it comes due (re-timed or as scheduled). */
export interface HeldInject {
  inject: Inject;
  dueHours: number;
}

/**
 * A simulation with what a drill needs beside it: its fingerprint, the injects that
 * happened, and the MSEL injects held for the facilitator (the engine does not fire them
 * by itself: each stops the clock when due and is delivered, skipped or re-timed).
 */
export interface DrillRun {
  sim: Simulation;
  fingerprint: RunFingerprint;
  injects: InjectOccurrence[];
  held: HeldInject[];
  /** Injects whose expected action evaluators marked observed (contingency conditions ask). */
  observed: Set<string>;
  /** Contingency injects that came due with their condition not met: they never happen. */
  lapsed: InjectOccurrence[];
}

export interface DrillRunOptions {
  seed: number;
  /** Nations played by people; empty for the engine-only baseline. */
  players: readonly string[];
  horizonHours?: number;
}

/**
 * A fresh run of the scenario, recording its fingerprint and the injects as they happen;
 * `alsoTrace` sees every trace entry too.
 */
export function startRun(scenario: Scenario, options: DrillRunOptions, alsoTrace?: TraceSink): DrillRun {
  const fingerprint = new RunFingerprint();
  const injects: InjectOccurrence[] = [];
  const trace = (entry: TraceEntry) => {
    fingerprint.sink(entry);
    alsoTrace?.(entry);
    if (entry.event === 'inject' && entry.data) injects.push({ id: String(entry.data['id']), atHours: entry.t, title: String(entry.data['title']) });
  };
  const sim = new Simulation(scenario, {
    seed: options.seed,
    players: options.players,
    trace,
    keepHistory: true,
    holdInjects: true,
    ...(options.horizonHours !== undefined ? { horizonHours: options.horizonHours } : {}),
  });
  const held = scenario.injects.map((inject) => ({ inject, dueHours: inject.atHours }));
  return { sim, fingerprint, injects, held: sortHeld(held), observed: new Set(), lapsed: [] };
}

/** Held injects by due time; equal times keep the MSEL's order. */
function sortHeld(held: HeldInject[]): HeldInject[] {
  return held.map((entry, index) => ({ entry, index })).sort((a, b) => a.entry.dueHours - b.entry.dueHours || a.index - b.index).map(({ entry }) => entry);
}

/** Held injects due now (the clock stops on them until each is delivered, skipped or re-timed). */
export function dueInjects(run: DrillRun): HeldInject[] {
  return run.held.filter((entry) => entry.dueHours <= run.sim.now);
}

/** Contingency injects due now whose condition does not hold lapse: they leave the held MSEL without a card. */
function lapseUnmet(run: DrillRun): void {
  for (const entry of dueInjects(run)) {
    if (!entry.inject.when || run.sim.conditionHolds(entry.inject.when, (id) => run.observed.has(id))) continue;
    run.held.splice(run.held.indexOf(entry), 1);
    run.lapsed.push({ id: entry.inject.id, atHours: run.sim.now, title: entry.inject.title });
  }
}

/**
 * Runs towards `untilHours` and stops there, at a decision, or at a contingency inject
 * coming due on the way whose condition holds (its card stops the clock). A contingency
 * inject whose condition is false at its time lapses (it never fires, no card) and the
 * run goes on: the clock does not stop for it.
 */
export function runTowards(run: DrillRun, untilHours: number): void {
  for (;;) {
    const contingency = run.held.find((entry) => entry.inject.when !== undefined && entry.dueHours > run.sim.now && entry.dueHours < untilHours);
    const stop = Math.min(untilHours, contingency?.dueHours ?? Infinity);
    run.sim.advance(stop);
    lapseUnmet(run);
    if (run.sim.now < stop || stop >= untilHours || run.sim.pending().length > 0 || dueInjects(run).length > 0) return;
  }
}

/** The first MSEL inject that stops the clock whatever happens: one without a condition (contingency injects stop it only if theirs holds). */
export function nextUnconditional(run: DrillRun): HeldInject | undefined {
  return run.held.find((entry) => entry.dueHours > run.sim.now && entry.inject.when === undefined);
}

/** Runs a fresh drill run to its first stop: a decision, the first MSEL inject due, or the horizon. */
export function runToFirstStop(run: DrillRun, firstModuleEndHours = Infinity): void {
  const first = run.held.find((entry) => entry.inject.when === undefined);
  runTowards(run, Math.min(first?.dueHours ?? Infinity, firstModuleEndHours, run.sim.horizonHours));
}

/** The fingerprint of a run's current state, the held MSEL included. */
export function fingerprintOf(run: DrillRun): string {
  const held = run.held.map((entry) => [entry.inject.id, entry.dueHours]);
  return run.fingerprint.digest(run.sim.world.state, run.sim.now, run.sim.pending().map((request) => request.id), held);
}

/** Takes an inject out of the held MSEL; the caller has checked it is there. */
function release(run: DrillRun, injectId: string): HeldInject {
  const index = run.held.findIndex((entry) => entry.inject.id === injectId);
  if (index < 0) throw new DrillError(`inject ${injectId} is not in the MSEL still to come`);
  return run.held.splice(index, 1)[0]!;
}

/** An inject from a log line, checked: a bad one (an edited log) is one DrillError line, not a dump of the schema's issues. */
function checkedInject(value: unknown, what: string): Inject {
  const parsed = injectSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new DrillError(`${what} is not a valid inject: ${issue.path.join('.') || 'inject'}: ${issue.message}`);
}

/** A team action from a log line, checked like an inject: a bad one is one DrillError line. */
function checkedTeamAction(value: unknown): TeamAction {
  const parsed = teamActionSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new DrillError(`the team action is not valid: ${issue.path.join('.') || 'engineAction'}: ${issue.message}`);
}

/** A team's own-words action that pulled an engine lever, as the inject that carries its effect. */
export function teamActionInject(action: Extract<DrillAction, { type: 'act' }>): Inject {
  const inject = {
    id: `team-action-${action.nation}-${Math.round(action.atHours * 1000)}`,
    atHours: action.atHours,
    title: `${action.nation} (team action): ${action.text}`,
    effect: action.effect,
    from: action.nation,
  };
  return checkedInject(inject, 'the team action');
}

/** The inject a logged `inject` action wrote on the spot, with the schema's defaults. */
export function liveInjectOf(action: Extract<DrillAction, { type: 'inject' }>): Inject {
  return checkedInject(action.inject, 'the live inject');
}

/**
 * Applies one logged action to a run. The caller has checked it (live) or it comes from a
 * log that was checked when written (replay); a failure here means the log does not
 * belong to this engine and scenario, and is reported as such.
 */
export function applyAction(run: DrillRun, action: DrillAction): void {
  const sim = run.sim;
  switch (action.type) {
    case 'decide':
      sim.decide(action.decision, action.choice);
      // The answer takes effect at once (same simulated time), so the screen shows its
      // consequences; the run stops again if that raises another decision.
      sim.advance(sim.now);
      return;
    case 'advance':
      runTowards(run, action.untilHours);
      return;
    case 'fire':
      sim.fireInject(release(run, action.inject).inject);
      return;
    case 'skip':
      release(run, action.inject);
      return;
    case 'retime': {
      const entry = release(run, action.inject);
      run.held = sortHeld([...run.held, { inject: entry.inject, dueHours: action.dueHours }]);
      return;
    }
    case 'inject':
      sim.fireInject(liveInjectOf(action));
      return;
    case 'act':
      if (action.effect) sim.fireInject(teamActionInject(action));
      if (action.engineAction) sim.takeTeamAction(checkedTeamAction(action.engineAction));
      return;
    case 'observe':
      if (action.status === 'observed') run.observed.add(action.inject);
      return;
    case 'rate':
    case 'plan':
    case 'note':
    case 'undo':
    case 'end':
      return;
    default: {
      const exhaustive: never = action;
      throw new Error(`unknown drill action ${JSON.stringify(exhaustive)}`);
    }
  }
}

/**
 * Rebuilds a drill's run from its seed by replaying the actions in force, and (when
 * `verify` is set) checks before each action that the state's fingerprint equals the one
 * logged when the action was first taken: the replay is then provably exact.
 */
export function replay(scenario: Scenario, options: DrillRunOptions, actions: readonly DrillAction[], verify: boolean, alsoTrace?: TraceSink): DrillRun {
  const run = startRun(scenario, options, alsoTrace);
  runToFirstStop(run, scenario.modules?.[0]?.endHours);
  for (const [index, action] of actions.entries()) {
    if (verify && 'fingerprint' in action) {
      const now = fingerprintOf(run);
      if (now !== action.fingerprint) {
        throw new DrillError(
          `replay diverged at action ${index + 1} (${action.type} at T+${action.atHours} h): state ${now}, log says ${action.fingerprint}; ` +
            'was the log written by another engine version?',
        );
      }
    }
    try {
      applyAction(run, action);
    } catch (cause) {
      throw new DrillError(`replay failed at action ${index + 1} (${action.type} at T+${action.atHours} h): ${(cause as Error).message}`);
    }
  }
  return run;
}

/** The decision a logged `decide` answered, for messages. */
export function describeDecision(request: Pick<DecisionRequest, 'id' | 'nation' | 'kind'>): string {
  return `#${request.id} (${request.nation} ${request.kind})`;
}
