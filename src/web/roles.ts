/**
 * Who a page belongs to. Each role sees a filtered view of the exercise and may send only
 * its own commands; a team role is bound to one nation and can never read or act for
 * another.
 */
export type Role =
  | { kind: 'controller' }
  | { kind: 'evaluator' }
  | { kind: 'projector' }
  | { kind: 'team'; nation: string };

export type RoleKind = Role['kind'];

/** A stable key per role (`controller`, `team:usa`): one token, one cached view, per key. */
export function roleKey(role: Role): string {
  return role.kind === 'team' ? `team:${role.nation}` : role.kind;
}

/** The label printed before each URL: `controller:`, `team usa:`. */
export function roleLabel(role: Role): string {
  return role.kind === 'team' ? `team ${role.nation}` : role.kind;
}

/** Every role of an exercise with these teams, in the order the URLs are printed. */
export function rolesOf(players: readonly string[]): Role[] {
  return [
    { kind: 'controller' },
    { kind: 'evaluator' },
    ...players.map((nation): Role => ({ kind: 'team', nation })),
    { kind: 'projector' },
  ];
}

/** Parses a role key back (for the token side file). */
export function roleFromKey(key: string): Role | undefined {
  if (key === 'controller' || key === 'evaluator' || key === 'projector') return { kind: key };
  if (key.startsWith('team:') && key.length > 5) return { kind: 'team', nation: key.slice(5) };
  return undefined;
}
