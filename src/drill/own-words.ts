import type { InjectEffect, Scenario } from '../scenario/schema.js';
import { DrillError } from './errors.js';

/**
 * Engine levers a team can pull by saying what it does in its own words. The text is
 * matched against each pattern in turn; the first that matches and can be completed from
 * the text (the other nation of a hotline, the amount of funding) takes effect. An action
 * that matches none is still logged and reported, as what the team did.
 */
export const OWN_WORDS_LEVERS = {
  hotline: { pattern: /\bhot-?line\b/i, means: 'opens a hotline with the nation named (or the first host)' },
  funding: { pattern: /\b(\d+(?:\.\d+)?)\s*(?:musd|m\s*usd|million)\b/i, means: 'adds the amount named, in MUSD, to the nation\'s budget' },
} as const;
export type OwnWordsLever = keyof typeof OWN_WORDS_LEVERS;

/** The lever a team's own words pull, with the effect it has, or undefined. */
export function matchOwnWords(text: string, nation: string, scenario: Scenario): { lever: OwnWordsLever; effect: InjectEffect } | undefined {
  if (OWN_WORDS_LEVERS.hotline.pattern.test(text)) {
    const other = otherNationIn(text, nation, scenario) ?? scenario.crisis.hosts.find((host) => host !== nation);
    if (other) return { lever: 'hotline', effect: { type: 'hotline.up', between: [nation, other] } };
  }
  const funding = OWN_WORDS_LEVERS.funding.pattern.exec(text);
  if (funding) return { lever: 'funding', effect: { type: 'budget.change', nation, deltaMusd: Number(funding[1]) } };
  return undefined;
}

/** The first other nation the text names, by id or name. */
function otherNationIn(text: string, nation: string, scenario: Scenario): string | undefined {
  const lower = text.toLowerCase();
  const named = scenario.nations
    .filter((candidate) => candidate.id !== nation)
    .map((candidate) => ({ id: candidate.id, at: Math.min(...[new RegExp(`\\b${candidate.id}\\b`).exec(lower)?.index ?? Infinity, lower.indexOf(candidate.name.toLowerCase())].map((at) => (at < 0 ? Infinity : at))) }))
    .filter((candidate) => Number.isFinite(candidate.at))
    .sort((a, b) => a.at - b.at);
  return named[0]?.id;
}

/** A team's action as logged: its nation (a team's), its words, and the lever and effect they pull, if any. */
export function teamAction(nation: string, text: string, players: readonly string[], scenario: Scenario): { type: 'act'; nation: string; text: string; lever?: OwnWordsLever; effect?: InjectEffect } {
  if (!players.includes(nation)) throw new DrillError(`act: ${nation} is not played by a team; teams play ${players.join(', ')}`);
  if (text.trim() === '') throw new DrillError('act needs what the team does, e.g.: act usa propose a hotline with hti');
  const matched = matchOwnWords(text, nation, scenario);
  return { type: 'act', nation, text: text.trim(), ...(matched ? { lever: matched.lever, effect: matched.effect } : {}) };
}
