import type { RunContext } from '../run-context.js';

/** The part of a run the port network uses: time, the world, relations and the trace (built only when someone traces). */
export type LogisticsContext = Pick<RunContext, 'scenario' | 'hosts' | 'now' | 'world' | 'schedule' | 'trace' | 'tracing' | 'relation' | 'trust'>;
