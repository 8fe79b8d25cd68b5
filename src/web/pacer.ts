/**
 * The paced clock: while running, simulated time moves on by itself at a set rate (one
 * simulated hour per wall minute by default), in small steps, each a logged `advance`,
 * so a paced stretch replays exactly like typed ones. It stops by itself when a team
 * must decide, at the horizon, or when the controller pauses it.
 */

/** Default pace: simulated hours per wall-clock minute. */
export const DEFAULT_SIM_HOURS_PER_WALL_MINUTE = 1;
/** Wall-clock seconds between two paced steps. */
export const PACE_STEP_SECONDS = 5;

export interface PaceState {
  running: boolean;
  simHoursPerWallMinute: number;
  /** Why the clock stopped by itself last time, e.g. a decision is waiting. */
  stoppedBecause: string;
}

export class Pacer {
  private timer: NodeJS.Timeout | undefined;
  private rate = DEFAULT_SIM_HOURS_PER_WALL_MINUTE;
  private stoppedBecause = '';

  /**
   * `step(hours)` moves the clock on by that many simulated hours and returns why it
   * must stop, or undefined to go on; `changed` is told whenever the pace state changes.
   */
  constructor(
    private readonly step: (simHours: number) => string | undefined,
    private readonly changed: () => void,
    private readonly stepSeconds = PACE_STEP_SECONDS,
  ) {}

  state(): PaceState {
    return { running: this.timer !== undefined, simHoursPerWallMinute: this.rate, stoppedBecause: this.stoppedBecause };
  }

  start(simHoursPerWallMinute = this.rate): void {
    this.rate = simHoursPerWallMinute;
    this.stoppedBecause = '';
    if (this.timer === undefined) this.timer = setInterval(() => this.tick(), this.stepSeconds * 1000);
    this.changed();
  }

  /** Stops the clock; pages are told only if it was running. */
  pause(because = ''): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.stoppedBecause = because;
    this.changed();
  }

  private tick(): void {
    const stop = this.step((this.rate * this.stepSeconds) / 60);
    if (stop !== undefined) this.pause(stop);
  }
}
