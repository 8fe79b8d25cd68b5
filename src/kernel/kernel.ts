import type { ActorOptions, AnyActorLogic } from 'xstate';
import { EventQueue } from './event-queue.js';

/** xstate's clock interface (not exported by name from xstate). */
type Clock = NonNullable<ActorOptions<AnyActorLogic>['clock']>;

/** A scheduled action. Reuse one function for many events to keep the loop allocation-free. */
export type KernelAction = () => void;

/**
 * A scheduled handler that receives the data posted with its event (see {@link Kernel.post}).
 * One handler can serve every event of a kind, each with its own data: nothing is allocated
 * per event beyond the data itself.
 */
export type KernelHandler<D> = (data: D) => void;

/** Thrown when something asks the kernel to schedule before the current simulated time. */
export class TimeTravelError extends Error {
  constructor(nowHours: number, atHours: number) {
    super(`cannot schedule at ${atHours} h: the simulation is already at ${nowHours} h`);
    this.name = 'TimeTravelError';
  }
}

/** Thrown when a time or delay is not a finite number of hours (NaN, Infinity, -Infinity). */
export class InvalidTimeError extends RangeError {
  constructor(what: string, value: number) {
    super(`cannot schedule ${what} ${value} h: times and delays must be finite numbers of hours`);
    this.name = 'InvalidTimeError';
  }
}

/**
 * Most events one run's kernel executes (Simulation passes it as `maxEvents`). A shipped
 * scenario needs a few hundred per run; a run that reaches this is out of control (a
 * hazard firing thousands of times an hour), and stops with {@link EventLimitError}
 * instead of spinning for ever.
 */
export const MAX_EVENTS_PER_RUN = 1_000_000;

/** Thrown when a run executes more than {@link MAX_EVENTS_PER_RUN} events. */
export class EventLimitError extends Error {
  constructor(maxEvents: number, atHours: number) {
    super(`the run stopped after ${maxEvents} events, at hour ${atHours}: some process repeats without bound (check hazard rates and injects)`);
    this.name = 'EventLimitError';
  }
}

/**
 * The discrete-event kernel: the only clock of a run.
 *
 * Time is simulated hours from crisis onset. The kernel implements xstate's `Clock`
 * (`setTimeout`/`clearTimeout`, with the timeout read as hours), so actors created with
 * `createActor(machine, { clock: kernel })` have every `after` delay and delayed `sendTo`
 * placed on this queue. Nothing here reads the wall clock.
 */
export class Kernel implements Clock {
  /** Room for 64 events at once: a shipped scenario's run has 30-50 pending at its peak. */
  private readonly queue = new EventQueue<KernelHandler<any>>(64);
  private nowHours = 0;
  private processed = 0;

  /** `maxEvents`: executing more events than this throws {@link EventLimitError} (default: no limit). */
  constructor(private readonly options: { maxEvents?: number } = {}) {}

  /** Current simulated time in hours. */
  get now(): number {
    return this.nowHours;
  }

  /** Number of events executed so far. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Number of pending (not cancelled) events. */
  get pending(): number {
    return this.queue.length;
  }

  /** Time of the next pending event in hours, or Infinity when none is left. */
  nextEventTime(): number {
    return this.queue.peekTime();
  }

  /**
   * Schedules `action` at absolute time `atHours`; returns an id for {@link cancel}.
   * Throws {@link InvalidTimeError} for a non-finite time and {@link TimeTravelError} for a
   * time before now.
   */
  scheduleAt(atHours: number, action: KernelAction): number {
    return this.postAt(atHours, action, undefined);
  }

  /** Schedules `action` after `delayHours` (finite, >= 0) from now. */
  schedule(delayHours: number, action: KernelAction): number {
    if (!Number.isFinite(delayHours)) throw new InvalidTimeError('after a delay of', delayHours);
    return this.postAt(this.nowHours + delayHours, action, undefined);
  }

  /**
   * Schedules `handler(data)` after `delayHours` from now: an event that carries data.
   * Reusing one handler for a kind of event keeps the loop free of closures.
   */
  post<D>(delayHours: number, handler: KernelHandler<D>, data: D): number {
    if (!Number.isFinite(delayHours)) throw new InvalidTimeError('after a delay of', delayHours);
    return this.postAt(this.nowHours + delayHours, handler, data);
  }

  /** Schedules `handler(data)` at absolute time `atHours`. */
  postAt<D>(atHours: number, handler: KernelHandler<D>, data: D): number {
    if (!Number.isFinite(atHours)) throw new InvalidTimeError('at', atHours);
    if (!(atHours >= this.nowHours)) throw new TimeTravelError(this.nowHours, atHours);
    return this.queue.push(atHours, handler, data);
  }

  /** Cancels a scheduled event in O(log n); cancelling an executed or unknown id does nothing. */
  cancel(id: number): void {
    this.queue.cancel(id);
  }

  /** xstate `Clock`: `timeout` is read as simulated hours. */
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): number {
    return this.schedule(timeout, fn as KernelAction);
  }

  /** xstate `Clock`. */
  clearTimeout(id: number): void {
    this.cancel(id);
  }

  /** Executes the next event. Returns false when the queue is empty. */
  step(): boolean {
    const time = this.queue.peekTime();
    if (time === Infinity) return false;
    this.execute(time);
    return true;
  }

  /**
   * Executes every event with time <= `untilHours`, then sets the clock to `untilHours`.
   * `stop` is checked after each event; when it returns true the loop ends early and the
   * clock stays at that event's time. Returns the number of events executed.
   */
  runUntil(untilHours: number, stop?: () => boolean): number {
    const start = this.processed;
    // An empty queue peeks as Infinity, which must end the loop even when untilHours is Infinity.
    for (let time = this.queue.peekTime(); time <= untilHours && time !== Infinity; time = this.queue.peekTime()) {
      this.execute(time);
      if (stop?.()) return this.processed - start;
    }
    if (untilHours > this.nowHours && untilHours !== Infinity) this.nowHours = untilHours;
    return this.processed - start;
  }

  /** Runs until the queue is empty or the optional horizon is reached. */
  run(horizonHours = Infinity): number {
    return this.runUntil(horizonHours);
  }

  /** Pops the next event, known to be live and due at `time`, and runs it. */
  private execute(time: number): void {
    const handler = this.queue.pop()!;
    this.nowHours = time;
    if (++this.processed > (this.options.maxEvents ?? Infinity)) throw new EventLimitError(this.processed - 1, time);
    handler(this.queue.poppedData);
  }
}
