import type { Nation, Resource } from '../../scenario/schema.js';
import type { ConsentCondition, ConsentRule } from '../../scenario/schema-consent.js';

/** Named rules of consent per asset (docs/model.md, "Consent per asset, mission and area", is tested against them). */
export const CONSENT_TERMS = {
  /** Capabilities that are armed tasks: an `unarmed` grant cannot cover them, so such pools stay out. */
  armedTasks: ['security', 'troops', 'ground-forces', 'strike', 'air-support'],
} as const;

/** What the hosts' consent rules say of one pool of one contributor. */
export interface PoolTerms {
  /** Kept out by a rule (refused, or an armed task under an unarmed grant). */
  refused: boolean;
  /** Conditions of the grants that cover it, across hosts. */
  conditions: readonly ConsentCondition[];
  /** Shortest stay a time-limited grant allows, hours from its first arrival; null = no limit. */
  forHours: number | null;
  /** Ports of entry it may use (the intersection of the grants' `via`); null = any. */
  via: readonly string[] | null;
  /** Hosts whose grant asks a host liaison officer for it. */
  liaisonHosts: readonly string[];
}

/** Whether a pool's capability is an armed task (`CONSENT_TERMS.armedTasks`): it cannot go unarmed. */
export function isArmedTask(resource: Resource): boolean {
  return (CONSENT_TERMS.armedTasks as readonly string[]).includes(resource.capability);
}

const NO_TERMS: PoolTerms = { refused: false, conditions: [], forHours: null, via: null, liaisonHosts: [] };

/** The first rule of a host that covers this pool of this nation, if any. */
export function ruleFor(host: Nation, nation: string, resource: Resource): ConsentRule | undefined {
  for (const rule of host.sovereignty.consentRules) {
    if (rule.capabilities.length > 0 && !rule.capabilities.includes(resource.capability)) continue;
    if (rule.assets === 'civilian' && resource.military) continue;
    if (rule.assets === 'military' && !resource.military) continue;
    if (rule.nations.length > 0 && !rule.nations.includes(nation)) continue;
    return rule;
  }
  return undefined;
}

/**
 * The terms on which every host admits one pool: refused if any host's first covering rule
 * refuses it (or grants it unarmed while it is an armed task); otherwise the conditions of
 * the covering grants together. A pool no rule covers has no terms beyond the general rules.
 */
export function poolTerms(hosts: readonly Nation[], nation: string, resource: Resource): PoolTerms {
  let terms: PoolTerms = NO_TERMS;
  for (const host of hosts) {
    const rule = ruleFor(host, nation, resource);
    if (rule === undefined) continue;
    if (rule.answer === 'refuse' || (rule.conditions.includes('unarmed') && isArmedTask(resource))) return { ...NO_TERMS, refused: true };
    if (rule.conditions.length === 0 && rule.via.length === 0) continue;
    const via = rule.via.length === 0 ? terms.via : terms.via === null ? rule.via : terms.via.filter((port) => rule.via.includes(port));
    // Two hosts confining the pool to ports that have none in common keep it out.
    if (via !== null && via.length === 0) return { ...NO_TERMS, refused: true };
    terms = {
      refused: false,
      conditions: [...new Set([...terms.conditions, ...rule.conditions])],
      forHours: rule.conditions.includes('time-limited') ? Math.min(terms.forHours ?? Infinity, rule.forHours!) : terms.forHours,
      via,
      liaisonHosts: rule.conditions.includes('host-liaison') ? [...terms.liaisonHosts, host.id] : terms.liaisonHosts,
    };
  }
  return terms;
}
