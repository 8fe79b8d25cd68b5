import { DrillError } from '../drill/errors.js';
import { writeHandOuts, type HandOutPaths } from '../drill/hand-out.js';
import { parseLiveInject } from '../drill/live-inject.js';
import { closeDrill } from '../drill/outcome.js';
import type { DrillSession } from '../drill/session.js';
import { clock, one } from '../drill/view.js';
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

  /** Carries out one page's command for its role; returns a one-line confirmation. */
  perform(role: Role, command: WebCommand): string {
    if (!COMMAND_ROLES[command.type].includes(role.kind)) throw new WebError(403, `the ${role.kind} page cannot ${command.type}`);
    if (this.endedWith) throw new WebError(409, `the exercise ended at ${clock(this.endedWith.atHours)}; the after-action report is written`);
    try {
      const confirmation = this.carryOut(role, command);
      this.changed();
      return confirmation;
    } catch (error) {
      if (error instanceof DrillError) throw new WebError(400, error.message);
      throw error;
    }
  }

  /** Stops the paced clock (the server is closing). */
  stop(): void {
    this.pacer.pause('the server stopped');
  }

  private carryOut(role: Role, command: WebCommand): string {
    const { session } = this;
    switch (command.type) {
      case 'decide': {
        const request = session.pending().find((candidate) => candidate.id === command.decision);
        if (role.kind === 'team' && request && request.nation !== role.nation) {
          throw new WebError(403, `decision #${command.decision} belongs to another team; this page plays ${role.nation}`);
        }
        session.decide(command.decision, command.choice);
        return `Recorded: ${request?.nation ?? ''} ${request?.kind ?? ''} = ${command.choice} at ${clock(session.now)}`;
      }
      case 'message':
        session.note(messageNote(this.teamOf(role), command.text));
        return 'Message sent to the controller';
      case 'note':
        session.note(command.text);
        return 'Note logged';
      case 'observation':
        session.note(observationNote(command.inject, command.text));
        return 'Observation logged';
      case 'advance':
        return this.advance(command);
      case 'fire': {
        const inject = session.deliver(command.inject);
        return `Fired ${inject.id} at ${clock(session.now)}: ${inject.title}`;
      }
      case 'inject': {
        const id = `live-${session.liveInjects().length + 1}`;
        const spec = [[command.effect, ...command.args].join(' '), command.title, command.expectedAction].join(' | ');
        const inject = { ...parseLiveInject(spec, id, session.now, session.scenario, session.sim.capabilities), to: command.to };
        session.injectNow(inject);
        return `Inject ${id} delivered at ${clock(session.now)}: ${inject.title}`;
      }
      case 'pace':
        if (command.running) this.pacer.start(command.simHoursPerWallMinute);
        else this.pacer.pause();
        return command.running ? `Clock running: ${this.pace.simHoursPerWallMinute} simulated h per minute` : 'Clock paused';
      case 'undo': {
        this.pacer.pause();
        const undone = session.undo();
        return `Undone: ${undone.type}; back at ${clock(session.now)}`;
      }
      case 'end':
        return this.end();
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown web command ${JSON.stringify(exhaustive)}`);
      }
    }
  }

  private advance(command: Extract<WebCommand, { type: 'advance' }>): string {
    const { session } = this;
    const from = session.now;
    switch (command.to) {
      case 'decision':
        session.advanceTo(session.sim.horizonHours);
        break;
      case 'inject': {
        const next = session.held().find((entry) => entry.dueHours > session.now);
        if (!next) throw new WebError(409, 'no scheduled inject is left; step to the next decision instead');
        session.advanceTo(next.dueHours);
        break;
      }
      case 'hours':
        if (command.hours === undefined) throw new WebError(400, 'say how many hours to advance');
        session.advanceTo(session.now + command.hours);
        break;
      default: {
        const exhaustive: never = command.to;
        throw new Error(`unknown advance ${String(exhaustive)}`);
      }
    }
    return `Clock moved from T+${one(from)} h to ${clock(session.now)}`;
  }

  /** One step of the paced clock; returns why it must stop, if it must. */
  private paceStep(simHours: number): string | undefined {
    const { session } = this;
    if (this.endedWith) return 'the exercise ended';
    if (session.pending().length > 0) return 'a team must decide';
    if (session.now >= session.sim.horizonHours) return 'the run reached its horizon';
    try {
      session.advanceTo(Math.min(session.now + simHours, session.sim.horizonHours));
    } catch (error) {
      if (!(error instanceof DrillError)) throw error;
      return error.message;
    }
    this.changed();
    if (session.pending().length > 0) return 'a team must decide';
    return session.now >= session.sim.horizonHours ? 'the run reached its horizon' : undefined;
  }

  private end(): string {
    const { session } = this;
    if (session.now <= 0) throw new WebError(409, 'nothing has happened yet; move the clock first');
    this.pacer.pause('the exercise ended');
    session.end();
    const outcome = closeDrill(session);
    writeHandOuts(outcome, this.handOuts);
    this.endedWith = { atHours: session.now, ...this.handOuts };
    return `Exercise ended at ${clock(session.now)}; after-action report written to ${this.handOuts.reportPath}`;
  }

  private teamOf(role: Role): string {
    if (role.kind !== 'team') throw new WebError(403, 'only a team page sends messages');
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
