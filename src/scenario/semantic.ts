import { checkPlayability } from './playability.js';
import type { Scenario } from './schema.js';
import type { SemanticProblem } from './semantic-problem.js';
import { didYouMean } from './suggest.js';

export type { SemanticProblem } from './semantic-problem.js';

/**
 * Checks that go beyond shape: every id a scenario refers to exists (with the closest
 * existing id as a hint), ids are unique, relations join two different nations, injects
 * fall inside the horizon; then the playability warnings of {@link checkPlayability}.
 */
export function checkSemantics(scenario: Scenario): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const nationIds = new Set<string>();
  scenario.nations.forEach((nation, index) => {
    if (nationIds.has(nation.id)) {
      problems.push(error('id.duplicate', `duplicate nation id "${nation.id}"`, ['nations', index, 'id']));
    }
    nationIds.add(nation.id);
  });
  const orgIds = new Set<string>();
  scenario.organizations.forEach((org, index) => {
    if (orgIds.has(org.id) || nationIds.has(org.id)) {
      problems.push(error('id.duplicate', `duplicate id "${org.id}"`, ['organizations', index, 'id']));
    }
    orgIds.add(org.id);
  });
  const nation = (value: string, path: (string | number)[]) => {
    if (!nationIds.has(value)) problems.push(error('ref.unknown', `unknown nation id "${value}"${didYouMean(value, nationIds)}`, path));
  };
  const organization = (value: string, path: (string | number)[]) => {
    if (!orgIds.has(value)) problems.push(error('ref.unknown', `unknown organization id "${value}"${didYouMean(value, orgIds)}`, path));
  };

  scenario.nations.forEach((n, index) =>
    n.decision.mandateFrom.forEach((org, k) => organization(org, ['nations', index, 'decision', 'mandateFrom', k])),
  );
  const pairs = new Set<string>();
  scenario.relations.forEach((relation, index) => {
    const [a, b] = relation.between;
    nation(a, ['relations', index, 'between', 0]);
    nation(b, ['relations', index, 'between', 1]);
    if (a === b) problems.push(error('relation.self', `a relation must join two different nations, got "${a}" twice`, ['relations', index, 'between']));
    const key = [a, b].sort().join('|');
    if (pairs.has(key)) problems.push(error('relation.duplicate', `a second relation between "${a}" and "${b}"`, ['relations', index, 'between']));
    pairs.add(key);
  });
  scenario.organizations.forEach((org, index) => {
    org.members.forEach((member, k) => nation(member, ['organizations', index, 'members', k]));
    org.vetoHolders.forEach((holder, k) => {
      nation(holder, ['organizations', index, 'vetoHolders', k]);
      if (!org.members.includes(holder)) {
        problems.push(error('ref.not_member', `veto holder "${holder}" is not a member of "${org.id}"`, ['organizations', index, 'vetoHolders', k]));
      }
    });
  });
  scenario.crisis.hosts.forEach((host, k) => nation(host, ['crisis', 'hosts', k]));
  scenario.crisis.belligerents.forEach((party, k) => nation(party, ['crisis', 'belligerents', k]));
  const injectIds = new Set<string>();
  scenario.injects.forEach((inject, index) => {
    const path = ['injects', index];
    if (injectIds.has(inject.id)) problems.push(error('id.duplicate', `duplicate inject id "${inject.id}"`, [...path, 'id']));
    injectIds.add(inject.id);
    if (inject.atHours > scenario.horizonHours) {
      problems.push(error('inject.after_horizon', `inject at ${inject.atHours} h is after the horizon (${scenario.horizonHours} h)`, [...path, 'atHours']));
    }
    const effect = inject.effect;
    switch (effect.type) {
      case 'host.policy':
        nation(effect.host, [...path, 'effect', 'host']);
        break;
      case 'hotline.down':
      case 'hotline.up':
      case 'trust.change':
        effect.between.forEach((n, k) => nation(n, [...path, 'effect', 'between', k]));
        break;
      case 'budget.change':
        nation(effect.nation, [...path, 'effect', 'nation']);
        break;
      case 'mandate.grant':
        organization(effect.organization, [...path, 'effect', 'organization']);
        break;
      case 'none':
      case 'need.add':
      case 'pressure':
      case 'escalation':
      case 'attack':
        break;
      default: {
        const exhaustive: never = effect;
        throw new Error(`unhandled inject effect ${JSON.stringify(exhaustive)}`);
      }
    }
  });
  checkPorts(scenario, nation, problems);
  if (problems.length === 0) problems.push(...checkPlayability(scenario));
  return problems;
}

/** Port ids unique, their country and served nations known, diversions to a known other port. */
function checkPorts(scenario: Scenario, nation: (value: string, path: (string | number)[]) => void, problems: SemanticProblem[]): void {
  const portIds = new Set(scenario.logistics.ports.map((port) => port.id));
  scenario.logistics.inTheatre.forEach((present, k) => nation(present, ['logistics', 'inTheatre', k]));
  const seen = new Set<string>();
  scenario.logistics.ports.forEach((port, index) => {
    const path = ['logistics', 'ports', index];
    if (seen.has(port.id)) problems.push(error('id.duplicate', `duplicate port id "${port.id}"`, [...path, 'id']));
    seen.add(port.id);
    nation(port.country, [...path, 'country']);
    port.serves.forEach((served, k) => nation(served, [...path, 'serves', k]));
    if (port.divertTo !== null) {
      if (!portIds.has(port.divertTo)) problems.push(error('ref.unknown', `unknown port id "${port.divertTo}"${didYouMean(port.divertTo, portIds)}`, [...path, 'divertTo']));
      else if (port.divertTo === port.id) problems.push(error('port.self_divert', `port "${port.id}" cannot divert to itself`, [...path, 'divertTo']));
    }
    if (port.slotsAtOnset !== null && port.slotsAtOnset > port.slots) {
      problems.push(error('port.slots', `slotsAtOnset (${port.slotsAtOnset}) is more than slots (${port.slots})`, [...path, 'slotsAtOnset']));
    }
  });
}

function error(code: string, message: string, path: (string | number)[]): SemanticProblem {
  return { severity: 'error', code, message, path };
}
