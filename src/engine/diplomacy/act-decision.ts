import type { ContributorEvent } from '../../agents/contributor.js';
import { DIPLOMACY, netMotive } from '../../model/diplomacy.js';
import { motive } from '../../model/levers.js';
import type { Nation } from '../../scenario/schema.js';
import type { RunContext } from '../run-context.js';

/**
 * A contributor's decision to act (decision `act`): its net motive (interests, pressure,
 * trust in the host, less the cost share, plus a rival's pull) against its threshold;
 * just short of it, it acts on conditions; standing by while others act is seen as
 * free-riding. Keeps what the run's metrics report (committed, declined).
 */
export class ActDecision {
  private committedToAct = false;
  private askedToAct = false;
  private freeRode = false;
  /** Acting on conditions: net motive fell just short of the threshold. */
  private actsOnConditions = false;

  constructor(
    private readonly sim: RunContext,
    private readonly nation: Nation,
    private readonly hosts: readonly string[],
    private readonly plannedCostMusd: () => number,
    private readonly send: (event: ContributorEvent) => void,
  ) {}

  get committed(): boolean {
    return this.committedToAct;
  }

  /** Whether the nation was asked to act and never did (for the `declined` metric). */
  get declined(): boolean {
    return this.askedToAct && !this.committedToAct;
  }

  /** Whether it acts on conditions (its offer is civilian-only where it can be). */
  get conditional(): boolean {
    return this.actsOnConditions;
  }

  ask(isHost: boolean): void {
    const sim = this.sim;
    const nation = this.nation;
    if (isHost) {
      // A government always responds on its own soil; the question is how fast.
      sim.ask(nation.id, 'act', 'act', () => this.send({ type: 'decision.act' }), () => ({ question: 'Respond to the crisis at home?', consequences: { act: 'mobilize national resources' } }));
      return;
    }
    const drive = motive(nation.interests, sim.scenario.crisis.kind, sim.pressure(), sim.trust(nation.id, this.hosts[0] ?? nation.id));
    const rivalActing = nation.diplomacy.rivals.some((rival) => sim.contributor(rival)?.committed ?? false);
    const budget = sim.world.state.budgetsMusd[nation.id] ?? 0;
    const costShare = budget > 0 ? this.plannedCostMusd() / budget : 1;
    const net = netMotive(drive, nation, costShare, rivalActing);
    const noisy = net + sim.stream(`nation/${nation.id}/act`).normal(0, 0.05);
    const threshold = nation.decision.actThreshold;
    const acts = noisy >= threshold - DIPLOMACY.conditionMargin;
    const othersActing = sim.contributorList().some((other) => other.nation.id !== nation.id && other.committed);
    this.askedToAct = true;
    sim.ask(
      nation.id,
      'act',
      acts ? 'act' : 'standby',
      (choice) => {
        if (choice === 'act') {
          this.committedToAct = true;
          this.actsOnConditions = noisy < threshold;
          this.engageOrganizations();
        } else if (othersActing && nation.interests.humanitarian >= 0.5 && !this.freeRode) {
          this.freeRode = true;
          sim.change(`free-riding:${nation.id}`, (world) => {
            for (const host of this.hosts) sim.shiftTrust(world, nation.id, host, 'free-riding');
          });
        }
        this.send({ type: choice === 'act' ? 'decision.act' : 'decision.standby' });
      },
      () => ({
        question: 'Commit to the response?',
        consequences: {
          act: 'start domestic authorization, then seek mandate and consent as required',
          standby: `stand by and reconsider in ${nation.decision.reassessHours} h or when the situation changes${othersActing ? ' (others carry the response: partners see free-riding)' : ''}`,
        },
        detail: `motive ${drive.toFixed(2)}, less cost ${(nation.diplomacy.costWeight * Math.min(1, costShare)).toFixed(2)}${rivalActing ? ', plus the pull of an acting rival' : ''}: ${net.toFixed(2)}; threshold ${threshold.toFixed(2)}${acts && noisy < threshold ? ' (acts on conditions)' : ''}`,
      }),
    );
  }

  /** A foreign member decided to respond: its organizations start coordinating, mandate or not. */
  private engageOrganizations(): void {
    for (const organization of this.sim.scenario.organizations) {
      if (organization.members.includes(this.nation.id)) this.sim.organization(organization.id)?.memberEngaged(this.nation.id);
    }
  }
}
