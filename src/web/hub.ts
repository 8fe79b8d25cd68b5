import type { SSEStreamingApi } from 'hono/streaming';
import type { WebExercise } from './exercise.js';
import { roleKey, type Role } from './roles.js';
import { controllerView, evaluatorView } from './staff-views.js';
import { projectorView, teamView } from './views.js';

/** The view a role's page shows now. */
export function viewFor(exercise: WebExercise, role: Role): object {
  switch (role.kind) {
    case 'controller':
      return controllerView(exercise);
    case 'evaluator':
      return evaluatorView(exercise);
    case 'projector':
      return projectorView(exercise);
    case 'team':
      return teamView(exercise, role.nation);
    default: {
      const exhaustive: never = role;
      throw new Error(`unknown role ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** Milliseconds a browser waits before reconnecting a dropped live stream. */
export const RECONNECT_MS = 1000;

interface Client {
  role: Role;
  stream: SSEStreamingApi;
}

/**
 * The live connections (Server-Sent Events) of every open page. After each change it
 * builds each role's view once, as JSON, and sends it to every page of that role; the
 * change is already in the decision log by then. Browsers reconnect by themselves
 * (EventSource) after a drop or a server restart, and get the current view at once.
 */
export class LiveHub {
  private readonly clients = new Set<Client>();
  private readonly detach: () => void;

  constructor(private readonly exercise: WebExercise) {
    this.detach = exercise.onChange(() => this.broadcast());
  }

  get size(): number {
    return this.clients.size;
  }

  /** Sends the current view to a new page, then keeps it for later changes until it goes. */
  async attach(role: Role, stream: SSEStreamingApi): Promise<void> {
    const client = { role, stream };
    this.clients.add(client);
    stream.onAbort(() => {
      this.clients.delete(client);
    });
    await this.send(client, JSON.stringify(viewFor(this.exercise, role)));
  }

  close(): void {
    this.detach();
    for (const client of this.clients) void client.stream.close();
    this.clients.clear();
  }

  private broadcast(): void {
    const views = new Map<string, string>();
    for (const client of this.clients) {
      const key = roleKey(client.role);
      let data = views.get(key);
      if (data === undefined) {
        data = JSON.stringify(viewFor(this.exercise, client.role));
        views.set(key, data);
      }
      void this.send(client, data);
    }
  }

  private async send(client: Client, data: string): Promise<void> {
    try {
      await client.stream.writeSSE({ event: 'state', id: String(this.exercise.version), data, retry: RECONNECT_MS });
    } catch {
      this.clients.delete(client);
    }
  }
}
