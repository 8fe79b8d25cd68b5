import type { TeamAction } from '../engine/teams/team-actions.js';
import { RETASKING } from '../model/retasking.js';
import type { InjectEffect, Scenario } from '../scenario/schema.js';
import { DrillError } from './errors.js';

/**
 * Engine levers a team can pull by saying what it does in its own words. The text is
 * matched against each pattern in turn; the first that matches and can be completed from
 * the text (the other nation of a hotline or of talks, the organization of a cell, the
 * capabilities of a re-tasking, the amount of funding) takes effect: hotline and funding as
 * an inject's effect, talks, cell and re-tasking through the engine's team actions
 * (src/engine/teams/team-actions.ts). An action that matches none, or that the run cannot
 * take now (talks used up, a cell already set up, no units to re-task), is still logged
 * and reported, as what the team did.
 */
export const OWN_WORDS_LEVERS = {
  hotline: { pattern: /\bhot-?line\b/i, means: 'opens a hotline with the nation named (or the first host)' },
  talks: { pattern: /\b(?:talks|negotiat\w*)\b/i, means: 'requests talks with the nation named (or the first host), as the engine\'s nations do when a host keeps them out' },
  cell: { pattern: /\b(?:cell|OSOCC)\b|\bcoordination (?:centre|center)\b/i, means: 'sets up the coordination cell of the organization named (or of one the nation belongs to)' },
  retask: { pattern: /\bre-?task\w*\b|\bre-?assign\w*\b/i, means: 're-tasks the nation\'s units in theatre from the capability named to the one named after "to"' },
  funding: { pattern: /\b(\d+(?:\.\d+)?)\s*(?:musd|m\s*usd|million)\b/i, means: 'adds the amount named, in MUSD, to the nation\'s budget' },
} as const;
export type OwnWordsLever = keyof typeof OWN_WORDS_LEVERS;

/** What a team's words pull: an inject's effect or an engine team action; or, where a lever matched but cannot be completed, why not. */
export type OwnWordsMatch =
  | { lever: OwnWordsLever; effect: InjectEffect }
  | { lever: OwnWordsLever; engineAction: TeamAction }
  | { lever?: undefined; why: string };

/** The lever a team's own words pull, with the effect it has, or undefined. */
export function matchOwnWords(text: string, nation: string, scenario: Scenario): OwnWordsMatch | undefined {
  const firstHost = scenario.crisis.hosts.find((host) => host !== nation);
  if (OWN_WORDS_LEVERS.hotline.pattern.test(text)) {
    const other = otherNationIn(text, nation, scenario) ?? firstHost;
    if (other) return { lever: 'hotline', effect: { type: 'hotline.up', between: [nation, other] } };
  }
  if (OWN_WORDS_LEVERS.talks.pattern.test(text)) {
    const other = otherNationIn(text, nation, scenario) ?? firstHost;
    return other ? { lever: 'talks', engineAction: { type: 'talks', nation, with: other } } : { why: 'talks: name the nation to hold them with' };
  }
  if (OWN_WORDS_LEVERS.cell.pattern.test(text)) {
    const organization = cellOrganization(text, nation, scenario);
    return organization ? { lever: 'cell', engineAction: { type: 'cell', nation, organization } } : { why: 'cell: no organization of the scenario runs a coordination cell' };
  }
  if (OWN_WORDS_LEVERS.retask.pattern.test(text)) return retaskOf(text, nation, scenario);
  const funding = OWN_WORDS_LEVERS.funding.pattern.exec(text);
  if (funding) return { lever: 'funding', effect: { type: 'budget.change', nation, deltaMusd: Number(funding[1]) } };
  return undefined;
}

/** Where `pattern` first matches in the text (Infinity when it does not). */
function firstAt(text: string, pattern: RegExp): number {
  return pattern.exec(text)?.index ?? Infinity;
}

/** The first other nation the text names, by id or name. */
function otherNationIn(text: string, nation: string, scenario: Scenario): string | undefined {
  const lower = text.toLowerCase();
  const named = scenario.nations
    .filter((candidate) => candidate.id !== nation)
    .map((candidate) => ({ id: candidate.id, at: Math.min(firstAt(lower, new RegExp(`\\b${candidate.id}\\b`)), firstAt(lower, new RegExp(escape(candidate.name.toLowerCase())))) }))
    .filter((candidate) => Number.isFinite(candidate.at))
    .sort((a, b) => a.at - b.at);
  return named[0]?.id;
}

/** The organization whose cell the team sets up: the one named, else one the nation belongs to, else the first; only those with a cell. */
function cellOrganization(text: string, nation: string, scenario: Scenario): string | undefined {
  const withCell = scenario.organizations.filter((organization) => organization.coordinationCell !== undefined);
  const lower = text.toLowerCase();
  const named = withCell.find((organization) => new RegExp(`\\b${escape(organization.id)}\\b`).test(lower) || lower.includes(organization.name.toLowerCase()));
  return (named ?? withCell.find((organization) => organization.members.includes(nation)) ?? withCell[0])?.id;
}

/**
 * A re-tasking from the capabilities the text names: the one after "to" is the new task,
 * the other the units' own. Re-tasking within one capability (to other districts) is not
 * an engine lever: needs have no geography in the model.
 */
function retaskOf(text: string, nation: string, scenario: Scenario): OwnWordsMatch {
  const capabilities = [...new Set(scenario.nations.flatMap((candidate) => candidate.resources.map((resource) => resource.capability)))];
  const mentioned = capabilities
    .map((capability) => ({ capability, at: firstAt(text, capabilityPattern(capability, '')), after: firstAt(text, capabilityPattern(capability, '\\bto\\s+(?:the\\s+)?')) }))
    .filter((entry) => Number.isFinite(entry.at) || Number.isFinite(entry.after));
  const to = mentioned.filter((entry) => Number.isFinite(entry.after)).sort((a, b) => a.after - b.after)[0]?.capability;
  const from = mentioned.filter((entry) => entry.capability !== to).sort((a, b) => a.at - b.at)[0]?.capability;
  if (from === undefined) return { why: 're-task: name the units\' capability, e.g. act usa re-task search-rescue to engineering' };
  if (to === undefined) {
    const targets = Object.keys((RETASKING as Record<string, Record<string, number>>)[from] ?? {});
    return { why: `re-task: name the capability to re-task ${from} units to${targets.length > 0 ? ` (${targets.join(', ')})` : ''}; within ${from} (other districts) nothing changes in the model` };
  }
  return { lever: 'retask', engineAction: { type: 'retask', nation, from, to } };
}

/** `search-rescue` as written: search and rescue, search-and-rescue, search rescue teams; `engineering`: engineers. */
function capabilityPattern(capability: string, before: string): RegExp {
  const words = capability.split('-').map((word, index, all) => (index === all.length - 1 ? `${escape(word.replace(/(?:ing|al|ers?|s)$/, ''))}\\w*` : escape(word)));
  return new RegExp(`${before}\\b${words.join('[\\s-]+(?:and[\\s-]+)?')}`, 'i');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What an engine team action does, in one sentence for the room: `clock` reads simulated hours. */
export function teamActionText(action: TeamAction, now: number, clock: (hours: number) => string): string {
  switch (action.type) {
    case 'talks':
      return `talks between ${action.nation} and ${action.with} start now`;
    case 'cell':
      return `${action.organization}'s coordination cell starts its set-up now`;
    case 'retask': {
      const hours = (RETASKING as Record<string, Record<string, number>>)[action.from]?.[action.to] ?? 0;
      return `${action.nation}'s ${action.from} units in theatre serve ${action.to} from ${clock(now + hours)} (${hours} h to re-task)`;
    }
    default: {
      const exhaustive: never = action;
      throw new Error(`unknown team action ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** A team's action as logged: its nation (a team's), its words, and the lever with its effect or engine action, if any. */
export type LoggedTeamAction = { type: 'act'; nation: string; text: string; lever?: OwnWordsLever; effect?: InjectEffect; engineAction?: TeamAction };

/**
 * A team's action as it will be logged, and why no lever took effect when none did (words
 * that match none, or a lever the run cannot pull now: `refusal` asks the run).
 */
export function teamAction(nation: string, text: string, players: readonly string[], scenario: Scenario, refusal: (action: TeamAction) => string | undefined): { action: LoggedTeamAction; why?: string } {
  if (!players.includes(nation)) throw new DrillError(`act: ${nation} is not played by a team; teams play ${players.join(', ')}`);
  if (text.trim() === '') throw new DrillError('act needs what the team does, e.g.: act usa propose a hotline with hti');
  const words = { type: 'act' as const, nation, text: text.trim() };
  const matched = matchOwnWords(text, nation, scenario);
  if (!matched) return { action: words };
  if (matched.lever === undefined) return { action: words, why: matched.why };
  if ('effect' in matched) return { action: { ...words, lever: matched.lever, effect: matched.effect } };
  const refused = refusal(matched.engineAction);
  if (refused !== undefined) return { action: words, why: `${matched.lever}: ${refused}` };
  return { action: { ...words, lever: matched.lever, engineAction: matched.engineAction } };
}
