import type { Draft } from 'immer';
import { exposureRisk } from '../../model/confidence-building.js';
import { DIPLOMACY, regionalPartners } from '../../model/diplomacy.js';
import { hasUnitsDeployed } from '../../model/supply.js';
import type { WorldState } from '../../model/world.js';
import type { Nation } from '../../scenario/schema.js';
import type { OfferCondition } from '../../scenario/schema-diplomacy.js';
import { isArmedTask } from '../logistics/consent-terms.js';
import type { RunContext } from '../run-context.js';

/** What each answer to a host that keeps an offer waiting leads to. */
export const TALKS_CONSEQUENCES = {
  talks: 'request bilateral talks: the delegations meet after the channel latency; agreement builds trust and the host admits you on its conditions',
  demarche: 'deliver a diplomatic note: the host must answer (it reconsiders at once), but trust falls',
  wait: 'wait for the host to reconsider, or for a mediator',
} as const;

/** A conditions decision to put to a contributor, or null when the host asks no conditions of it. */
export interface ConditionsOffer {
  question: string;
  consequences: Record<string, string>;
  recommended: 'host-terms' | 'none';
  terms: readonly OfferCondition[];
}

/**
 * Whether to attach the host's conditions to a request: asked when the host admits
 * untrusted nations only on conditions. The engine accepts the terms unless they leave
 * nothing to send (civilian only, no civilian assets; unarmed, only armed tasks), put it
 * under an umbrella it distrusts (mean trust with the organization's members below
 * `umbrellaMinTrust`), ask for regional partners when it is none, or ask it to send its
 * military assets unarmed where its security interest × distrust of the host is above
 * `unarmedMaxRisk` (force protection).
 */
export function conditionsChoice(sim: RunContext, nation: Nation, host: string, civilianUnits: number, allUnits: number): ConditionsOffer | null {
  const terms = sim.nation(host).diplomacy.acceptsWith;
  if (terms.length === 0) return null;
  const relation = sim.relation(nation.id, host);
  if (sim.trust(nation.id, host) >= DIPLOMACY.hostTrustBar || relation.sofa || relation.mou || relation.protocol) return null;
  const umbrella = sim.world.state.umbrella[host] ?? sim.scenario.organizations.find((org) => org.members.includes(host))?.id;
  const umbrellaTrust = umbrella === undefined ? 1 : trustWithUmbrella(sim, nation.id, host, umbrella);
  const unarmed = unarmedTerms(nation, sim.trust(nation.id, host));
  const nothingToSend = (terms.includes('civilian-only') && civilianUnits === 0) || (terms.includes('unarmed') && unarmed.unarmedUnits === 0);
  const distrusted = terms.includes('regional-umbrella') && umbrellaTrust < DIPLOMACY.umbrellaMinTrust;
  const partner = regionalPartners(sim.scenario, nation.id, host);
  const outsider = terms.includes('regional-partners') && !partner;
  const unprotected = terms.includes('unarmed') && unarmed.militaryUnits > 0 && unarmed.risk > DIPLOMACY.unarmedMaxRisk;
  return {
    question: `${host} admits nations it does not trust only with: ${terms.join(', ')}. Offer those conditions?`,
    consequences: {
      'host-terms': `attach ${terms.join(', ')}${terms.includes('civilian-only') ? ` (${civilianUnits} of ${allUnits} units are civilian)` : ''}${terms.includes('regional-umbrella') ? `; serve under ${umbrella ?? 'a regional umbrella'} once it exists` : ''}${terms.includes('time-limited') ? `; stay at most ${sim.nation(host).diplomacy.timeLimitHours} h from your first units in theatre` : ''}${terms.includes('regional-partners') ? (partner ? '; deploy as a regional partner' : `; (you are no regional partner of ${host}: it will not count this)`) : ''}${terms.includes('unarmed') ? `; your forces go unarmed (${unarmed.unarmedUnits} units can, armed tasks stay home)` : ''}`,
      none: 'ask without conditions: wait for trust, talks or a change of policy',
    },
    recommended: nothingToSend || distrusted || outsider || unprotected ? 'none' : 'host-terms',
    terms,
  };
}

/** What sending its forces unarmed means to a nation: units that can go, military units, and the risk its security establishment sees. */
function unarmedTerms(nation: Nation, trustInHost: number): { unarmedUnits: number; militaryUnits: number; risk: number } {
  let unarmedUnits = 0;
  let militaryUnits = 0;
  for (const resource of nation.resources) {
    if (!isArmedTask(resource)) unarmedUnits += resource.units;
    if (resource.military) militaryUnits += resource.units;
  }
  return { unarmedUnits, militaryUnits, risk: exposureRisk(nation, trustInHost) };
}

/** Mean trust between a nation and an umbrella (an organization's members other than the host, or one nation). */
function trustWithUmbrella(sim: RunContext, nation: string, host: string, umbrella: string): number {
  const organization = sim.scenario.organizations.find((org) => org.id === umbrella);
  const members = organization ? organization.members.filter((member) => member !== host && member !== nation) : [umbrella];
  if (members.length === 0) return 1;
  return members.reduce((sum, member) => sum + sim.trust(nation, member), 0) / members.length;
}

/**
 * The stay a nation offered by attaching `time-limited` to its requests: the shortest
 * `timeLimitHours` of the hosts it offered it to, in hours from its first units in
 * theatre; null when it offered no time limit.
 */
export function offeredStayHours(sim: RunContext, hosts: readonly string[], conditionsFor: ReadonlyMap<string, readonly OfferCondition[]>): number | null {
  let stay: number | null = null;
  for (const host of hosts) {
    if (conditionsFor.get(host)?.includes('time-limited')) stay = Math.min(stay ?? Infinity, sim.nation(host).diplomacy.timeLimitHours);
  }
  return stay;
}

/**
 * Trust built when a nation's first units arrive: each host that consented sees an
 * agreement honoured; liaison officers (posted, or offered as a condition) are a
 * confidence-building measure; and the nation works beside every other non-rival foreign
 * nation already in theatre (joint deployment, each pair once). `inTheatre` is the world's
 * `deployed` before this arrival: read from the state rather than through the draft, where
 * each nation's record read would become a proxy and a copy for immer to finalize (measured
 * in docs/performance.md).
 */
export function cooperationOnArrival(
  sim: RunContext,
  world: Draft<WorldState>,
  inTheatre: Readonly<WorldState['deployed']>,
  nation: Nation,
  hosts: readonly string[],
  consented: (host: string) => boolean,
  conditionsFor: ReadonlyMap<string, readonly OfferCondition[]>,
): void {
  for (const host of hosts) {
    if (consented(host)) sim.shiftTrust(world, nation.id, host, 'agreement-honoured');
    if (sim.relation(nation.id, host).liaisonOfficers || conditionsFor.get(host)?.includes('liaison-officers')) sim.shiftTrust(world, nation.id, host, 'confidence-building');
  }
  for (const other of sim.scenario.nations) {
    if (other.id === nation.id || sim.hosts.has(other.id) || nation.diplomacy.rivals.includes(other.id) || other.diplomacy.rivals.includes(nation.id)) continue;
    if (hasUnitsDeployed(inTheatre[other.id])) sim.shiftTrust(world, nation.id, other.id, 'joint-deployment');
  }
}
