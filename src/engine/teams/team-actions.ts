import { z } from 'zod';
import { retaskingHours, RETASKING } from '../../model/retasking.js';

/**
 * Actions the people playing a nation can take beside answering the engine's decisions:
 * the engine's entry points for a drill team's own-words actions (issue 13). Each is
 * checked first ({@link teamActionRefusal}: why it cannot be taken now) and then taken
 * ({@link takeTeamAction}); both read the run only through {@link TeamActionRun}.
 *
 * - `talks`: the nation requests talks with a host (or a host with a nation it keeps out),
 *   the same talks the engine's nations hold when a host refuses them (TALKS_PER_PAIR).
 * - `cell`: the nation sets up an organization's coordination cell now (its set-up delay
 *   runs as when a mandate engages it).
 * - `retask`: the nation re-tasks its units in theatre from one capability to another
 *   (RETASKING: which pairs, and the hours the units serve neither).
 */
export const teamActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('talks'), nation: z.string(), with: z.string() }).strict(),
  z.object({ type: z.literal('cell'), nation: z.string(), organization: z.string() }).strict(),
  z.object({ type: z.literal('retask'), nation: z.string(), from: z.string(), to: z.string() }).strict(),
]);
export type TeamAction = z.infer<typeof teamActionSchema>;

/** What the team actions need of a run (Simulation implements it). */
export interface TeamActionRun {
  readonly hosts: ReadonlySet<string>;
  readonly world: { readonly state: { readonly needs: Readonly<Record<string, unknown>> } };
  readonly diplomacy: { startTalks(nation: string, host: string): boolean; talksLeft(nation: string, host: string): number };
  organization(id: string): { cellStatus(): 'none' | 'idle' | 'engaged'; standUpCell(nation: string): void } | undefined;
  contributor(id: string): { retaskable(capability: string): number; retask(from: string, to: string, hours: number): number } | undefined;
  trace(agent: string, event: string, extra?: { data?: Record<string, unknown> }): void;
}

/** The two sides of talks: the nation kept out (requester) and the host, whichever of the pair asked. */
function talksPair(run: TeamActionRun, action: Extract<TeamAction, { type: 'talks' }>): { nation: string; host: string } | undefined {
  if (run.hosts.has(action.with) && !run.hosts.has(action.nation)) return { nation: action.nation, host: action.with };
  if (run.hosts.has(action.nation) && !run.hosts.has(action.with)) return { nation: action.with, host: action.nation };
  return undefined;
}

/** Why the action cannot be taken now (one sentence), or undefined when it can. */
export function teamActionRefusal(run: TeamActionRun, action: TeamAction): string | undefined {
  switch (action.type) {
    case 'talks': {
      const pair = talksPair(run, action);
      if (!pair) return `talks are between a host (${[...run.hosts].join(', ')}) and a nation outside it; ${action.nation} and ${action.with} are not such a pair`;
      if (run.diplomacy.talksLeft(pair.nation, pair.host) <= 0) return `talks between ${pair.nation} and ${pair.host} are under way or used up (at most 3 rounds)`;
      return undefined;
    }
    case 'cell': {
      const status = run.organization(action.organization)?.cellStatus() ?? 'none';
      if (status === 'none') return `${action.organization} runs no coordination cell in this scenario`;
      if (status === 'engaged') return `${action.organization}'s coordination cell is already set up or being set up`;
      return undefined;
    }
    case 'retask': {
      const hours = retaskingHours(action.from, action.to);
      if (hours === undefined) {
        const targets = Object.keys((RETASKING as Record<string, Record<string, number>>)[action.from] ?? {});
        return `${action.from} units cannot be re-tasked to ${action.to}${targets.length > 0 ? `; they can be to ${targets.join(', ')}` : ''}`;
      }
      if (!(action.to in run.world.state.needs)) return `the scenario has no need for ${action.to}`;
      if ((run.contributor(action.nation)?.retaskable(action.from) ?? 0) <= 0) return `${action.nation} has no ${action.from} units in theatre to re-task`;
      return undefined;
    }
    default: {
      const exhaustive: never = action;
      throw new Error(`unknown team action ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** Takes a team's action in the run now; throws (with the refusal) when it cannot be taken. */
export function takeTeamAction(run: TeamActionRun, action: TeamAction): void {
  const refusal = teamActionRefusal(run, action);
  if (refusal !== undefined) throw new TeamActionRefused(refusal);
  run.trace(`team:${action.nation}`, 'team.action', { data: { ...action } });
  switch (action.type) {
    case 'talks': {
      const pair = talksPair(run, action)!;
      run.diplomacy.startTalks(pair.nation, pair.host);
      return;
    }
    case 'cell':
      run.organization(action.organization)!.standUpCell(action.nation);
      return;
    case 'retask':
      run.contributor(action.nation)!.retask(action.from, action.to, retaskingHours(action.from, action.to)!);
      return;
    default: {
      const exhaustive: never = action;
      throw new Error(`unknown team action ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** A team action the run cannot take now (its message says why). */
export class TeamActionRefused extends Error {
  override readonly name = 'TeamActionRefused';
}
