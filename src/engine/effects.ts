import { needAt, needRate } from '../model/needs.js';
import { relationDraft } from './trust/relation-draft.js';
import type { Draft } from 'immer';
import type { WorldState } from '../model/world.js';
import type { Inject, Need } from '../scenario/schema.js';
import type { RunContext } from './run-context.js';

/** Applies an inject's effect to the world and tells the agents it concerns. */
export function applyInjectEffect(sim: RunContext, inject: Inject): void {
  const effect = inject.effect;
  const label = `inject:${inject.id}`;
  switch (effect.type) {
    case 'none':
      return;
    case 'need.add':
      sim.change(label, (world) => addNeed(world, effect.capability, effect.amount, sim.now));
      return;
    case 'host.policy':
      sim.host(effect.host)?.impose(effect.policy);
      return;
    case 'hotline.down':
    case 'hotline.up':
      sim.change(label, (world) => {
        relationDraft(world, effect.between[0], effect.between[1], sim).hotlineUp = effect.type === 'hotline.up';
      });
      return;
    case 'trust.change':
      sim.change(label, (world) => {
        sim.shiftTrust(world, effect.between[0], effect.between[1], 'inject', effect.delta);
      });
      return;
    case 'budget.change':
      sim.change(label, (world) => {
        world.budgetsMusd[effect.nation] = Math.max(0, (world.budgetsMusd[effect.nation] ?? 0) + effect.deltaMusd);
      });
      sim.contributor(effect.nation)?.send({ type: 'budget.changed' });
      return;
    case 'pressure':
      sim.change(label, (world) => {
        world.mediaPressure = Math.min(1, Math.max(0, world.mediaPressure + effect.amount));
      });
      for (const contributor of sim.contributorList()) contributor.send({ type: 'reassess' });
      return;
    case 'escalation':
      sim.crisis.escalate();
      return;
    case 'attack':
      sim.crisis.attack();
      return;
    case 'mandate.grant':
      sim.organization(effect.organization)?.impose();
      return;
    default: {
      const exhaustive: never = effect;
      throw new Error(`unhandled inject effect ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** Adds need for a capability at time t, re-basing its curve so the change is exact. */
export function addNeed(world: Draft<WorldState>, capability: string, amount: number, t: number): void {
  const curve = world.needs[capability];
  if (!curve) {
    if (amount > 0) world.needs[capability] = { level: amount, ratePerHour: 0, sinceHours: t };
    return;
  }
  curve.level = Math.max(0, needAt(curve, t) + amount);
  curve.sinceHours = t;
}


/**
 * Relief is over: each need with a `recoveryHalfLifeHours` follows it from time t on (the
 * recovery's long tail), its curve re-based so the change is exact.
 */
export function beginRecoveryTail(world: Draft<WorldState>, needs: readonly Need[], t: number): void {
  for (const need of needs) {
    const curve = world.needs[need.capability];
    if (need.recoveryHalfLifeHours === null || !curve) continue;
    curve.level = needAt(curve, t);
    curve.sinceHours = t;
    curve.ratePerHour = needRate(need.recoveryHalfLifeHours, null);
  }
}
