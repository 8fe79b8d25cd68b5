import { chartLogic, type ChartActor } from './chart.js';

/** What a coordination cell agent asks of the simulation; implemented in engine/coordination/cell-runtime.ts. */
export interface CoordinationCellPort {
  setupHours(): number;
  /** The cell works: duplicated effort falls from now on. */
  open(): void;
}

export type CoordinationCellEvent = { type: 'cell.engaged' };

export type CoordinationCellState = 'closed' | 'settingUp' | 'working';

/**
 * A coordination cell (an organization's operations cell, an OSOCC or HuMOCC): closed until
 * the organization engages with the crisis (a mandate, or members' forces committed without
 * one), then set up, then working. Coordinating forces on the ground does not wait for the
 * legal question of a mandate, so removing a mandate requirement cannot delay it. Run as a
 * transition actor (agents/chart.ts).
 */
export const coordinationCellLogic = chartLogic<CoordinationCellState, CoordinationCellPort, CoordinationCellEvent>({
  initial: 'closed',
  states: {
    closed: { on: { 'cell.engaged': 'settingUp' } },
    settingUp: { after: { delayHours: (port) => port.setupHours(), then: { target: 'working', action: (port) => port.open() } } },
    working: {},
  },
});

export type CoordinationCellActor = ChartActor<CoordinationCellState, CoordinationCellPort, CoordinationCellEvent>;
