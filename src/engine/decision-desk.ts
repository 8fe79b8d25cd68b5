import type { Kernel } from '../kernel/kernel.js';
import type { TraceEntry } from '../metrics/trace.js';
import { DecisionError, type AskDecision, type DecisionRequest } from './decisions.js';

type Trace = (agent: string, event: string, extra?: Omit<TraceEntry, 't' | 'agent' | 'event'>) => void;

/**
 * Where every decision of a run goes: engine-played nations take the recommendation as a
 * kernel event at the same time (never re-entrantly inside a transition), and their
 * decision's text is never built; played nations' requests wait until {@link decide}
 * answers them.
 */
export class DecisionDesk {
  private readonly waiting = new Map<number, { request: DecisionRequest; apply: (choice: string) => void }>();
  private nextId = 1;
  /** `nation kind choice` of every decision taken so far (contingency injects ask). */
  private readonly taken = new Set<string>();

  constructor(
    private readonly kernel: Kernel,
    private readonly players: ReadonlySet<string>,
    /** Where decisions are traced; undefined when nobody traces (then no entry is built). */
    private readonly trace: Trace | undefined,
  ) {}

  /** Number of decisions waiting for players. */
  get size(): number {
    return this.waiting.size;
  }

  /** Decisions waiting for players, oldest first. */
  pending(): DecisionRequest[] {
    return [...this.waiting.values()].map((entry) => entry.request);
  }

  readonly ask: AskDecision = (nation, kind, recommended, apply, text, subject) => {
    // Every decision takes an id, so players' ids do not depend on who plays the others.
    const id = this.nextId++;
    if (this.players.has(nation)) {
      const { question, consequences, detail } = text();
      const request: DecisionRequest = {
        id,
        nation,
        kind,
        atHours: this.kernel.now,
        question,
        options: Object.keys(consequences),
        consequences,
        recommended,
        ...(subject !== undefined ? { subject } : {}),
        ...(detail !== undefined ? { detail } : {}),
      };
      this.waiting.set(id, { request, apply });
      this.trace?.('player:' + nation, 'decision.asked', { data: { id, kind, options: request.options } });
      return;
    }
    this.kernel.schedule(0, () => {
      this.taken.add(`${nation} ${kind} ${recommended}`);
      this.trace?.(`nation:${nation}`, 'decision', { data: { kind, choice: recommended, ...(subject ? { subject } : {}) } });
      apply(recommended);
    });
  };

  /** Whether `nation` has taken `choice` in a decision of `kind` so far. */
  hasDecided(nation: string, kind: string, choice: string): boolean {
    return this.taken.has(`${nation} ${kind} ${choice}`);
  }

  /** Answers a pending decision with one of its options. */
  decide(decisionId: number, choice: string): void {
    const entry = this.waiting.get(decisionId);
    if (!entry) throw new DecisionError(`no pending decision with id ${decisionId}`);
    if (!entry.request.options.includes(choice)) {
      throw new DecisionError(`"${choice}" is not an option of decision ${decisionId}; choose one of: ${entry.request.options.join(', ')}`);
    }
    this.waiting.delete(decisionId);
    const { request } = entry;
    this.taken.add(`${request.nation} ${request.kind} ${choice}`);
    this.trace?.(`player:${request.nation}`, 'decision', { data: { id: request.id, kind: request.kind, choice, ...(request.subject ? { subject: request.subject } : {}) } });
    this.kernel.schedule(0, () => entry.apply(choice));
  }
}
