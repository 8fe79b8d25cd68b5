import { fromTransition, type Actor, type ActorSystem, type AnyActorScope, type EventObject } from 'xstate';
import { stateName } from './state-name.js';
import { cancelTimer, chartTimer, startTimer, type ChartTimerEvent } from './chart.js';

/** What the crisis agent asks of the simulation; implemented in engine/crisis-runtime.ts. */
export interface CrisisPort {
  /** Hours until the next escalation or attack at current hazard rates (Infinity if none). */
  hoursToNextHazard(): number;
  fireHazard(): void;
  resolve(): void;
}

export type CrisisEvent =
  | { type: 'hazard.changed' }
  | { type: 'coverage.half' }
  | { type: 'coverage.resolved' };

type Phase = 'acute' | 'stabilizing' | 'resolved';
type Hazard = 'quiet' | 'waiting';

export interface CrisisContext {
  readonly phase: Phase;
  readonly hazard: Hazard;
  /** The state's name in the trace, as a parallel machine's: `hazard.waiting,phase.acute`. */
  readonly state: string;
  readonly port: CrisisPort;
  /** Set on the initial context only: the hazard timer, started when the actor starts. */
  readonly initialTimerHours?: number;
}

const NAMES: Record<Phase, Record<Hazard, string>> = {
  acute: { quiet: stateName({ hazard: 'quiet', phase: 'acute' }), waiting: stateName({ hazard: 'waiting', phase: 'acute' }) },
  stabilizing: { quiet: stateName({ hazard: 'quiet', phase: 'stabilizing' }), waiting: stateName({ hazard: 'waiting', phase: 'stabilizing' }) },
  resolved: { quiet: stateName({ hazard: 'quiet', phase: 'resolved' }), waiting: stateName({ hazard: 'waiting', phase: 'resolved' }) },
};
const HAZARD_TIMER = chartTimer('waiting');

function at(phase: Phase, hazard: Hazard, port: CrisisPort): CrisisContext {
  return { phase, hazard, state: NAMES[phase][hazard], port };
}

const hazardPending = (port: CrisisPort) => Number.isFinite(port.hoursToNextHazard());

/** Enters `waiting`: reads the time to the next event and starts the timer (at the step's end; at start for the initial state). */
function wait(context: CrisisContext, scope: AnyActorScope | undefined): CrisisContext {
  const delayHours = context.port.hoursToNextHazard();
  if (scope === undefined) return { ...at(context.phase, 'waiting', context.port), initialTimerHours: delayHours };
  startTimer(scope, HAZARD_TIMER, delayHours);
  return at(context.phase, 'waiting', context.port);
}

/** The phase region: acute -> stabilizing -> resolved (final; its entry resolves the crisis). */
function phaseStep(context: CrisisContext, event: CrisisEvent | ChartTimerEvent): CrisisContext {
  const to = event.type === 'coverage.resolved' ? 'resolved' : event.type === 'coverage.half' && context.phase === 'acute' ? 'stabilizing' : undefined;
  if (to === undefined || context.phase === 'resolved') return context;
  if (to === 'resolved') context.port.resolve();
  return at(to, context.hazard, context.port);
}

/** The hazard region: `waiting` fires at its timer, or is re-timed (left and entered again) when rates change. */
function hazardStep(context: CrisisContext, event: CrisisEvent | ChartTimerEvent, scope: AnyActorScope): CrisisContext {
  const { port } = context;
  if (context.hazard === 'quiet') return event.type === 'hazard.changed' && hazardPending(port) ? wait(context, scope) : context;
  if (event.type === 'chart.timer') {
    cancelTimer(scope, HAZARD_TIMER);
    port.fireHazard();
    return at(context.phase, 'quiet', port);
  }
  if (event.type !== 'hazard.changed') return context;
  const pending = hazardPending(port);
  cancelTimer(scope, HAZARD_TIMER);
  return pending ? wait(context, scope) : at(context.phase, 'quiet', port);
}

/** `quiet` goes to `waiting` as soon as a hazard is pending, checked after every event (an eventless transition). */
function settle(context: CrisisContext, scope: AnyActorScope | undefined): CrisisContext {
  return context.hazard === 'quiet' && hazardPending(context.port) ? wait(context, scope) : context;
}

/**
 * The crisis itself: acute until half of needs are met, stabilizing until the resolution
 * share is met, then resolved. A second region waits for the next escalation or attack,
 * re-timed whenever the hazard rate changes. A transition actor with the two regions of
 * what was a parallel machine, whose state names it keeps (agents/chart.ts gives the rules).
 */
export const crisisLogic = {
  ...fromTransition<CrisisContext, CrisisEvent | ChartTimerEvent, ActorSystem<any>, { port: CrisisPort }, EventObject>(
    (context, event, scope) => {
      if ((event as EventObject).type === 'xstate.stop') return context;
      const stepped = event.type === 'coverage.half' || event.type === 'coverage.resolved' ? phaseStep(context, event) : hazardStep(context, event, scope);
      return settle(stepped, scope);
    },
    ({ input }) => settle(at('acute', 'quiet', input.port), undefined),
  ),
  start: (snapshot: { context: CrisisContext }, scope: AnyActorScope) => {
    const delayHours = snapshot.context.initialTimerHours;
    if (delayHours !== undefined) startTimer(scope, HAZARD_TIMER, delayHours);
  },
};

export type CrisisActor = Actor<typeof crisisLogic>;
