/**
 * M/M/1 queue models on the kernel: the known-answer check of the kernel (test/kernel/mm1.test.ts)
 * and the workload of the benchmark (bench/run.ts).
 *
 * Three versions share everything but the server: in {@link runMm1Plain} the server is two
 * reusable kernel actions; in {@link runMm1Actor} it is an xstate v5 state-machine actor on
 * the kernel's clock whose service times are `after` delays; in {@link runMm1TransitionActor}
 * it is an xstate v5 transition actor (`fromTransition`) on the kernel's clock that sends
 * itself a delayed `service.done` through xstate's scheduler. Both draw interarrival and service times
 * from the same named streams in the same order, so with the same seed they produce the same
 * queue history and the same statistics.
 */
import { createActor, fromTransition, setup, type ActorSystem, type EventObject } from 'xstate';
import { Kernel } from '../src/kernel/kernel.js';
import { RandomStreams, type RandomStream } from '../src/kernel/random.js';

export interface Mm1Options {
  /** Arrivals per hour (lambda). */
  arrivalRate: number;
  /** Services per hour (mu); must exceed `arrivalRate` for a stable queue. */
  serviceRate: number;
  /** Customers measured after the warm-up. */
  customers: number;
  /** Customers simulated first and left out of the statistics (the queue starts empty). */
  warmupCustomers: number;
  seed: number;
}

export interface Mm1Result {
  /** Customers simulated, warm-up included (the unit of "customers/s"). */
  customersSimulated: number;
  /** Customers whose wait is in {@link meanWaitHours}. */
  customersMeasured: number;
  /** Mean wait in queue Wq, hours, over the measured customers. */
  meanWaitHours: number;
  /** Time-average number in system L over the measurement window. */
  meanInSystem: number;
  /** Time-average number waiting in queue Lq over the measurement window. */
  meanInQueue: number;
  /** Arrivals per hour observed in the measurement window. */
  observedArrivalRate: number;
  /** Kernel events executed. */
  events: number;
}

/**
 * The queue's bookkeeping, shared by both servers: a FIFO of arrival times and the
 * statistics. The measurement window opens at the arrival of the first measured customer
 * and closes when the last measured customer starts service; `done` then tells both the
 * arrival process and the server to stop, so the kernel runs dry.
 */
class QueueLedger {
  private arrivalTimes = new Float64Array(1024);
  private head = 0;
  private tail = 0;
  private inSystem = 0;
  private arrived = 0;
  private served = 0;
  private windowStartHours = NaN;
  private lastChangeHours = 0;
  private systemArea = 0;
  private queueArea = 0;
  private windowArrivals = 0;
  private waitSum = 0;
  done = false;

  constructor(private readonly warmup: number, private readonly measured: number) {}

  /** Customers waiting for the server. */
  get waiting(): number {
    return this.tail - this.head;
  }

  arrive(nowHours: number): void {
    this.accumulate(nowHours);
    if (this.arrived === this.warmup) this.windowStartHours = this.lastChangeHours = nowHours;
    if (this.arrived >= this.warmup) this.windowArrivals++;
    this.arrived++;
    if (this.tail === this.arrivalTimes.length) this.compact();
    this.arrivalTimes[this.tail++] = nowHours;
    this.inSystem++;
  }

  /** Takes the customer at the head of the queue into service. */
  startService(nowHours: number): void {
    this.accumulate(nowHours);
    const arrivedAt = this.arrivalTimes[this.head++]!;
    if (this.served >= this.warmup) this.waitSum += nowHours - arrivedAt;
    this.served++;
    if (this.served === this.warmup + this.measured) this.done = true;
  }

  depart(nowHours: number): void {
    this.accumulate(nowHours);
    this.inSystem--;
  }

  result(events: number): Mm1Result {
    const windowHours = this.lastChangeHours - this.windowStartHours;
    return {
      customersSimulated: this.served,
      customersMeasured: this.served - this.warmup,
      meanWaitHours: this.waitSum / (this.served - this.warmup),
      meanInSystem: this.systemArea / windowHours,
      meanInQueue: this.queueArea / windowHours,
      observedArrivalRate: this.windowArrivals / windowHours,
      events,
    };
  }

  /** Integrates the number in system and in queue up to now, inside the window only. */
  private accumulate(nowHours: number): void {
    if (this.done || !(this.windowStartHours <= nowHours)) return;
    const elapsed = nowHours - this.lastChangeHours;
    this.systemArea += elapsed * this.inSystem;
    this.queueArea += elapsed * (this.tail - this.head);
    this.lastChangeHours = nowHours;
  }

  /** Moves the waiting customers to the front of the buffer, growing it when more than half full. */
  private compact(): void {
    const waiting = this.tail - this.head;
    const target = waiting * 2 > this.arrivalTimes.length ? new Float64Array(this.arrivalTimes.length * 2) : this.arrivalTimes;
    target.set(this.arrivalTimes.subarray(this.head, this.tail), 0);
    this.arrivalTimes = target;
    this.head = 0;
    this.tail = waiting;
  }
}

/** What a run of either version is made of: kernel, streams, ledger, arrival process. */
interface Mm1Run {
  kernel: Kernel;
  ledger: QueueLedger;
  service: RandomStream;
  meanServiceHours: number;
  /** Starts the arrival process; `onArrival` runs after each arrival is in the queue. */
  startArrivals(onArrival: () => void): void;
}

function prepare(options: Mm1Options): Mm1Run {
  if (!(options.serviceRate > options.arrivalRate && options.arrivalRate > 0)) {
    throw new RangeError(`M/M/1 needs 0 < arrivalRate < serviceRate (got ${options.arrivalRate}, ${options.serviceRate})`);
  }
  const kernel = new Kernel();
  const streams = new RandomStreams(options.seed);
  const arrivals = streams.stream('mm1/arrivals');
  const ledger = new QueueLedger(options.warmupCustomers, options.customers);
  const meanInterarrivalHours = 1 / options.arrivalRate;
  return {
    kernel,
    ledger,
    service: streams.stream('mm1/service'),
    meanServiceHours: 1 / options.serviceRate,
    startArrivals(onArrival) {
      // One action for every arrival: nothing is allocated per event.
      const arrive = (): void => {
        if (ledger.done) return;
        ledger.arrive(kernel.now);
        onArrival();
        kernel.schedule(arrivals.exponential(meanInterarrivalHours), arrive);
      };
      kernel.schedule(arrivals.exponential(meanInterarrivalHours), arrive);
    },
  };
}

/** M/M/1 with the server as two reusable kernel actions (no closure per event). */
export function runMm1Plain(options: Mm1Options): Mm1Result {
  const { kernel, ledger, service, meanServiceHours, startArrivals } = prepare(options);
  let busy = false;
  const startService = (): void => {
    busy = true;
    ledger.startService(kernel.now);
    kernel.schedule(service.exponential(meanServiceHours), depart);
  };
  const depart = (): void => {
    busy = false;
    ledger.depart(kernel.now);
    if (ledger.waiting > 0 && !ledger.done) startService();
  };
  startArrivals(() => {
    if (!busy) startService();
  });
  kernel.run();
  return ledger.result(kernel.eventsProcessed);
}

interface ServerContext {
  kernel: Kernel;
  ledger: QueueLedger;
  service: RandomStream;
  meanServiceHours: number;
}

/**
 * The server as an xstate machine, defined once per process. `serviceTime` is an `after`
 * delay drawn from the service stream on entry to `busy`, so each service completion is a
 * kernel event placed through the kernel's xstate `Clock`. The ledger is plain mutable data
 * held by reference: `assign` would copy the context on every event for nothing.
 */
export const serverMachine = setup({
  types: {
    context: {} as ServerContext,
    input: {} as ServerContext,
    events: {} as { type: 'customer.arrived' },
  },
  delays: {
    serviceTime: ({ context }) => context.service.exponential(context.meanServiceHours),
  },
  guards: {
    customerWaiting: ({ context }) => context.ledger.waiting > 0 && !context.ledger.done,
  },
  actions: {
    startService: ({ context }) => context.ledger.startService(context.kernel.now),
    depart: ({ context }) => context.ledger.depart(context.kernel.now),
  },
}).createMachine({
  id: 'server',
  context: ({ input }) => input,
  initial: 'idle',
  states: {
    idle: {
      on: { 'customer.arrived': { target: 'busy', actions: 'startService' } },
    },
    busy: {
      after: {
        serviceTime: [
          { guard: 'customerWaiting', target: 'busy', reenter: true, actions: ['depart', 'startService'] },
          { target: 'idle', actions: 'depart' },
        ],
      },
    },
  },
});

const CUSTOMER_ARRIVED = { type: 'customer.arrived' } as const;

/**
 * M/M/1 with the server as an xstate actor created with `{ clock: kernel }`. Arrivals are
 * plain kernel events that join the queue and wake the server only when it is idle: a busy
 * server takes the next customer itself when its service delay ends.
 */
export function runMm1Actor(options: Mm1Options): Mm1Result {
  const { kernel, ledger, service, meanServiceHours, startArrivals } = prepare(options);
  const server = createActor(serverMachine, { clock: kernel, input: { kernel, ledger, service, meanServiceHours } });
  server.start();
  startArrivals(() => {
    if (server.getSnapshot().value === 'idle') server.send(CUSTOMER_ARRIVED);
  });
  kernel.run();
  server.stop();
  return ledger.result(kernel.eventsProcessed);
}

type TransitionServerEvent = { type: 'customer.arrived' } | { type: 'service.done' };

/**
 * M/M/1 with the server as an xstate transition actor (`fromTransition`) created with
 * `{ clock: kernel }`. Each service end is a delayed self-event placed by xstate's own
 * scheduler (what `after` and delayed `sendTo` compile to), so it is a kernel event too; the
 * actor skips the state-machine algorithm (transition selection, exit/entry sets), which is
 * what a hot, two-state component does not need.
 */
export function runMm1TransitionActor(options: Mm1Options): Mm1Result {
  const { kernel, ledger, service, meanServiceHours, startArrivals } = prepare(options);
  const SERVICE_DONE = { type: 'service.done' } as const;
  const logic = fromTransition<'idle' | 'busy', TransitionServerEvent, ActorSystem<any>, unknown, EventObject>((state, event, scope) => {
    const startService = (): 'busy' => {
      ledger.startService(kernel.now);
      scope.system.scheduler.schedule(scope.self, scope.self, SERVICE_DONE, service.exponential(meanServiceHours), 'service');
      return 'busy';
    };
    if (event.type === 'customer.arrived') return state === 'idle' ? startService() : state;
    ledger.depart(kernel.now);
    return ledger.waiting > 0 && !ledger.done ? startService() : 'idle';
  }, 'idle');
  const server = createActor(logic, { clock: kernel });
  server.start();
  startArrivals(() => {
    if (server.getSnapshot().context === 'idle') server.send(CUSTOMER_ARRIVED);
  });
  kernel.run();
  server.stop();
  return ledger.result(kernel.eventsProcessed);
}
