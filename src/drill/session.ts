import { DecisionError, type DecisionRequest } from '../engine/decisions.js';
import { TeamActionRefused } from '../engine/teams/team-actions.js';
import type { Inject, Scenario } from '../scenario/schema.js';
import type { ImprovementRow } from '../report/input.js';
import { checkAddressees } from './addressees.js';
import { DrillError } from './errors.js';
import { criticalTaskOf, type ObservationStatus, type PlacedTask, type TaskRating } from './evaluation.js';
import { actionsInForce, DrillLogWriter, isStamped, lastUndoableIndex, type DrillAction, type DrillLogHeader } from './log.js';
import { teamAction } from './own-words.js';
import { applyAction, describeDecision, dueInjects, fingerprintOf, liveInjectOf, nextUnconditional, replay, type DrillRun, type HeldInject, type InjectOccurrence } from './replay.js';
import { drillHeader, readCheckedLog, type DrillStart } from './session-open.js';
import { heldInject, probeStop, stopBefore } from './session-stops.js';

export type { DrillStart } from './session-open.js';

type ActionInput = DrillAction extends infer A ? (A extends DrillAction ? Omit<A, 'atHours' | 'fingerprint'> : never) : never;

/**
 * A drill in progress: the run, its decision log, and every facilitator action. Each
 * action is checked first (a bad one changes nothing), appended to the log (flushed, with
 * the fingerprint of the state it is taken in), and only then applied: the log is never
 * behind the run, so a crash at any point loses nothing confirmed and nothing applied.
 * Undo and resume rebuild the run by replaying the log from the seed, so the restored
 * state is exact, not approximate.
 */
export class DrillSession {
  private run: DrillRun;
  /** Every action logged, undone ones included, in order. */
  readonly actions: DrillAction[];
  private inForce: DrillAction[];

  private constructor(
    readonly header: DrillLogHeader,
    readonly scenario: Scenario,
    private readonly writer: DrillLogWriter | undefined,
    private readonly path: string,
    actions: DrillAction[],
  ) {
    this.actions = actions;
    this.inForce = actionsInForce(actions);
    this.run = replay(scenario, this.runOptions(), this.inForce, true);
    // A log closed by `end` states the state the run closed in: the replay must reach it.
    const last = actions.at(-1);
    if (last?.type === 'end' && last.fingerprint !== this.fingerprint()) {
      throw new DrillError(
        `${path}: the replay ends in state ${this.fingerprint()}, the log's end line says ${last.fingerprint} (T+${last.atHours} h); the log was edited after the drill, or written by another engine version`,
      );
    }
  }

  /** Starts a new drill: writes the log header, then runs to the first decision. */
  static start(options: DrillStart): DrillSession {
    const header = drillHeader(options);
    return new DrillSession(header, options.loaded.scenario, DrillLogWriter.create(options.logPath, header), options.logPath, []);
  }

  /** Resumes a drill from its log: replays every action and checks each fingerprint. */
  static resume(logPath: string): DrillSession {
    const { header, scenario, actions } = readCheckedLog(logPath);
    return new DrillSession(header, scenario, DrillLogWriter.reopen(logPath), logPath, actions);
  }

  /** Opens a drill log to read only (reports): replayed and checked like a resume, never written. */
  static load(logPath: string): DrillSession {
    const { header, scenario, actions } = readCheckedLog(logPath);
    return new DrillSession(header, scenario, undefined, logPath, actions);
  }

  // ---- what the room sees -------------------------------------------------------------

  get sim() {
    return this.run.sim;
  }

  get logPath(): string {
    return this.path;
  }

  get now(): number {
    return this.run.sim.now;
  }

  get atHorizon(): boolean {
    return this.run.sim.now >= this.run.sim.horizonHours && this.pending().length === 0;
  }

  pending(): DecisionRequest[] {
    return this.run.sim.pending();
  }

  /** Actions in force (undone ones removed), in order. */
  actionsInForce(): readonly DrillAction[] {
    return this.inForce;
  }

  /** Injects that have happened so far, with their times. */
  injectsSoFar() {
    return this.run.injects;
  }

  fingerprint(): string {
    return fingerprintOf(this.run);
  }

  // ---- actions ------------------------------------------------------------------------

  /** Answers a pending decision. */
  decide(decisionId: number, choice: string): DecisionRequest {
    const request = this.pending().find((candidate) => candidate.id === decisionId);
    if (!request) {
      const waiting = this.pending().map((candidate) => `#${candidate.id}`);
      throw new DrillError(`no decision #${decisionId} is waiting${waiting.length > 0 ? `; waiting: ${waiting.join(', ')}` : ''}`);
    }
    if (!request.options.includes(choice)) {
      throw new DrillError(`"${choice}" is not an option of decision #${decisionId}; choose one of: ${request.options.join(', ')}`);
    }
    this.commit({
      type: 'decide',
      decision: request.id,
      nation: request.nation,
      kind: request.kind,
      choice,
      recommended: request.recommended,
      askedAtHours: request.atHours,
      ...(request.subject !== undefined ? { subject: request.subject } : {}),
    });
    return request;
  }

  /** MSEL injects due now: the clock stays until each is delivered, skipped or re-timed. */
  due(): HeldInject[] {
    return dueInjects(this.run);
  }

  /** MSEL injects not yet delivered or skipped, by due time. */
  held(): readonly HeldInject[] {
    return this.run.held;
  }

  /** The next MSEL inject that stops the clock for sure (contingency injects stop it only if their condition holds then). */
  nextInject(): HeldInject | undefined {
    return nextUnconditional(this.run);
  }

  /** Contingency injects that came due with their condition false: never fired, no card (controllers see them). */
  lapsed(): readonly InjectOccurrence[] {
    return this.run.lapsed;
  }

  /** Where a run towards `untilHours` stops at the latest (the next inject due, a module's end, the horizon); see {@link stopBefore}. */
  stopBefore(untilHours: number): number {
    return stopBefore(this.run, this.scenario, untilHours);
  }

  /** Where running towards `untilHours` would stop, and why, found on a scratch replay; see {@link probeStop}. */
  probeAdvance(untilHours: number): { atHours: number; why: string } {
    return probeStop(this.run, this.scenario, this.runOptions(), this.inForce, untilHours);
  }

  /** Runs the engine towards `untilHours`; stops at the first decision, due inject, module end or the horizon. */
  advanceTo(untilHours: number): void {
    this.requireNoPending('time can move');
    this.requireNothingDue();
    const horizon = this.run.sim.horizonHours;
    if (this.now >= horizon) throw new DrillError(`the run is at its horizon (T+${horizon} h): type end for the after-action report`);
    if (!(untilHours > this.now)) throw new DrillError(`T+${untilHours} h is not after the current time T+${round(this.now)} h`);
    this.commit({ type: 'advance', untilHours: this.stopBefore(untilHours) });
  }

  /** Delivers an MSEL inject: the one due now, or one still to come (fired early). */
  deliver(injectId: string): Inject {
    const entry = this.heldInject(injectId);
    this.commit({ type: 'fire', inject: injectId });
    return entry.inject;
  }

  /** Skips an MSEL inject (it never happens in this drill); the reason is logged. */
  skip(injectId: string, reason: string): Inject {
    const entry = this.heldInject(injectId);
    this.commit({ type: 'skip', inject: injectId, reason: reason.trim() });
    return entry.inject;
  }

  /** Moves an MSEL inject to a later time. */
  retime(injectId: string, dueHours: number): Inject {
    const entry = this.heldInject(injectId);
    if (!(dueHours > this.now)) throw new DrillError(`re-time ${injectId} to a time after now (T+${round(this.now)} h)`);
    if (dueHours > this.run.sim.horizonHours) throw new DrillError(`T+${round(dueHours)} h is after the horizon (T+${this.run.sim.horizonHours} h)`);
    this.commit({ type: 'retime', inject: injectId, dueHours });
    return entry.inject;
  }

  private heldInject(injectId: string): HeldInject {
    return heldInject(this.run, this.inForce, injectId);
  }

  /** Applies an inject written on the spot; its id must be new, its `to` nations or organizations of the scenario. */
  injectNow(inject: Inject): void {
    const used = new Set([...this.scenario.injects.map((known) => known.id), ...this.liveInjects().map((known) => known.id)]);
    if (used.has(inject.id)) throw new DrillError(`an inject with id ${inject.id} already exists; choose another id`);
    checkAddressees(inject.to, this.scenario, this.header.players);
    this.commit({ type: 'inject', inject: { ...inject, atHours: this.now } });
  }

  /** Injects written on the spot so far (in force). */
  liveInjects(): Inject[] {
    return this.inForce.flatMap((action) => (action.type === 'inject' ? [liveInjectOf(action)] : []));
  }

  /** An evaluator rates a critical task of the scenario's evaluation guide P, S, M or U. */
  rate(taskId: string, rating: TaskRating, observation: string): PlacedTask {
    const task = criticalTaskOf(this.scenario.evaluation, taskId);
    this.commit({ type: 'rate', task: taskId, rating, observation: observation.trim() });
    return task;
  }

  /** An evaluator marks an inject's expected action observed, partly or not, with what the team did. */
  observe(injectId: string, status: ObservationStatus, what: string): Inject {
    const inject = [...this.scenario.injects, ...this.liveInjects()].find((candidate) => candidate.id === injectId);
    if (!inject) throw new DrillError(`no inject ${injectId}; injects lists them`);
    if (!this.run.injects.some((occurrence) => occurrence.id === injectId)) throw new DrillError(`inject ${injectId} has not been delivered yet`);
    this.commit({ type: 'observe', inject: injectId, status, what: what.trim() });
    return inject;
  }

  /**
   * A team's action in its own words; where it matches an engine lever the run can pull now
   * it takes effect now. Returns the action as logged, and why no lever took effect when none did.
   */
  act(nation: string, text: string): { action: Extract<DrillAction, { type: 'act' }>; why?: string } {
    const { action, why } = teamAction(nation, text, this.header.players, this.scenario, (engineAction) => this.run.sim.teamActionRefusal(engineAction));
    this.commit(action);
    return { action: this.inForce.at(-1) as Extract<DrillAction, { type: 'act' }>, ...(why !== undefined ? { why } : {}) };
  }

  /** Records the Improvement Plan as the planning team filled it in (the latest one counts). */
  importPlan(rows: readonly ImprovementRow[]): void {
    this.commit({ type: 'plan', rows: [...rows] });
  }

  /** Adds a note (or a hot-wash note) to the log; it changes nothing in the run. */
  note(text: string, kind: 'note' | 'hotwash' = 'note'): void {
    if (text.trim() === '') throw new DrillError(`${kind} needs some text, e.g.: ${kind} Team A asks for a SOFA briefing`);
    this.commit({ type: 'note', text: text.trim(), ...(kind === 'hotwash' ? { kind } : {}) });
  }

  /**
   * Takes back the latest action (a decision, a time jump, an inject delivered, skipped or
   * re-timed...); notes stay. The run is rebuilt by replay from the seed. Returns what was undone.
   */
  undo(): DrillAction {
    const last = lastUndoableIndex(this.inForce);
    if (last < 0) throw new DrillError('there is nothing to undo');
    const undone = this.inForce[last]!;
    this.logThenApply({ type: 'undo', atHours: this.now, fingerprint: this.fingerprint() }, () => {
      const inForce = actionsInForce(this.actions);
      this.run = replay(this.scenario, this.runOptions(), inForce, true);
      this.inForce = inForce;
    });
    return undone;
  }

  /** Marks the end of the drill in the log (the report is built by the caller). */
  end(): void {
    this.requireNoPending('the run can close');
    this.record({ type: 'end', atHours: this.now, fingerprint: this.fingerprint() });
  }

  close(): void {
    this.writer?.close();
  }

  /** Options to rebuild this drill's run, optionally with an earlier horizon. */
  runOptions(horizonHours = this.header.horizonHours) {
    return { seed: this.header.seed, players: this.header.players, horizonHours };
  }

  private requireNothingDue(): void {
    const [first] = this.due();
    if (first) throw new DrillError(`inject ${first.inject.id} is due: deliver it, skip it or re-time it before time moves on`);
  }

  private requireNoPending(what: string): void {
    const waiting = this.pending();
    if (waiting.length === 0) return;
    const first = waiting[0]!;
    throw new DrillError(
      `decision ${describeDecision(first)} is waiting: answer it before ${what}, or undo`,
    );
  }

  /** Logs a checked action taken now (with the fingerprint of the state it is taken in), then applies it. */
  private commit(input: ActionInput): void {
    const action = { ...input, atHours: this.now, ...(isStamped(input.type) ? { fingerprint: this.fingerprint() } : {}) } as DrillAction;
    this.logThenApply(action, () => {
      try {
        applyAction(this.run, action);
      } catch (cause) {
        if (cause instanceof DecisionError || cause instanceof TeamActionRefused) throw new DrillError(cause.message);
        throw cause;
      }
      this.inForce.push(action);
    });
  }

  /**
   * Writes the action's line (flushed) before `apply` runs: the write-ahead rule. Should
   * applying fail, its line is taken back and the run rebuilt from the log, so log and
   * run stay equal.
   */
  private logThenApply(action: DrillAction, apply: () => void): void {
    const start = this.record(action);
    try {
      apply();
    } catch (cause) {
      this.writer?.takeBack(start);
      this.actions.pop();
      this.inForce = actionsInForce(this.actions);
      this.run = replay(this.scenario, this.runOptions(), this.inForce, false);
      throw cause;
    }
  }

  private record(action: DrillAction): number {
    if (!this.writer) throw new DrillError(`${this.path} is open to read only`);
    const start = this.writer.append(action);
    this.actions.push(action);
    return start;
  }
}

function round(hours: number): number {
  return Math.round(hours * 10) / 10;
}
