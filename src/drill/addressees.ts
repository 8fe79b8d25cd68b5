import type { Scenario } from '../scenario/schema.js';
import { nationHint, nationNames } from '../scenario/semantic.js';
import { DrillError } from './errors.js';

/** Words that address an inject to every player. */
const EVERYONE = ['all', 'all players', 'all teams', 'everyone'] as const;

/**
 * Checks a live inject's `to`: empty (every player), "all", or a comma-separated list of
 * nations and organizations of the scenario, by id or by name, in any case. An entry that
 * is none of these is refused, with the closest nation and the teams named, so an inject
 * never silently reaches nobody.
 */
export function checkAddressees(to: string, scenario: Scenario, players: readonly string[]): void {
  const known = new Set<string>(EVERYONE);
  for (const party of [...scenario.nations, ...scenario.organizations]) {
    known.add(party.id.toLowerCase());
    known.add(party.name.toLowerCase());
  }
  for (const entry of to.split(',').map((part) => part.trim())) {
    if (entry === '' || known.has(entry.toLowerCase())) continue;
    const ids = new Set(scenario.nations.map((nation) => nation.id));
    throw new DrillError(
      `to: "${entry}" is neither a nation, an organization nor "all"${nationHint(entry, ids, nationNames(scenario))}; write ids or names separated by commas (teams play ${players.join(', ')}; nations: ${[...ids].join(', ')})`,
    );
  }
}
