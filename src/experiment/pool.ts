import { totalmem } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { evaluateRun, failedRun, type FinishedRun, type RunSetup, type RunTask } from './evaluate.js';

/** Something that runs tasks and yields them as they finish. */
export interface Runner {
  /** Runs the tasks, taken from `tasks` one at a time as workers have room (a plan of millions is never a list). */
  run(tasks: Iterable<RunTask>): AsyncIterable<FinishedRun>;
  close(): Promise<void>;
}

/**
 * Runs tasks in this thread, yielding to the event loop between runs so progress output
 * and signals are served. It cannot stop a hung run: use worker threads for time limits.
 */
export function inlineRunner(setup: RunSetup): Runner {
  return {
    async *run(tasks) {
      for (const task of tasks) {
        yield evaluateRun(setup, task);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    close: async () => undefined,
  };
}

/** Tasks sent ahead to each worker, so it never waits for the main thread between runs. */
const TASKS_IN_FLIGHT = 2;
const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);
/**
 * Young-generation size of each worker: 192 MB, or an eighth of the machine's memory shared
 * by all workers if that is less, fixed from the worker's start. A run allocates about
 * 2 MB of short-lived objects (mostly xstate snapshots); V8 scavenges when the young
 * generation is full, and the collector's work runs on helper threads that take cores from
 * the other workers, so a large young generation makes batches faster (192 MB instead of
 * V8's default: a quarter less CPU per run; 384 MB: about 8% faster still, at twice the
 * memory). Left to itself V8 starts small and doubles it step by step over tens of
 * thousands of runs; fixed, a worker's memory after its first runs is all it will take,
 * at 1,000 runs as at 1,000,000 (docs/performance.md, Memory at scale).
 */
export function youngGenerationMb(workers: number, memoryBytes = totalmem()): number {
  return Math.max(16, Math.min(192, Math.floor(memoryBytes / 8 / Math.max(1, workers) / 2 ** 20)));
}

/**
 * Makes the next isolates (worker threads) start with their young generation at full
 * size: V8's minimum semi-space set to the maximum (a young generation is two
 * semi-spaces and a large-object space of the same size). V8 reads the flag when it
 * creates an isolate, so it applies to workers started from now on, not to this thread.
 */
function fixYoungGeneration(youngMb: number): void {
  setFlagsFromString(`--min-semi-space-size=${Math.floor(youngMb / 3)}`);
}

interface Slot {
  worker: Worker;
  ready: boolean;
  retired: boolean;
  inFlight: RunTask[];
  timer: NodeJS.Timeout | undefined;
}

/**
 * A pool of worker threads. Each run gets a wall-clock limit: a worker that exceeds it
 * is terminated, its run reported as a timeout, its other tasks sent elsewhere, and a
 * fresh worker takes its place. A worker that crashes is handled the same way.
 */
export class WorkerPool implements Runner {
  private slots: Slot[] = [];
  /** Tasks of a failed worker, to send again first (the next one last, so taking one is a pop). */
  private requeued: RunTask[] = [];
  /** Tasks already taken from the source and not sent yet, in order. */
  private ahead: RunTask[] = [];
  private source: Iterator<RunTask> | undefined;
  private channel: Channel<FinishedRun> | undefined;

  constructor(private readonly setup: RunSetup, private readonly options: { workers: number; timeLimitMs: number }) {}

  run(tasks: Iterable<RunTask>): AsyncIterable<FinishedRun> {
    const channel = new Channel<FinishedRun>();
    this.channel = channel;
    this.source = tasks[Symbol.iterator]();
    this.requeued = [];
    this.ahead = [];
    // Never more workers than runs to do: look as many tasks ahead as there may be workers.
    while (this.slots.length === 0 && this.ahead.length < this.options.workers && this.pull()) continue;
    if (!this.hasMore()) channel.end();
    else if (this.slots.length === 0) for (let i = 0; i < this.ahead.length; i += 1) this.slots.push(this.spawn());
    else this.dispatch();
    return channel;
  }

  /** Takes the source's next task into `ahead`; false when the source is done. */
  private pull(): boolean {
    const next = this.source?.next();
    if (!next || next.done) {
      this.source = undefined;
      return false;
    }
    this.ahead.push(next.value);
    return true;
  }

  /** Whether a task is still to send. */
  private hasMore(): boolean {
    return this.requeued.length > 0 || this.ahead.length > 0 || this.pull();
  }

  /** The next task to send; call after {@link hasMore} said there is one. */
  private take(): RunTask {
    return this.requeued.pop() ?? this.ahead.shift()!;
  }

  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    for (const slot of slots) this.retire(slot);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const youngMb = youngGenerationMb(this.options.workers);
    fixYoungGeneration(youngMb);
    const worker = new Worker(BOOTSTRAP, { workerData: this.setup, resourceLimits: { maxYoungGenerationSizeMb: youngMb } });
    const slot: Slot = { worker, ready: false, retired: false, inFlight: [], timer: undefined };
    worker.on('message', (message: FinishedRun | { ready: true }) => {
      if (slot.retired) return;
      if ('ready' in message) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      slot.inFlight.shift();
      this.restartTimer(slot);
      this.deliver(message);
      this.dispatch();
    });
    worker.on('error', (error) => this.crashed(slot, `worker crashed: ${error.message}`));
    worker.on('exit', (code) => this.crashed(slot, `worker exited with code ${code}`));
    return slot;
  }

  /** Sends tasks to every ready worker with room. */
  private dispatch(): void {
    for (const slot of this.slots) {
      while (slot.ready && slot.inFlight.length < TASKS_IN_FLIGHT && this.hasMore()) {
        const task = this.take();
        slot.inFlight.push(task);
        slot.worker.postMessage(task);
        if (slot.inFlight.length === 1) this.restartTimer(slot);
      }
    }
  }

  /** (Re)starts the time limit of the worker's current run. */
  private restartTimer(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = slot.inFlight.length > 0 ? setTimeout(() => this.replace(slot, 'timeout', `exceeded the time limit of ${this.options.timeLimitMs / 1000} s`), this.options.timeLimitMs) : undefined;
  }

  private crashed(slot: Slot, message: string): void {
    if (slot.retired) return;
    if (!slot.ready) {
      // A worker that cannot start will not start on a second try either: stop the batch.
      this.retire(slot);
      this.channel?.fail(new Error(`a batch worker failed to start: ${message}`));
      return;
    }
    this.replace(slot, 'error', message);
  }

  /** Ends a failed worker: its current run fails, its other tasks go back to the queue, a new worker starts. */
  private replace(slot: Slot, status: 'error' | 'timeout', message: string): void {
    this.retire(slot);
    void slot.worker.terminate();
    const [current, ...rest] = slot.inFlight;
    this.requeued.push(...rest.reverse());
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots[index] = this.spawn();
    if (current) this.deliver(failedRun(this.setup, current.run, status, message));
  }

  private retire(slot: Slot): void {
    slot.retired = true;
    clearTimeout(slot.timer);
  }

  /** Passes a finished run on; the batch is over when nothing is in flight and nothing is left to send. */
  private deliver(outcome: FinishedRun): void {
    this.channel?.push(outcome);
    if (this.slots.every((slot) => slot.inFlight.length === 0) && !this.hasMore()) this.channel?.end();
  }
}

/** A minimal async queue: producers push, one consumer iterates. */
class Channel<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  push(item: T): void {
    this.items.push(item);
    this.notify();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  fail(error: Error): void {
    this.failure = error;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (this.items.length > 0) {
        yield this.items.shift()!;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}
