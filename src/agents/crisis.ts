import { fromTransition, type Actor, type ActorSystem, type EventObject } from 'xstate';
import { stateName } from './state-name.js';

/** What the crisis agent asks of the simulation; implemented in engine/crisis-runtime.ts. */
export interface CrisisPort {
  /** Hours until the next escalation or attack at current hazard rates (Infinity if none). */
  hoursToNextHazard(): number;
  /** (Re)starts the hazard timer, a plain kernel event: `hazard.due` follows after `delayHours`. */
  timeHazard(delayHours: number): void;
  stopHazardTimer(): void;
  fireHazard(): void;
  resolve(): void;
}

export type CrisisEvent =
  | { type: 'hazard.changed' }
  | { type: 'hazard.due' }
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

function at(phase: Phase, hazard: Hazard, port: CrisisPort): CrisisContext {
  return { phase, hazard, state: NAMES[phase][hazard], port };
}

const hazardPending = (port: CrisisPort) => Number.isFinite(port.hoursToNextHazard());

/**
 * Enters `waiting`: reads the time to the next event and starts the timer (when the actor
 * starts, for the initial state). Nothing in a crisis step schedules a kernel event after
 * this, so starting the timer now or at the step's end (as xstate's `after` did) gives the
 * same order of kernel events.
 */
function wait(context: CrisisContext, starting: boolean): CrisisContext {
  const delayHours = context.port.hoursToNextHazard();
  if (starting) return { ...at(context.phase, 'waiting', context.port), initialTimerHours: delayHours };
  context.port.timeHazard(delayHours);
  return at(context.phase, 'waiting', context.port);
}

/** The phase region: acute -> stabilizing -> resolved (final; its entry resolves the crisis). */
function phaseStep(context: CrisisContext, event: CrisisEvent): CrisisContext {
  const to = event.type === 'coverage.resolved' ? 'resolved' : event.type === 'coverage.half' && context.phase === 'acute' ? 'stabilizing' : undefined;
  if (to === undefined || context.phase === 'resolved') return context;
  if (to === 'resolved') context.port.resolve();
  return at(to, context.hazard, context.port);
}

/**
 * The hazard region: `waiting` fires when its timer is due, or is re-timed (left and
 * entered again) when rates change. The runtime re-times a waiting hazard itself when the
 * crisis is between steps (the same effect, without a step: CrisisRuntime.hazardChanged).
 */
function hazardStep(context: CrisisContext, event: CrisisEvent): CrisisContext {
  const { port } = context;
  if (context.hazard === 'quiet') return event.type === 'hazard.changed' && hazardPending(port) ? wait(context, false) : context;
  if (event.type === 'hazard.due') {
    port.fireHazard();
    return at(context.phase, 'quiet', port);
  }
  if (event.type !== 'hazard.changed') return context;
  if (hazardPending(port)) return wait(context, false);
  port.stopHazardTimer();
  return at(context.phase, 'quiet', port);
}

/** `quiet` goes to `waiting` as soon as a hazard is pending, checked after every event (an eventless transition). */
function settle(context: CrisisContext, starting: boolean): CrisisContext {
  return context.hazard === 'quiet' && hazardPending(context.port) ? wait(context, starting) : context;
}

/**
 * The crisis itself: acute until half of needs are met, stabilizing until the resolution
 * share is met, then resolved. A second region waits for the next escalation or attack,
 * re-timed whenever the hazard rate changes; its timer is a plain kernel event of the
 * runtime. A transition actor with the two regions of what was a parallel machine, whose
 * state names it keeps (agents/chart.ts gives the rules it follows).
 */
export const crisisLogic = {
  ...fromTransition<CrisisContext, CrisisEvent, ActorSystem<any>, { port: CrisisPort }, EventObject>(
    (context, event) => {
      if ((event as EventObject).type === 'xstate.stop') return context;
      const stepped = event.type === 'coverage.half' || event.type === 'coverage.resolved' ? phaseStep(context, event) : hazardStep(context, event);
      return settle(stepped, false);
    },
    ({ input }) => settle(at('acute', 'quiet', input.port), true),
  ),
  start: (snapshot: { context: CrisisContext }) => {
    const delayHours = snapshot.context.initialTimerHours;
    if (delayHours !== undefined) snapshot.context.port.timeHazard(delayHours);
  },
};

export type CrisisActor = Actor<typeof crisisLogic>;
