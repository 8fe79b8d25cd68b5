import { motive } from '../model/levers.js';
import type { Scenario } from './schema.js';
import type { SemanticProblem } from './semantic-problem.js';
import { didYouMean } from './suggest.js';

/**
 * Warnings about scenarios that are valid but cannot play out as a designer probably
 * intends: needs nobody can meet, hosts whose sovereignty settings keep every foreign
 * contributor out, contributors that can never decide to act. They assume every id
 * resolves (run after the reference checks) and describe the simulation on autopilot:
 * human players in a drill may still override.
 */
export function checkPlayability(scenario: Scenario): SemanticProblem[] {
  return [...capabilityWarnings(scenario), ...sovereigntyWarnings(scenario), ...motiveWarnings(scenario)];
}

/** Highest pressure of unmet needs a run can reach: severity plus every pressure-raising inject, at most 1. */
export function maxPressure(scenario: Scenario): number {
  const raised = scenario.injects.reduce((sum, inject) => sum + (inject.effect.type === 'pressure' && inject.effect.amount > 0 ? inject.effect.amount : 0), 0);
  return Math.min(1, scenario.crisis.severity + raised);
}

function capabilityWarnings(scenario: Scenario): SemanticProblem[] {
  const available = new Set(scenario.nations.flatMap((nation) => nation.resources.filter((resource) => resource.units > 0).map((resource) => resource.capability)));
  const warnings: SemanticProblem[] = [];
  const check = (capability: string, path: (string | number)[]) => {
    if (available.has(capability)) return;
    warnings.push(
      warning('need.no_capability', `no nation has "${capability}" units, so this need can never be met${didYouMean(capability, available)}`, path),
    );
  };
  scenario.crisis.needs.forEach((need, index) => check(need.capability, ['crisis', 'needs', index, 'capability']));
  for (const hazard of ['escalation', 'attacks'] as const) {
    scenario.crisis[hazard]?.addsNeed.forEach((added, index) => check(added.capability, ['crisis', hazard, 'addsNeed', index, 'capability']));
  }
  scenario.injects.forEach((inject, index) => {
    if (inject.effect.type === 'need.add' && inject.effect.amount > 0) check(inject.effect.capability, ['injects', index, 'effect', 'capability']);
  });
  return warnings;
}

function sovereigntyWarnings(scenario: Scenario): SemanticProblem[] {
  const warnings: SemanticProblem[] = [];
  const pressure = maxPressure(scenario);
  const hosts = new Set(scenario.crisis.hosts);
  const foreign = scenario.nations.filter((nation) => !hosts.has(nation.id)).flatMap((nation) => nation.resources.filter((resource) => resource.units > 0));
  scenario.nations.forEach((nation, index) => {
    if (!hosts.has(nation.id)) return;
    const path = ['nations', index, 'sovereignty'];
    const sovereignty = nation.sovereignty;
    const opened = scenario.injects.some(
      (inject) => inject.effect.type === 'host.policy' && inject.effect.host === nation.id && inject.effect.policy !== 'closed',
    );
    if (sovereignty.consent === 'refused' && sovereignty.pressureToOpen > pressure && !opened) {
      warnings.push(
        warning(
          'sovereignty.unplayable',
          `host "${nation.id}" refuses consent and opens only at pressure ${sovereignty.pressureToOpen}, but pressure can reach at most ${round(pressure)} ` +
            '(severity plus pressure injects): no foreign help can ever deploy; lower pressureToOpen, raise severity or add a host.policy inject',
          [...path, 'pressureToOpen'],
        ),
      );
    }
    if (sovereignty.foreignPersonnelCap === 0 && foreign.length > 0) {
      warnings.push(warning('sovereignty.unplayable', `host "${nation.id}" caps foreign personnel at 0: no foreign unit can ever deploy`, [...path, 'foreignPersonnelCap']));
    }
    if (sovereignty.armedForces === 'forbidden' && foreign.length > 0 && foreign.every((resource) => resource.military)) {
      warnings.push(
        warning('sovereignty.unplayable', `host "${nation.id}" forbids foreign armed forces and every foreign resource is military: no foreign unit can deploy`, [
          ...path,
          'armedForces',
        ]),
      );
    }
  });
  return warnings;
}

function motiveWarnings(scenario: Scenario): SemanticProblem[] {
  const pressure = maxPressure(scenario);
  const hosts = new Set(scenario.crisis.hosts);
  const warnings: SemanticProblem[] = [];
  scenario.nations.forEach((nation, index) => {
    if (hosts.has(nation.id) || nation.resources.length === 0) return;
    const best = motive(nation.interests, scenario.crisis.kind, pressure, 1);
    if (best < nation.decision.actThreshold) {
      warnings.push(
        warning(
          'nation.never_acts',
          `nation "${nation.id}" can never decide to act: its motive reaches at most ${round(best)} in a ${scenario.crisis.kind}, below its actThreshold ${nation.decision.actThreshold}; raise its interests or lower actThreshold`,
          ['nations', index, 'decision', 'actThreshold'],
        ),
      );
    }
  });
  return warnings;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function warning(code: string, message: string, path: (string | number)[]): SemanticProblem {
  return { severity: 'warning', code, message, path };
}
