import { coordinationCellLogic, type CoordinationCellActor, type CoordinationCellPort } from '../../agents/coordination-cell.js';
import type { RandomStream } from '../../kernel/random.js';
import type { Delay } from '../../scenario/schema.js';
import { drawDelay } from '../delays.js';
import type { CellContext } from './ports.js';

/**
 * Runs one coordination cell: engaged once (by a mandate or by members' forces committed),
 * set up after a drawn delay, then working. Traced as `cell:<organization>`.
 */
export class CoordinationCellRuntime implements CoordinationCellPort {
  private readonly actor: CoordinationCellActor;
  private engaged = false;

  constructor(
    private readonly run: CellContext,
    private readonly organizationId: string,
    private readonly setup: Delay,
    private readonly stream: RandomStream,
  ) {
    this.actor = run.createActor(coordinationCellLogic, { input: { port: this } });
  }

  start(): void {
    this.run.startActor(`cell:${this.organizationId}`, this.actor);
  }

  stop(): void {
    this.actor.stop();
  }

  /** Whether the cell was engaged (its set-up started, or it works). */
  get isEngaged(): boolean {
    return this.engaged;
  }

  /** The organization engages with the crisis; the first call starts the set-up, later ones change nothing. */
  engage(reason: string): void {
    if (this.engaged) return;
    this.engaged = true;
    this.run.trace(`cell:${this.organizationId}`, 'cell.engaged', { data: { reason } });
    this.actor.send({ type: 'cell.engaged' });
  }

  setupHours(): number {
    return drawDelay(this.setup, this.stream);
  }

  open(): void {
    this.run.change(`coordination-cell:${this.organizationId}`, (world) => {
      world.coordinationCell[this.organizationId] = true;
    });
  }
}
