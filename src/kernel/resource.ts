import { EventQueue } from './event-queue.js';
import type { KernelHandler } from './kernel.js';

/** What a resource reads of its kernel: the current time (a `Kernel` or anything that tells it). */
export interface ResourceClock {
  readonly now: number;
}

/** What a {@link Resource} measured since it was created or its statistics were reset. */
export interface ResourceStatistics {
  /** Requests granted. */
  granted: number;
  /** Requests withdrawn with {@link Resource.cancel} while waiting. */
  cancelled: number;
  /** Mean wait of the granted requests, hours; null when none was granted. */
  meanWaitHours: number | null;
  /** Longest wait of a granted request, hours; null when none was granted. */
  maxWaitHours: number | null;
  /** Most requests waiting at once. */
  peakWaiting: number;
  /** Time-average number of requests waiting (Lq). */
  meanWaiting: number;
  /** Time-average number of units in use (utilization x capacity when it is fixed). */
  meanInUse: number;
  /** Hours the statistics cover. */
  observedHours: number;
}

/** A waiting request; recycled through a free list, so waiting allocates nothing in steady state. */
interface WaitingRequest {
  handler: KernelHandler<any>;
  data: unknown;
  arrivedAtHours: number;
}

/**
 * A resource with `capacity` identical units on a kernel (servers, runway slots, berths,
 * aircraft): requests are granted in order of priority (lower numbers first) and, within a
 * priority, first come first served; a granted unit is held until {@link release}.
 * Capacity can be lost and restored while requests wait. Waiting times and time-averages
 * are measured as in a queueing model (test/kernel/queues.test.ts checks them against the
 * M/M/c and M/D/1 closed forms).
 *
 * A grant calls the request's handler synchronously, at the current kernel time: inside
 * {@link request} when a unit is free, else inside the {@link release} or
 * {@link setCapacity} that frees one.
 */
export class Resource {
  private readonly waitingList = new EventQueue<WaitingRequest>();
  private readonly spare: WaitingRequest[] = [];
  private units: number;
  private used = 0;
  private lastChangeHours: number;
  private statsStartHours: number;
  private waitingArea = 0;
  private inUseArea = 0;
  private granted = 0;
  private cancelled = 0;
  private waitSumHours = 0;
  private maxWaitHours = 0;
  private peakWaiting = 0;
  private lastWait = 0;

  constructor(private readonly kernel: ResourceClock, capacity: number) {
    this.units = checkedCapacity(capacity);
    this.lastChangeHours = this.statsStartHours = kernel.now;
  }

  /** Units that can be in use at once now. */
  get capacity(): number {
    return this.units;
  }

  /** Units held now (can exceed {@link capacity} just after capacity was lost). */
  get inUse(): number {
    return this.used;
  }

  /** Requests waiting now. */
  get waiting(): number {
    return this.waitingList.length;
  }

  /** Hours the most recently granted request waited. */
  get lastWaitHours(): number {
    return this.lastWait;
  }

  /**
   * Asks for one unit; `handler(data)` runs when it is granted (at once if a unit is free
   * and nobody of the same or better priority waits). Returns a ticket for {@link cancel},
   * or -1 when the unit was granted at once.
   */
  request<D>(handler: KernelHandler<D>, data: D, priority = 0): number {
    if (!Number.isFinite(priority)) throw new RangeError(`resource priority must be a finite number (got ${priority})`);
    this.accumulate();
    if (this.used < this.units && this.waitingList.length === 0) {
      this.grant(handler, data, 0);
      return -1;
    }
    const entry = this.spare.pop() ?? { handler, data, arrivedAtHours: 0 };
    entry.handler = handler;
    entry.data = data;
    entry.arrivedAtHours = this.kernel.now;
    const ticket = this.waitingList.push(priority, entry);
    if (this.waitingList.length > this.peakWaiting) this.peakWaiting = this.waitingList.length;
    return ticket;
  }

  /** Gives back one unit; the best waiting request, if any and if capacity allows, gets it. */
  release(): void {
    if (this.used === 0) throw new RangeError('resource released more often than granted');
    this.accumulate();
    this.used--;
    this.grantWaiting();
  }

  /** Withdraws a waiting request; false when the ticket is not waiting (granted, unknown, -1). */
  cancel(ticket: number): boolean {
    const before = this.waitingList.length;
    this.accumulate();
    this.waitingList.cancel(ticket);
    if (this.waitingList.length === before) return false;
    this.cancelled++;
    return true;
  }

  /**
   * Sets the number of units (lost to damage, restored by repair). Units in use above a
   * lowered capacity are kept until released; a raised capacity serves waiting requests now.
   */
  setCapacity(capacity: number): void {
    this.accumulate();
    this.units = checkedCapacity(capacity);
    this.grantWaiting();
  }

  /** The statistics up to the current kernel time. */
  statistics(): ResourceStatistics {
    this.accumulate();
    const observedHours = this.kernel.now - this.statsStartHours;
    const averageOver = (area: number): number => (observedHours > 0 ? area / observedHours : 0);
    return {
      granted: this.granted,
      cancelled: this.cancelled,
      meanWaitHours: this.granted > 0 ? this.waitSumHours / this.granted : null,
      maxWaitHours: this.granted > 0 ? this.maxWaitHours : null,
      peakWaiting: this.peakWaiting,
      meanWaiting: averageOver(this.waitingArea),
      meanInUse: averageOver(this.inUseArea),
      observedHours,
    };
  }

  /** Starts the statistics afresh from now (after a warm-up, say); requests already waiting count from now on too. */
  resetStatistics(): void {
    this.accumulate();
    this.statsStartHours = this.kernel.now;
    this.waitingArea = this.inUseArea = this.waitSumHours = this.maxWaitHours = 0;
    this.granted = this.cancelled = 0;
    this.peakWaiting = this.waitingList.length;
  }

  private grantWaiting(): void {
    while (this.used < this.units && this.waitingList.length > 0) {
      const entry = this.waitingList.pop()!;
      const { handler, data } = entry;
      const waitHours = this.kernel.now - entry.arrivedAtHours;
      entry.data = undefined;
      this.spare.push(entry);
      this.grant(handler, data, waitHours);
    }
  }

  private grant(handler: KernelHandler<any>, data: unknown, waitHours: number): void {
    this.used++;
    this.granted++;
    this.waitSumHours += waitHours;
    if (waitHours > this.maxWaitHours) this.maxWaitHours = waitHours;
    this.lastWait = waitHours;
    handler(data);
  }

  /** Integrates the number waiting and in use up to now. */
  private accumulate(): void {
    const now = this.kernel.now;
    const elapsed = now - this.lastChangeHours;
    if (elapsed > 0) {
      this.waitingArea += elapsed * this.waitingList.length;
      this.inUseArea += elapsed * this.used;
      this.lastChangeHours = now;
    }
  }
}

function checkedCapacity(capacity: number): number {
  if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`resource capacity must be a whole number >= 0 (got ${capacity})`);
  return capacity;
}
