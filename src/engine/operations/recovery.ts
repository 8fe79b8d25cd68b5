import { HANDOVER } from '../../model/operations.js';
import type { RunContext } from '../run-context.js';
import { unitsCalledFor } from './handover.js';

/** What a recovering contributor does when its daily review finds units the need no longer calls for. */
export interface RecoveringForce {
  readonly nationId: string;
  /** Whether it is still in recovery (a host may have asked it to leave meanwhile). */
  recovering(): boolean;
  /** Sends home now, for each capability listed, so many of its units (one world change). */
  release(releases: readonly (readonly [capability: string, units: number])[]): void;
  /** Every unit has gone home: the nation's part of the operation is over. */
  handedOver(): void;
}

/**
 * A contributor's reviews during the recovery (`HANDOVER`): every `checkHours` from the end
 * of relief it sends home the units the need no longer calls for. Nothing polls: when the
 * world stays as it is, the next review that can release a unit is known from the need
 * curves in closed form, and only that one is scheduled (the same day a daily check would
 * find it); while no need it serves is falling, it reviews daily, since others may arrive.
 */
export class RecoveryReview {
  private startHours = 0;
  /**
   * A scheduled review: moot if the force left the recovery meanwhile (asked to leave).
   * One function for every review of this force, assigned in the constructor rather than
   * as a named class field, which tsx would name with an Object.defineProperty per force.
   */
  private readonly scheduledReview: () => void;

  constructor(
    private readonly sim: RunContext,
    private readonly force: RecoveringForce,
  ) {
    this.scheduledReview = () => {
      if (this.force.recovering()) this.review();
    };
  }

  /** Relief is over (called as the recovery begins, before the force's state says so). */
  begin(): void {
    this.startHours = this.sim.now;
    this.review();
  }

  /**
   * Sends home what the need no longer calls for and schedules the next review. When the
   * next unit can go is read from this review's own figures: its release changes only this
   * nation's units, down to what it keeps, and leaves the others' units and the needs as
   * they are, so a second look at the world after it would find the same.
   */
  private review(): void {
    const sim = this.sim;
    const releases: [string, number][] = [];
    let kept = 0;
    let soonest = Infinity;
    unitsCalledFor(sim.world.state, this.force.nationId, sim.now, (capability, own, keep, hoursToFewer) => {
      if (own > keep) releases.push([capability, own - keep]);
      kept += keep;
      soonest = Math.min(soonest, hoursToFewer);
    });
    if (releases.length > 0) this.force.release(releases);
    if (kept === 0) {
      this.force.handedOver();
      return;
    }
    sim.schedule(this.hoursToReview(Number.isFinite(soonest) ? soonest : HANDOVER.checkHours), this.scheduledReview);
  }

  /** Hours from now to the first daily review at or after `hours` from now (at least one day on). */
  private hoursToReview(hours: number): number {
    const now = this.sim.now;
    const days = Math.max(Math.ceil((now + hours - this.startHours) / HANDOVER.checkHours - 1e-9), Math.round((now - this.startHours) / HANDOVER.checkHours) + 1);
    return this.startHours + days * HANDOVER.checkHours - now;
  }
}
