import { crisisLogic, type CrisisActor, type CrisisEvent, type CrisisPort } from '../agents/crisis.js';
import { attackFactor, escalationFactor } from '../model/levers.js';
import { hasUnitsDeployed, uncoordinated } from '../model/supply.js';
import type { Hazard } from '../scenario/schema.js';
import { addNeed, beginRecoveryTail } from './effects.js';
import { relationDraft } from './trust/relation-draft.js';
import { TRUST_RULES } from './trust/rules.js';
import type { RunContext } from './run-context.js';
import type { DecisionText } from './decisions.js';

type HazardKind = 'escalation' | 'attack';

const HAZARD_CHANGED: CrisisEvent = { type: 'hazard.changed' };
const HAZARD_DUE: CrisisEvent = { type: 'hazard.due' };

/**
 * A Poisson hazard with a rate that changes at world changes, sampled by the "unit
 * exponential budget" method: an Exp(1) budget is drawn per event and the integrated
 * rate spent against it. Re-timing after a rate change draws nothing, so runs that differ
 * only in a lever keep the same random draws (common random numbers).
 */
interface HazardClock {
  kind: HazardKind;
  spec: Hazard;
  budget: number;
  spent: number;
  ratePerHour: number;
}

/** Runs the crisis agent: phase changes, escalations and attacks. */
export class CrisisRuntime implements CrisisPort {
  private readonly actor: CrisisActor;
  private readonly hazards: HazardClock[] = [];
  private lastAccumulated = 0;
  /** The pending hazard timer (a kernel event id). */
  private hazardTimer: number | undefined;
  /** True while the crisis's own step runs a port call that changes the world. */
  private inStep = false;

  constructor(private readonly sim: RunContext) {
    const crisis = sim.scenario.crisis;
    const specs: [HazardKind, Hazard | null][] = [
      ['escalation', crisis.escalation],
      ['attack', crisis.attacks],
    ];
    for (const [kind, spec] of specs) {
      if (spec && spec.perHour > 0) this.hazards.push({ kind, spec, budget: this.drawBudget(kind), spent: 0, ratePerHour: 0 });
    }
    this.actor = sim.createActor(crisisLogic, { input: { port: this } });
  }

  start(): void {
    this.updateRates();
    this.sim.startActor('crisis', this.actor);
  }

  stop(): void {
    this.stopHazardTimer();
    this.actor.stop();
  }

  send(event: CrisisEvent): void {
    this.actor.send(event);
  }

  private drawBudget(kind: HazardKind): number {
    return this.sim.stream(`crisis/${kind}`).exponential(1);
  }

  /** Spends hazard up to time t at the rates in force since the last call. */
  accumulate(t: number): void {
    const dt = t - this.lastAccumulated;
    if (dt <= 0) return;
    for (const hazard of this.hazards) hazard.spent += hazard.ratePerHour * dt;
    this.lastAccumulated = t;
  }

  /**
   * Called after every world change: re-derives rates and re-times the next event if they
   * moved. Between the crisis's steps, a waiting hazard still pending is re-timed here and a
   * quiet one still not pending left alone: what the crisis's step would do at once, with no
   * state change to trace. Only a change of the hazard's state, or any rate change made
   * during the crisis's own step (which its mailbox holds until the step is over), is sent.
   */
  hazardChanged(): void {
    if (this.hazards.length === 0 || !this.updateRates()) return;
    if (!this.inStep) {
      const hours = this.hoursToNextHazard();
      const waiting = this.actor.getSnapshot().context.hazard === 'waiting';
      if (waiting && Number.isFinite(hours)) return this.timeHazard(hours);
      if (!waiting && !Number.isFinite(hours)) return;
    }
    this.actor.send(HAZARD_CHANGED);
  }

  timeHazard(delayHours: number): void {
    this.stopHazardTimer();
    this.hazardTimer = this.sim.schedule(delayHours, this.hazardDue);
  }

  stopHazardTimer(): void {
    if (this.hazardTimer !== undefined) this.sim.cancel(this.hazardTimer);
    this.hazardTimer = undefined;
  }

  private readonly hazardDue = (): void => {
    this.hazardTimer = undefined;
    this.actor.send(HAZARD_DUE);
  };

  /** Runs a port call of the crisis's own step that changes the world (see {@link hazardChanged}). */
  private withinStep(work: () => void): void {
    this.inStep = true;
    try {
      work();
    } finally {
      this.inStep = false;
    }
  }

  private updateRates(): boolean {
    const sim = this.sim;
    const world = sim.world.state;
    let changed = false;
    for (const hazard of this.hazards) {
      const rate = world.resolved ? 0 : hazard.spec.perHour * this.factor(hazard.kind);
      if (rate !== hazard.ratePerHour) {
        hazard.ratePerHour = rate;
        changed = true;
      }
    }
    return changed;
  }

  private factor(kind: HazardKind): number {
    const sim = this.sim;
    const coverage = sim.coverage();
    if (kind === 'attack') return attackFactor(coverage, sim.world.state.intelligenceSharing[sim.scenario.crisis.hosts[0]!] ?? 'partners');
    const [a, b] = this.belligerents();
    const hotline = a !== undefined && b !== undefined && sim.hotlineUp(a, b);
    const trust = a !== undefined && b !== undefined ? sim.trust(a, b) : 0.5;
    return escalationFactor(hotline, trust, coverage, uncoordinated(sim.scenario, sim.world.state, sim.hosts));
  }

  private belligerents(): (string | undefined)[] {
    const crisis = this.sim.scenario.crisis;
    return crisis.belligerents.length >= 2 ? crisis.belligerents : crisis.hosts;
  }

  hoursToNextHazard(): number {
    let best = Infinity;
    for (const hazard of this.hazards) {
      if (hazard.ratePerHour <= 0) continue;
      best = Math.min(best, Math.max(0, hazard.budget - hazard.spent) / hazard.ratePerHour);
    }
    return best;
  }

  fireHazard(): void {
    this.withinStep(() => this.fireDueHazard());
  }

  private fireDueHazard(): void {
    this.accumulate(this.sim.now);
    let due: HazardClock | undefined;
    for (const hazard of this.hazards) {
      if (hazard.ratePerHour > 0 && hazard.spent >= hazard.budget - 1e-9 && (!due || hazard.budget - hazard.spent < due.budget - due.spent)) due = hazard;
    }
    if (!due) return;
    due.spent = 0;
    due.budget = this.drawBudget(due.kind);
    if (due.kind === 'escalation') this.escalate();
    else this.attack();
  }

  /** An escalation: needs grow, belligerents' trust drops, and each may use (or propose) a hotline. */
  escalate(): void {
    const sim = this.sim;
    const spec = sim.scenario.crisis.escalation;
    const [a, b] = this.belligerents();
    sim.trace('crisis', 'escalation');
    sim.change('escalation', (world) => {
      world.escalations++;
      for (const added of spec?.addsNeed ?? []) addNeed(world, added.capability, added.amount, sim.now);
      if (a !== undefined && b !== undefined) this.sim.shiftTrust(world, a, b, 'escalation', -(spec?.trustDrop ?? -TRUST_RULES.escalation));
    });
    if (a !== undefined && b !== undefined) {
      this.askHotline(a, b);
      this.askHotline(b, a);
    }
  }

  private askHotline(nation: string, other: string): void {
    const sim = this.sim;
    const up = sim.hotlineUp(nation, other);
    const setupHours = 4 * sim.scenario.parameters.diplomaticLatencyHours;
    const recommended = up ? 'call' : sim.trust(nation, other) >= 0.3 ? 'propose' : 'silence';
    const text = (): DecisionText => ({
      question: `An escalation with ${other}. ${up ? 'Use the hotline?' : 'There is no hotline. Propose one?'}`,
      consequences: up
        ? { call: `call ${other} on the hotline: trust +${TRUST_RULES['hotline-call']}, lowering the escalation hazard`, silence: 'say nothing: trust stays low' }
        : { propose: `propose a hotline to ${other}: it works after about ${setupHours} h`, silence: 'say nothing' },
    });
    sim.ask(nation, 'hotline', recommended, (choice) => {
      if (choice === 'call') {
        sim.change(`hotline-call:${nation}`, (world) => {
          sim.shiftTrust(world, nation, other, 'hotline-call');
        });
      } else if (choice === 'propose') {
        sim.schedule(setupHours, () =>
          sim.change(`hotline-opened:${nation}`, (world) => {
            relationDraft(world, nation, other, sim).hotlineUp = true;
          }),
        );
      }
    }, text, other);
  }

  /**
   * An attack: needs grow, and each host's trust in the partners whose forces are on its
   * soil drops by `trustDrop` (the attack happened on their watch).
   */
  attack(): void {
    const sim = this.sim;
    const spec = sim.scenario.crisis.attacks;
    sim.trace('crisis', 'attack');
    sim.change('attack', (world) => {
      world.attacks++;
      for (const added of spec?.addsNeed ?? []) addNeed(world, added.capability, added.amount, sim.now);
      for (const host of sim.scenario.crisis.hosts) {
        for (const nation of sim.scenario.nations) {
          if (!sim.hosts.has(nation.id) && hasUnitsDeployed(world.deployed[nation.id])) sim.shiftTrust(world, host, nation.id, 'attack', -(spec?.trustDrop ?? -TRUST_RULES.attack));
        }
      }
    });
  }


  resolve(): void {
    this.withinStep(() => this.resolveNow());
  }

  private resolveNow(): void {
    const sim = this.sim;
    sim.recorder.stopAccruing(sim.now);
    sim.change('resolved', (world) => {
      world.resolved = true;
      beginRecoveryTail(world, sim.scenario.crisis.needs, sim.now);
    });
    for (const contributor of sim.contributorList()) sim.schedule(0, () => contributor.send({ type: 'crisis.resolved' }));
  }
}
