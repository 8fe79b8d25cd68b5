import { DIPLOMACY } from '../model/diplomacy.js';
import { MILITARY_CLEARANCE } from '../model/levers.js';
import { indexRelations, NO_RELATION, relationKey } from '../model/relations.js';
import { SUPPLY } from '../model/supply.js';
import { addressedTo } from './addressing.js';
import type { Delay, Nation, Relation, Scenario } from './schema.js';
import type { SemanticProblem } from './semantic-problem.js';

/**
 * `crisis-sim validate --lint`: warnings about what runs but does nothing, or not what a
 * designer probably meant. Each names the rule of the model (with its number from the
 * code) that makes it so. Run on a scenario that passed every check.
 */
export function lintScenario(scenario: Scenario): SemanticProblem[] {
  return [...neverDeploy(scenario), ...idleCells(scenario), ...unaddressed(scenario), ...needScale(scenario), ...dayLikeTimes(scenario), ...latency(scenario)];
}

/** A need at most this share of the units available is met by a few units while the rest stand down. */
export const LINT_LIMITS = {
  /** Units available for a capability at least this many times its initial need: most contributors will stand down. */
  oversupplyRatio: 4,
  /** Units available below this share of the initial need: the need can never be met. */
  undersupplyShare: 0.5,
  /** A horizon of at most this many hours is probably meant as days. */
  dayLikeHorizonHours: 60,
} as const;

function neverDeploy(scenario: Scenario): SemanticProblem[] {
  const relations = indexRelations(scenario);
  const needed = neededCapabilities(scenario);
  const warnings: SemanticProblem[] = [];
  for (const host of scenario.nations.filter((nation) => scenario.crisis.hosts.includes(nation.id))) {
    const rule = host.sovereignty.armedForces;
    if (rule === 'allowed') continue;
    scenario.nations.forEach((nation, index) => {
      if (scenario.crisis.hosts.includes(nation.id)) return;
      // Units of a capability no need calls for never deploy anyway: only needed ones are barred by the host.
      const military = nation.resources.filter((resource) => resource.military && resource.units > 0 && needed.has(resource.capability)).map((resource) => resource.capability);
      if (military.length === 0) return;
      const relation = relations.get(relationKey(host.id, nation.id)) ?? NO_RELATION;
      const trustRaised = scenario.injects.some((inject) => inject.effect.type === 'trust.change' && inject.effect.delta > 0 && inject.effect.between.includes(host.id) && inject.effect.between.includes(nation.id));
      const cleared = rule === 'restricted' && (relation.sofa || relation.protocol || relation.trust >= MILITARY_CLEARANCE.trustAtLeast || trustRaised || clearedOnTerms(host, relation));
      if (cleared) return;
      const why =
        rule === 'forbidden'
          ? `host "${host.id}" forbids foreign armed forces`
          : `host "${host.id}" clears foreign armed forces only with a SOFA, a protocol or trust >= ${MILITARY_CLEARANCE.trustAtLeast}, and ${nation.id} has none (trust ${relation.trust})`;
      const others = nation.resources.some((resource) => !resource.military && resource.units > 0) ? '; its civilian units can' : '';
      warnings.push(warning('lint.never_deploys', `the military units of "${nation.id}" (${military.join(', ')}) can never deploy: ${why}${others}`, ['nations', index, 'resources']));
    });
  }
  return warnings;
}

/** Capabilities the crisis needs at onset or may need later (injects, hazards). */
function neededCapabilities(scenario: Scenario): Set<string> {
  const needed = new Set(scenario.crisis.needs.map((need) => need.capability));
  for (const inject of scenario.injects) if (inject.effect.type === 'need.add' && inject.effect.amount > 0) needed.add(inject.effect.capability);
  for (const hazard of [scenario.crisis.escalation, scenario.crisis.attacks]) for (const added of hazard?.addsNeed ?? []) needed.add(added.capability);
  return needed;
}

/**
 * A host that admits untrusted nations on condition of liaison officers or unarmed forces
 * (and not as civilians only) lets their military units in: the engine offers its terms to
 * a nation below its trust bar with no MOU, SOFA or protocol.
 */
function clearedOnTerms(host: Nation, relation: Relation): boolean {
  const terms = host.diplomacy.acceptsWith;
  const askedForTerms = relation.trust < DIPLOMACY.hostTrustBar && !relation.mou && !relation.sofa && !relation.protocol;
  return askedForTerms && (terms.includes('liaison-officers') || terms.includes('unarmed')) && !terms.includes('civilian-only');
}

function idleCells(scenario: Scenario): SemanticProblem[] {
  const warnings: SemanticProblem[] = [];
  scenario.organizations.forEach((organization, index) => {
    const cell = organization.coordinationCell;
    if (cell === null) return;
    const needed = scenario.nations.some((nation) => nation.decision.mandateFrom.includes(organization.id));
    const granted = scenario.injects.some((inject) => inject.effect.type === 'mandate.grant' && inject.effect.organization === organization.id);
    if (needed || granted) return;
    const trigger = cellTrigger(scenario, organization.members, cell.engagedBy);
    if (trigger === undefined) return;
    warnings.push(
      warning(
        'lint.cell_never_starts',
        `the coordination cell of "${organization.id}" never starts: ${trigger}, and no nation asks "${organization.id}" for one (decision.mandateFrom) nor does an inject grant it (mandate.grant)`,
        ['organizations', index, 'coordinationCell'],
      ),
    );
  });
  return warnings;
}

/** Why a cell without a mandate never starts, or undefined when it starts anyway. */
function cellTrigger(scenario: Scenario, members: readonly string[], engagedBy: 'members' | 'mandate' | 'onset'): string | undefined {
  switch (engagedBy) {
    case 'onset':
      return undefined;
    case 'members': {
      const responders = scenario.nations.filter((nation) => members.includes(nation.id) && !scenario.crisis.hosts.includes(nation.id) && nation.resources.some((resource) => resource.units > 0));
      return responders.length > 0 ? undefined : 'it starts when a member other than a host decides to respond (none has units to send) or with a mandate';
    }
    case 'mandate':
      return 'it starts with a mandate (engagedBy: mandate)';
    default: {
      const unknown: never = engagedBy;
      return unknown;
    }
  }
}

function unaddressed(scenario: Scenario): SemanticProblem[] {
  const warnings: SemanticProblem[] = [];
  scenario.injects.forEach((inject, index) => {
    if (inject.to.trim() === '') return;
    const text = inject.to.toLowerCase();
    const anyone = scenario.nations.some((nation) => addressedTo(inject.to, nation.id, nation.name)) || scenario.organizations.some((org) => text.includes(org.name.toLowerCase()) || new RegExp(`\\b${org.id}\\b`).test(text));
    if (anyone) return;
    warnings.push(
      warning('lint.inject_to_nobody', `inject "${inject.id}" is addressed to "${inject.to}", which names no nation or organization: no team sees it as theirs (write a nation's name or id, or "All players")`, ['injects', index, 'to']),
    );
  });
  return warnings;
}

function needScale(scenario: Scenario): SemanticProblem[] {
  const warnings: SemanticProblem[] = [];
  scenario.crisis.needs.forEach((need, index) => {
    const available = scenario.nations.reduce((sum, nation) => sum + nation.resources.filter((resource) => resource.capability === need.capability).reduce((units, resource) => units + resource.units, 0), 0);
    if (available === 0) return;
    const path = ['crisis', 'needs', index, 'initial'];
    const scale = `one unit of need is met by ${SUPPLY.needUnitsPerResourceUnit} deployed resource unit (a team, an aircraft, a company) at full effectiveness`;
    if (available >= LINT_LIMITS.oversupplyRatio * need.initial) {
      warnings.push(warning('lint.need_small', `need for ${need.initial} units of "${need.capability}" against ${available} units available: a few units meet it and most contributors stand down (${scale})`, path));
    } else if (available < LINT_LIMITS.undersupplyShare * need.initial) {
      warnings.push(warning('lint.need_large', `need for ${need.initial} units of "${need.capability}" against ${available} units available: at most ${Math.round((100 * available) / need.initial)}% of it can be met (${scale})`, path));
    }
  });
  return warnings;
}

function dayLikeTimes(scenario: Scenario): SemanticProblem[] {
  const warnings: SemanticProblem[] = [];
  const horizon = scenario.horizonHours;
  if (horizon <= LINT_LIMITS.dayLikeHorizonHours && Number.isInteger(horizon)) {
    warnings.push(warning('lint.horizon_days', `horizonHours ${horizon} is ${horizon} h; if you meant ${horizon} days write "${horizon}d" (${horizon} d = ${horizon * 24} h)`, ['horizonHours']));
  }
  const times = scenario.injects.map((inject) => inject.atHours);
  const latest = Math.max(...times);
  if (times.length >= 2 && times.every((t) => Number.isInteger(t) && t <= 31) && horizon >= 10 * latest) {
    warnings.push(
      warning(
        'lint.times_days',
        `every inject is within the first ${latest} h of a ${horizon} h horizon; if the times are days write e.g. "${latest}d" (${latest} d = ${latest * 24} h)`,
        ['injects', times.indexOf(latest), 'atHours'],
      ),
    );
  }
  return warnings;
}

/**
 * Consent requests and answers travel at the channel's latency: without a hotline the
 * round trip can dwarf the consent delay the designer wrote for the host.
 */
function latency(scenario: Scenario): SemanticProblem[] {
  const relations = indexRelations(scenario);
  const warnings: SemanticProblem[] = [];
  const { diplomaticLatencyHours, hotlineLatencyHours } = scenario.parameters;
  const roundTripHours = 2 * diplomaticLatencyHours;
  scenario.crisis.hosts.forEach((hostId, k) => {
    const host = scenario.nations.find((nation) => nation.id === hostId);
    if (host === undefined || host.sovereignty.consent !== 'required') return;
    const consentHours = typicalHours(host.sovereignty.consentDelay);
    if (roundTripHours <= consentHours) return;
    const slow = scenario.nations.filter((nation) => nation.id !== hostId && nation.resources.length > 0 && !(relations.get(relationKey(hostId, nation.id)) ?? NO_RELATION).hotline);
    if (slow.length === 0) return;
    warnings.push(
      warning(
        'lint.latency',
        `consent from "${hostId}" reaches ${slow.map((nation) => nation.id).join(', ')} no sooner than ${roundTripHours} h after they ask, though its consentDelay is about ${consentHours} h: without a hotline each request and answer takes ${diplomaticLatencyHours} h (parameters.diplomaticLatencyHours); a hotline makes it ${hotlineLatencyHours} h`,
        ['crisis', 'hosts', k],
      ),
    );
  });
  return warnings;
}

/** The typical hours of a delay: its value, mode, median, mean or midpoint. */
export function typicalHours(delay: Delay): number {
  if (typeof delay === 'number') return delay;
  if ('triangular' in delay) return delay.triangular[1];
  if ('lognormal' in delay) return delay.lognormal.median;
  if ('exponential' in delay) return delay.exponential.mean;
  return (delay.uniform[0] + delay.uniform[1]) / 2;
}

function warning(code: string, message: string, path: (string | number)[]): SemanticProblem {
  return { severity: 'warning', code, message, path };
}
