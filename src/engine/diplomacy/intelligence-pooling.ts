import { DIPLOMACY } from '../../model/diplomacy.js';
import { relationKey } from '../../model/relations.js';
import { hasUnitsDeployed } from '../../model/supply.js';
import type { RunContext } from '../run-context.js';
import { TRUST_RULES } from '../trust/rules.js';

/**
 * Intelligence pooling between allies (`relations[].intelligencePooling`): once both have
 * forces in theatre, every `poolingIntervalHours` each decides (decision `pooling`) whether
 * to share what it learned with the other. Sharing builds trust (`intelligence-pooled`),
 * withholding costs it (`intelligence-withheld`); the rounds stop when either leaves.
 */
export class IntelligencePooling {
  private readonly active = new Set<string>();

  constructor(private readonly sim: RunContext) {}

  /** A nation's first units are in theatre: pooling starts with each partner already there. */
  forcesArrived(nation: string): void {
    for (const relation of this.sim.scenario.relations) {
      if (!relation.intelligencePooling || !relation.between.includes(nation)) continue;
      const partner = relation.between[0] === nation ? relation.between[1] : relation.between[0];
      const key = relationKey(nation, partner);
      if (this.active.has(key) || !this.inTheatre(partner)) continue;
      this.active.add(key);
      this.sim.schedule(DIPLOMACY.poolingIntervalHours, () => this.round(nation, partner, key));
    }
  }

  private inTheatre(nation: string): boolean {
    return hasUnitsDeployed(this.sim.world.state.deployed[nation]);
  }

  private round(a: string, b: string, key: string): void {
    if (!this.inTheatre(a) || !this.inTheatre(b)) {
      this.active.delete(key);
      return;
    }
    this.share(a, b);
    this.share(b, a);
    this.sim.schedule(DIPLOMACY.poolingIntervalHours, () => this.round(a, b, key));
  }

  private share(giver: string, receiver: string): void {
    const sim = this.sim;
    const trust = sim.trust(giver, receiver);
    sim.ask(
      giver,
      'pooling',
      trust >= DIPLOMACY.poolingMinTrust ? 'share' : 'withhold',
      (choice) =>
        sim.change(`pooling:${giver}:${receiver}`, (world) => {
          sim.shiftTrust(world, giver, receiver, choice === 'share' ? 'intelligence-pooled' : 'intelligence-withheld');
        }),
      () => ({
        question: `Share this round's intelligence with ${receiver} (trust ${trust.toFixed(2)})?`,
        consequences: {
          share: `pool it with ${receiver}: trust ${TRUST_RULES['intelligence-pooled'] > 0 ? '+' : ''}${TRUST_RULES['intelligence-pooled']}`,
          withhold: `keep it: trust ${TRUST_RULES['intelligence-withheld']}`,
        },
      }),
      receiver,
    );
  }
}
