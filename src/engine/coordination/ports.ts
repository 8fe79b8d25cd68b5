import type { RunContext } from '../run-context.js';

/** The part of a run a coordination cell uses: actors, world changes and the trace. */
export type CellContext = Pick<RunContext, 'createActor' | 'startActor' | 'change' | 'trace'>;
