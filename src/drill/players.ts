import type { Scenario } from '../scenario/schema.js';
import { nationHint, nationNames } from '../scenario/semantic.js';
import { DrillError } from './errors.js';

/**
 * The nations teams play, from `--play usa,hti`: each a nation of the scenario (an
 * unknown one is refused with the closest id or the nation written by name), at least
 * one, duplicates dropped, in the order given.
 */
export function checkPlayers(scenario: Scenario, players: readonly string[]): string[] {
  const nationIds = new Set(scenario.nations.map((nation) => nation.id));
  const unknown = players.filter((player) => !nationIds.has(player));
  if (unknown.length > 0) {
    const names = nationNames(scenario);
    const hint = (player: string) => nationHint(player, nationIds, names);
    // One unknown nation: its hint closes the sentence; several: each carries its own.
    const described = unknown.length === 1 ? `${unknown[0]}${hint(unknown[0]!)}` : unknown.map((player) => (hint(player) === '' ? player : `${player} (${hint(player).slice(2)})`)).join(', ');
    throw new DrillError(`--play: unknown nation ${described}; the scenario's nations are ${[...nationIds].join(', ')}`);
  }
  if (players.length === 0) throw new DrillError('--play needs at least one nation');
  return [...new Set(players)];
}

/** `usa, hti` from the command line's `--play usa,hti`. */
export function playersOption(text: string): string[] {
  return text
    .split(',')
    .map((player) => player.trim())
    .filter((player) => player !== '');
}
