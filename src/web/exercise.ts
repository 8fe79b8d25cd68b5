import { DrillError } from '../drill/errors.js';
import { writeHandOuts, type HandOutPaths } from '../drill/hand-out.js';
import { parseLiveInject } from '../drill/live-inject.js';
import { closeDrill } from '../drill/outcome.js';
import type { DrillSession } from '../drill/session.js';
import { readClock } from '../drill/scenario-clock.js';
import { runSessionCommand, type SessionCommand } from '../drill/session-command.js';
import { COMMAND_ROLES, type WebCommand } from './commands.js';
import { messageNote, observationNote } from './notes.js';
import { Pacer, type PaceState } from './pacer.js';
import type { Role } from './roles.js';

/** A refused request: the HTTP status says whose fault (400 bad input, 403 not this role's, 409 not now). */
export class WebError extends Error {
  override name = 'WebError';
  constructor(readonly status: 400 | 403 | 404 | 409 | 413 | 415, message: string) {
    super(message);
  }
}

/** A command done (with its one-line confirmation), or a long clock jump waiting for a yes. */
export type WebReply = { ok: string } | { confirm: string; command: WebCommand };

/** What the controller's `end` produced: the after-action report and the debrief. */
export interface EndedExercise {
  atHours: number;
  reportPath: string;
  debriefPath: string;
}

/**
 * The drill session as the web console drives it: every page's command comes through
 * {@link perform}, which checks the role, then calls the session's public methods. The
 * session writes and fsyncs each action to the decision log before it returns, so by
 * the time any page is told (the HTTP answer, the live update) the change is on disk.
 * One session engine serves the terminal and the browser; this class adds only the
 * role checks, the paced clock and change notification.
 */
export class WebExercise {
  private versionNumber = 0;
  private readonly listeners = new Set<() => void>();
  private endedWith: EndedExercise | undefined;
  readonly pacer: Pacer;

  constructor(
    readonly session: DrillSession,
    private readonly handOuts: HandOutPaths,
    paceStepSeconds?: number,
  ) {
    this.pacer = new Pacer((simHours) => this.paceStep(simHours), () => this.changed(), paceStepSeconds);
  }

  /** Goes up by one with every change; pages and caches key on it. */
  get version(): number {
    return this.versionNumber;
  }

  get ended(): EndedExercise | undefined {
    return this.endedWith;
  }

  get pace(): PaceState {
    return this.pacer.state();
  }

  /** Calls `listener` after every change (already logged). Returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Carries out one page's command for its role. Returns a one-line confirmation, or,
   * for a long jump of the clock, the question to confirm it with and the command to
   * send back once confirmed (nothing has changed then).
   */
  perform(role: Role, command: WebCommand): WebReply {
    if (!COMMAND_ROLES[command.type].includes(role.kind)) throw new WebError(403, `the ${role.kind} page cannot ${command.type}`);
    if (this.endedWith) throw new WebError(409, `the exercise ended at ${this.clockText(this.endedWith.atHours)}; the after-action report is written`);
    try {
      const reply = this.carryOut(role, command);
      if ('ok' in reply) this.changed();
      return reply;
    } catch (error) {
      if (error instanceof DrillError) throw new WebError(400, error.message);
      throw error;
    }
  }

  /** Stops the paced clock (the server is closing). */
  stop(): void {
    this.pacer.pause('the server stopped');
  }

  /** `Day 2, 14:00 (T+21 h)`: the scenario clock as every screen shows it. */
  clockText(hours: number): string {
    return readClock(hours, this.session.scenario.clock).text;
  }

  private carryOut(role: Role, command: WebCommand): WebReply {
    const { session } = this;
    switch (command.type) {
      case 'decide': {
        const request = session.pending().find((candidate) => candidate.id === command.decision);
        if (role.kind === 'team' && request && request.nation !== role.nation) {
          throw new WebError(403, `decision #${command.decision} belongs to another team; this page plays ${role.nation}`);
        }
        return this.run(command);
      }
      case 'message':
        session.note(messageNote(this.teamOf(role), command.text));
        return { ok: 'Message sent to the controller' };
      case 'observation':
        session.note(observationNote(command.text));
        return { ok: 'Observation logged' };
      case 'act':
        return this.run({ type: 'act', nation: this.teamOf(role), text: command.text });
      case 'note':
      case 'rate':
      case 'observe':
      case 'continue':
      case 'next':
      case 'advance':
      case 'advance-to':
      case 'deliver':
      case 'retime':
        return this.run(command);
      case 'skip':
        return this.run({ ...command, reason: command.reason ?? '' });
      case 'undo':
        this.pacer.pause();
        return this.run(command);
      case 'inject': {
        const { effect, args, title, expectedAction, to, from, mode, message } = command;
        const id = `live-${session.liveInjects().length + 1}`;
        const spec = [[effect, ...args].join(' '), title, expectedAction].join(' | ');
        const parsed = parseLiveInject(spec, id, session.now, session.scenario, session.sim.capabilities);
        return this.run({ type: 'inject', inject: { ...parsed, to, mode, description: message, ...(from !== '' ? { from } : {}) } });
      }
      case 'pace':
        if (command.running) this.pacer.start(command.simHoursPerWallMinute);
        else this.pacer.pause();
        return { ok: command.running ? `Clock running: ${this.pace.simHoursPerWallMinute} simulated h per minute` : 'Clock paused' };
      case 'end':
        return { ok: this.end() };
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown web command ${JSON.stringify(exhaustive)}`);
      }
    }
  }

  /** A command of the session's own, through the same function the terminal console uses. */
  private run(command: SessionCommand): WebReply {
    const reply = runSessionCommand(this.session, command);
    return reply.type === 'done' ? { ok: reply.message } : { confirm: reply.question, command: reply.command };
  }

  /** One step of the paced clock; returns why it must stop, if it must. */
  private paceStep(simHours: number): string | undefined {
    const { session } = this;
    if (this.endedWith) return 'the exercise ended';
    const before = this.whyStopped();
    if (before) return before;
    try {
      session.advanceTo(Math.min(session.now + simHours, session.sim.horizonHours));
    } catch (error) {
      if (!(error instanceof DrillError)) throw error;
      return error.message;
    }
    this.changed();
    return this.whyStopped();
  }

  /** Why the clock cannot run on by itself now: a decision, an inject due, a module's end, the horizon. */
  private whyStopped(): string | undefined {
    const { session } = this;
    const [decision] = session.pending();
    if (decision) return `a decision for ${decision.nation} is waiting`;
    const [due] = session.due();
    if (due) return `inject ${due.inject.id} is due: deliver, skip or re-time it`;
    const moduleEnd = (session.scenario.modules ?? []).find((module) => module.endHours === session.now);
    if (moduleEnd && this.pace.running) return `module "${moduleEnd.title}" ends: time for its discussion questions`;
    if (session.now >= session.sim.horizonHours) return 'the run reached its horizon';
    return undefined;
  }

  private end(): string {
    const { session } = this;
    if (session.now <= 0) throw new WebError(409, 'nothing has happened yet; move the clock first');
    this.pacer.pause('the exercise ended');
    session.end();
    const outcome = closeDrill(session);
    writeHandOuts(outcome, this.handOuts);
    this.endedWith = { atHours: session.now, ...this.handOuts };
    return `Exercise ended at ${this.clockText(session.now)}; after-action report written to ${this.handOuts.reportPath}`;
  }

  private teamOf(role: Role): string {
    if (role.kind !== 'team') throw new WebError(403, 'only a team page speaks for a team');
    return role.nation;
  }

  private changed(): void {
    this.versionNumber++;
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        // One failing page connection must not stop the others from being told.
        console.error(`crisis-sim serve: a live update failed: ${(error as Error).message}`);
      }
    }
  }
}
