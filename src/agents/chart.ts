import { fromTransition, type Actor, type ActorRef, type ActorSystem, type AnyActorScope, type EventObject, type Snapshot, type TransitionActorLogic } from 'xstate';

/**
 * Flat charts as xstate v5 transition actors (`fromTransition`).
 *
 * Every agent is an xstate actor created with `createActor(logic, { clock: kernel })`: it has
 * xstate's mailbox (an event sent while the agent is busy waits for the end of its step),
 * and its timers are delayed self-events placed by xstate's scheduler on the kernel clock.
 * What the agents do not need is the statechart algorithm (transition domains, exit and
 * entry sets, a new snapshot of state-node sets per step): their charts are flat. So each
 * chart is declared here as states with `on`, `after`, `always`, `entry` and `exit`, and run by one
 * small transition function that keeps the order of effects of a `setup().createMachine()`
 * machine exactly, so the trace and every result stay those of the machines they replace
 * (docs/architecture.md, "xstate-driven"):
 *
 * 1. the event is handled by the current state's `on`, else by the chart's `on` (a chart-level
 *    transition always leaves and re-enters, even towards the current state); the first
 *    candidate whose guard passes is taken, guards read before anything runs;
 * 2. leaving a state runs its `exit` and cancels its timer; the transition's action runs;
 *    entering a state runs its `entry`, then reads its timer's delay (a random draw, for
 *    most) and starts it;
 * 3. after every event, handled or not, the current state's `always` candidates are tried
 *    (eventless transitions, with the same event), until none is taken;
 * 4. timers are started and cancelled when the step is over, before observers see the new
 *    snapshot (xstate defers its scheduler calls the same way);
 * 5. a `final` state ignores every event (a machine that reached one is done).
 *
 * A transition whose target is the current state, without `reenter`, is targetless: its
 * action runs, nothing is left or entered (xstate v5's default).
 */

/** One candidate transition. */
export interface ChartTransition<S extends string, P, E extends EventObject> {
  /** The state to go to; none: stay (only the action runs). */
  readonly target?: S;
  readonly guard?: (port: P, event: E) => boolean;
  readonly action?: (port: P, event: E) => void;
  /** With `target` the current state: leave it and enter it again (its timer re-drawn). */
  readonly reenter?: boolean;
}

/** A target state, one transition, or candidates tried in order. */
export type ChartHandler<S extends string, P, E extends EventObject> = S | ChartTransition<S, P, E> | readonly ChartTransition<S, P, E>[];

export interface ChartState<S extends string, P, E extends EventObject> {
  readonly entry?: (port: P) => void;
  /** Runs when the state is left (before the transition's action). */
  readonly exit?: (port: P) => void;
  /** A timer started on entry and cancelled on exit (xstate's `after`); its delay is read on entry. */
  readonly after?: { readonly delayHours: (port: P) => number; readonly then: ChartHandler<S, P, E> };
  /** Eventless transitions, tried after every event. */
  readonly always?: ChartHandler<S, P, E>;
  readonly on?: { readonly [K in E['type']]?: ChartHandler<S, P, Extract<E, { type: K }>> };
  readonly final?: true;
}

export interface ChartConfig<S extends string, P, E extends EventObject> {
  readonly initial: S;
  /** Transitions taken from any state that does not handle the event itself. */
  readonly on?: ChartState<S, P, E>['on'];
  readonly states: { readonly [K in S]: ChartState<S, P, E> };
}

/** The actor's whole state: the chart state's name and the agent's port to the simulation. */
export interface ChartContext<S extends string, P> {
  readonly state: S;
  readonly port: P;
  /** Set on the initial context only: the initial state's timer, started when the actor starts. */
  readonly initialTimerHours?: number;
}

/** A timer's self-event; `state` is the state that started it. */
export interface ChartTimerEvent {
  readonly type: 'chart.timer';
  readonly state: string;
}

export type ChartLogic<S extends string, P, E extends EventObject> = TransitionActorLogic<ChartContext<S, P>, E | ChartTimerEvent, { port: P }>;
export type ChartActor<S extends string, P, E extends EventObject> = Actor<ChartLogic<S, P, E>>;

/** xstate's stop event: the actor stops, the chart does nothing (a machine's stop runs no transition). */
const STOP = 'xstate.stop';

/** A state's timer: its self-event and its id in xstate's scheduler. */
export interface ChartTimer {
  readonly event: ChartTimerEvent;
  readonly id: string;
}

/**
 * The id of every chart timer in xstate's scheduler. A flat chart has at most one timer
 * pending, its current state's (leaving a state cancels its timer before the next state's
 * starts, and a timer that fired is already forgotten), so one id serves all its states.
 * xstate keeps timers in plain objects under `<session id>.<timer id>`, and the first use
 * of a key costs V8 a new hidden class and string (about 1.4 us); with one id per chart,
 * an actor's later timers reuse the key of its first (docs/performance.md).
 */
const TIMER_ID = 'chart.timer';

export function chartTimer(state: string): ChartTimer {
  return { event: { type: 'chart.timer', state }, id: TIMER_ID };
}

/** Starts a timer through xstate's scheduler when the step is over (as `after` does on entry). */
export function startTimer(scope: AnyActorScope, timer: ChartTimer, delayHours: number): void {
  scope.defer(() => scope.system.scheduler.schedule(scope.self, scope.self, timer.event, delayHours, timer.id));
}

/** Cancels a timer when the step is over (as `after` does on exit). */
export function cancelTimer(scope: AnyActorScope, timer: ChartTimer): void {
  scope.defer(() => scope.system.scheduler.cancel(scope.self, timer.id));
}

type Candidates<S extends string, P, E extends EventObject> = readonly ChartTransition<S, P, E>[];

interface CompiledState<S extends string, P, E extends EventObject> {
  entry: ((port: P) => void) | undefined;
  exit: ((port: P) => void) | undefined;
  timer: (ChartTimer & { delayHours: (port: P) => number; then: Candidates<S, P, E> }) | undefined;
  always: Candidates<S, P, E> | undefined;
  on: Map<string, Candidates<S, P, E>>;
  final: boolean;
}

function candidates<S extends string, P, E extends EventObject>(handler: ChartHandler<S, P, E>): Candidates<S, P, E> {
  if (typeof handler === 'string') return [{ target: handler as S }];
  return Array.isArray(handler) ? (handler as Candidates<S, P, E>) : [handler as ChartTransition<S, P, E>];
}

function compileOn<S extends string, P, E extends EventObject>(on: ChartState<S, P, E>['on']): Map<string, Candidates<S, P, E>> {
  const compiled = new Map<string, Candidates<S, P, E>>();
  for (const [type, handler] of Object.entries(on ?? {})) compiled.set(type, candidates(handler as ChartHandler<S, P, E>));
  return compiled;
}

function select<S extends string, P, E extends EventObject>(options: Candidates<S, P, E> | undefined, port: P, event: E): ChartTransition<S, P, E> | undefined {
  if (options === undefined) return undefined;
  for (const option of options) if (option.guard === undefined || option.guard(port, event)) return option;
  return undefined;
}

/** The transition-actor logic of a flat chart (see the module comment for its semantics). */
export function chartLogic<S extends string, P, E extends EventObject>(config: ChartConfig<S, P, E>): ChartLogic<S, P, E> {
  type Context = ChartContext<S, P>;
  const states = new Map<string, CompiledState<S, P, E>>();
  for (const [name, state] of Object.entries(config.states) as [S, ChartState<S, P, E>][]) {
    states.set(name, {
      entry: state.entry,
      exit: state.exit,
      timer: state.after && { ...chartTimer(name), delayHours: state.after.delayHours, then: candidates(state.after.then) },
      always: state.always && candidates(state.always),
      on: compileOn(state.on),
      final: state.final === true,
    });
  }
  const chartOn = compileOn(config.on);
  const compiled = (name: S) => states.get(name)!;

  /**
   * Leaves `from` (if it was active) and enters `to`; scheduler calls are deferred to the
   * step's end (with no scope, at creation, the timer's delay is returned to be started at
   * start). A timer that has just fired is not cancelled: xstate's scheduler already forgot
   * it, so cancelling would do nothing.
   */
  function move(from: S | undefined, to: S, transition: ChartTransition<S, P, E> | undefined, port: P, event: E, scope: AnyActorScope | undefined, timerFired: boolean): number | undefined {
    if (from !== undefined) {
      const left = compiled(from);
      left.exit?.(port);
      if (left.timer && scope && !timerFired) cancelTimer(scope, left.timer);
    }
    transition?.action?.(port, event);
    const entered = compiled(to);
    entered.entry?.(port);
    const timer = entered.timer;
    if (timer === undefined) return undefined;
    const delayHours = timer.delayHours(port);
    if (scope === undefined) return delayHours;
    startTimer(scope, timer, delayHours);
    return undefined;
  }

  function take(current: Context, transition: ChartTransition<S, P, E>, fromChart: boolean, event: E, scope: AnyActorScope | undefined, timerFired = false): Context {
    const target = transition.target;
    if (target === undefined || (target === current.state && transition.reenter !== true && !fromChart)) {
      transition.action?.(current.port, event);
      return current;
    }
    const initialTimerHours = move(current.state, target, transition, current.port, event, scope, timerFired);
    if (initialTimerHours !== undefined) return { state: target, port: current.port, initialTimerHours };
    // Entering the same state again changes neither its name nor the port: the context stays.
    return target === current.state ? current : { state: target, port: current.port };
  }

  function settle(context: Context, event: E, scope: AnyActorScope | undefined): Context {
    for (;;) {
      const transition = select(compiled(context.state).always, context.port, event);
      if (transition === undefined) return context;
      const next = take(context, transition, false, event, scope);
      if (next === context) return context;
      context = next;
    }
  }

  const INIT = { type: 'xstate.init' } as E;

  const step = (context: Context, event: E | ChartTimerEvent, scope: AnyActorScope): Context => {
    const state = compiled(context.state);
    if (state.final || event.type === STOP) return context;
    let handled = context;
    if (event.type === 'chart.timer') {
      const timer = state.timer;
      const transition = timer && (event as ChartTimerEvent).state === context.state ? select(timer.then, context.port, event as E) : undefined;
      if (transition) handled = take(context, transition, false, event as E, scope, true);
    } else {
      const own = select(state.on.get(event.type), context.port, event as E);
      const transition = own ?? select(chartOn.get(event.type), context.port, event as E);
      if (transition) handled = take(context, transition, own === undefined, event as E, scope);
    }
    return settle(handled, event as E, scope);
  };
  const logic = fromTransition<Context, E | ChartTimerEvent, ActorSystem<any>, { port: P }, EventObject>(
    step,
    // The initial state is entered when the actor is created, as a machine's is: its timer's
    // delay is read then, and the timer started when the actor starts.
    ({ input }) => {
      const initialTimerHours = move(undefined, config.initial, undefined, input.port, INIT, undefined, false);
      return settle({ state: config.initial, port: input.port, initialTimerHours }, INIT, undefined);
    },
  );
  return {
    ...logic,
    // fromTransition's own, except that a step that changed nothing (an unhandled event, a
    // state entered again) keeps the snapshot instead of copying it.
    transition: (snapshot, event, scope) => {
      const context = step(snapshot.context, event, scope);
      return context === snapshot.context ? snapshot : { ...snapshot, context };
    },
    start: (snapshot, scope) => {
      const delayHours = snapshot.context.initialTimerHours;
      const timer = compiled(snapshot.context.state).timer;
      if (delayHours !== undefined && timer !== undefined) startTimer(scope, timer, delayHours);
    },
  };
}

/** What the run reads of every agent's snapshot: the name of its state (e.g. `awaitingConsent`). */
export interface AgentSnapshot {
  readonly context: { readonly state: string };
}

/** Any agent's actor: a chart's, or the crisis's. */
export type AgentActorRef = ActorRef<Snapshot<unknown> & AgentSnapshot, any>;
