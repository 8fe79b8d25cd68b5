import { incidentFactor, rivalPairs } from '../../model/diplomacy.js';
import { relationKey } from '../../model/relations.js';
import { hasUnitsDeployed } from '../../model/supply.js';
import type { RandomStream } from '../../kernel/random.js';
import type { RunContext } from '../run-context.js';
import type { ConfidenceBuilding } from './confidence-building.js';

/** The largest incident factor (no channel, no trust): candidates are drawn at this rate and thinned. */
const MAX_FACTOR = incidentFactor(false, 0);

/**
 * Incidents between the forces of rival intervening powers (`crisis.incidents`), a
 * Poisson process per rival pair (rate lowered by a deconfliction channel, trust and shared
 * movement plans) sampled by thinning: candidate times at the largest rate
 * from the pair's own stream, each kept with probability (current rate / largest rate).
 * Exact for a rate that changes at any time, and a change to one pair never shifts
 * another pair's draws (common random numbers).
 */
export class Incidents {
  constructor(
    private readonly sim: RunContext,
    /** Movement plans the rivals shared lower their rate (at most 1, so thinning stays exact). */
    private readonly confidence: Pick<ConfidenceBuilding, 'incidentFactor'>,
  ) {}

  start(): void {
    const spec = this.sim.scenario.crisis.incidents;
    if (!spec || spec.perHourPerPair <= 0) return;
    const maxRate = spec.perHourPerPair * MAX_FACTOR;
    for (const [a, b] of rivalPairs(this.sim.scenario)) {
      const stream = this.sim.stream(`incident/${relationKey(a, b)}`);
      this.scheduleNext(a, b, stream, maxRate, spec.trustDrop);
    }
  }

  private scheduleNext(a: string, b: string, stream: RandomStream, maxRate: number, trustDrop: number): void {
    const sim = this.sim;
    const gap = stream.exponential(1 / maxRate);
    if (sim.now + gap > sim.horizonHours) return;
    sim.schedule(gap, () => {
      const keep = stream.random();
      const world = sim.world.state;
      const bothIn = hasUnitsDeployed(world.deployed[a]) && hasUnitsDeployed(world.deployed[b]);
      if (bothIn && !world.resolved && keep < (incidentFactor(sim.hotlineUp(a, b), sim.trust(a, b)) * this.confidence.incidentFactor(a, b)) / MAX_FACTOR) this.incident(a, b, trustDrop);
      this.scheduleNext(a, b, stream, maxRate, trustDrop);
    });
  }

  private incident(a: string, b: string, trustDrop: number): void {
    const sim = this.sim;
    sim.trace('crisis', 'incident', { data: { between: [a, b] } });
    sim.change(`incident:${a}:${b}`, (world) => {
      world.incidents++;
      sim.shiftTrust(world, a, b, 'incident', -trustDrop);
    });
  }
}
