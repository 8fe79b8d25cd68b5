import type { CrisisEvent } from '../agents/crisis.js';
import type { Kernel } from '../kernel/kernel.js';
import type { MetricsRecorder } from '../metrics/recorder.js';
import { coverageAt, CoverageScan, type NeedCurve } from '../model/needs.js';
import { effectiveSupply } from '../model/supply.js';
import type { WorldState } from '../model/world.js';
import type { Scenario } from '../scenario/schema.js';

type CoverageMetric = 'needsMet50Hours' | 'needsMet90Hours';

/**
 * A coverage level to watch: when it is first reached (at the exact time, found by
 * `CoverageScan`) the recorder notes the metric and the crisis agent is told.
 */
interface CoverageCrossing {
  target: number;
  reached: boolean;
  eventId: number | undefined;
  fire: () => void;
}

/**
 * Effective supply against need: re-derived after every world change, told to the
 * recorder, and the next coverage crossings (50%, 90%, resolution) scheduled at their
 * exact times. Nothing polls.
 */
export class SupplyWatch {
  private readonly curves: NeedCurve[] = [];
  private readonly supplies: number[] = [];
  private readonly crossings: CoverageCrossing[];
  /** The crossing searches, over {@link curves} and {@link supplies} (restarted after each supply change). */
  private readonly scan: CoverageScan;
  private suppliedNeeds: WorldState['needs'] | undefined;
  private suppliedValues: number[] = [];
  /** The records effective supply was last derived from (immer keeps an unchanged record's identity). */
  private derivedFrom: { deployed: WorldState['deployed']; effectiveness: WorldState['effectiveness']; coordinationCell: WorldState['coordinationCell'] } | undefined;

  constructor(
    private readonly scenario: Scenario,
    private readonly kernel: Kernel,
    private readonly recorder: MetricsRecorder,
    private readonly capabilities: readonly string[],
    private readonly hosts: ReadonlySet<string>,
    private readonly horizonHours: number,
    tellCrisis: (event: CrisisEvent) => void,
  ) {
    const crossing = (target: number, metric: CoverageMetric | null, event: CrisisEvent | null): CoverageCrossing => {
      const watched: CoverageCrossing = {
        target,
        reached: false,
        eventId: undefined,
        fire: () => {
          watched.reached = true;
          watched.eventId = undefined;
          if (metric) this.recorder.coverageReached(metric, this.kernel.now);
          if (event) tellCrisis(event);
        },
      };
      return watched;
    };
    this.scan = new CoverageScan(this.curves, this.supplies, 0, horizonHours);
    this.crossings = [
      crossing(0.5, 'needsMet50Hours', { type: 'coverage.half' }),
      crossing(0.9, 'needsMet90Hours', null),
      crossing(scenario.crisis.resolveAtCoverage, null, { type: 'coverage.resolved' }),
    ];
  }

  /** Share of total need met now (0..1). */
  coverage(): number {
    return coverageAt(this.curves, this.supplies, this.kernel.now);
  }

  /**
   * Recomputes effective supply, tells the recorder, and re-times the coverage crossings.
   * Most world changes (trust, policies, mandates, budgets) leave needs and supply as they
   * were; then the crossings already scheduled still hold and nothing is recomputed. When
   * none of the records supply is derived from changed (same objects: immer copies only
   * what a change writes), supply is not even re-derived.
   */
  refresh(world: WorldState): void {
    if (world.resolved) {
      for (const crossing of this.crossings) this.cancel(crossing);
      return;
    }
    const from = this.derivedFrom;
    if (from && world.needs === this.suppliedNeeds && world.deployed === from.deployed && world.effectiveness === from.effectiveness && world.coordinationCell === from.coordinationCell) return;
    this.derivedFrom = { deployed: world.deployed, effectiveness: world.effectiveness, coordinationCell: world.coordinationCell };
    effectiveSupply(this.scenario, world, this.capabilities, this.hosts, this.curves, this.supplies);
    if (world.needs === this.suppliedNeeds && sameValues(this.supplies, this.suppliedValues)) return;
    const now = this.kernel.now;
    this.suppliedNeeds = world.needs;
    this.suppliedValues = this.supplies.slice();
    this.recorder.setSupply(this.curves, this.supplies, now);
    this.scan.restart(now, this.horizonHours);
    for (const crossing of this.crossings) {
      this.cancel(crossing);
      if (crossing.reached) continue;
      const at = this.scan.firstCrossing(crossing.target);
      if (at !== null) crossing.eventId = this.kernel.scheduleAt(at, crossing.fire);
    }
  }

  private cancel(crossing: CoverageCrossing): void {
    if (crossing.eventId !== undefined) this.kernel.cancel(crossing.eventId);
    crossing.eventId = undefined;
  }
}

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
