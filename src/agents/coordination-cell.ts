import { setup } from 'xstate';

/** What a coordination cell machine asks of the simulation; implemented in engine/coordination/cell-runtime.ts. */
export interface CoordinationCellPort {
  setupHours(): number;
  /** The cell works: duplicated effort falls from now on. */
  open(): void;
}

export type CoordinationCellEvent = { type: 'cell.engaged' };

/**
 * A coordination cell (an organization's operations cell, an OSOCC or HuMOCC): closed until
 * the organization engages with the crisis (a mandate, or members' forces committed without
 * one), then set up, then working. Coordinating forces on the ground does not wait for the
 * legal question of a mandate, so removing a mandate requirement cannot delay it.
 */
export const coordinationCellMachine = setup({
  types: {
    context: {} as { port: CoordinationCellPort },
    input: {} as { port: CoordinationCellPort },
    events: {} as CoordinationCellEvent,
  },
  delays: {
    setup: ({ context }) => context.port.setupHours(),
  },
  actions: {
    open: ({ context }) => context.port.open(),
  },
}).createMachine({
  id: 'coordination-cell',
  context: ({ input }) => ({ port: input.port }),
  initial: 'closed',
  states: {
    closed: { on: { 'cell.engaged': 'settingUp' } },
    settingUp: { after: { setup: { target: 'working', actions: 'open' } } },
    working: {},
  },
});
