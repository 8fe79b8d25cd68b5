/**
 * `npm run bench:web`: how fast a controller's action reaches 30 open pages of the web
 * console. Not a test: it prints figures for docs/performance.md.
 *
 * Starts `crisis-sim serve` (the Caribbean scenario, two teams) as a separate process on a
 * free loopback port, opens --clients live streams (default 30: 10 controller, 5 per team,
 * 5 evaluator, 5 projector pages), then sends --actions commands as the controller (notes
 * and one-hour clock steps, alternating), one at a time; a decision or an inject coming due
 * is answered or delivered untimed. For each it records the time from
 * sending the command until the last page received the new view, and until the command's
 * answer came back. Prints the median and the 95th percentile of each, and the ratio of
 * "all pages updated" to "command answered" (what fan-out costs on top of the action).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from './timing.js';

const { values } = parseArgs({ options: { clients: { type: 'string', default: '30' }, actions: { type: 'string', default: '40' } } });
const CLIENTS = Number(values.clients);
const ACTIONS = Number(values.actions);
const BINARY = resolve(import.meta.dirname, '../bin/crisis-sim.mjs');
const SCENARIO = resolve(import.meta.dirname, '../scenarios/caribbean-earthquake.yaml');

const dir = mkdtempSync(join(tmpdir(), 'crisis-sim-web-bench-'));
const child = spawn(process.execPath, [BINARY, 'serve', SCENARIO, '--play', 'usa,hti', '--port', '0', '--log', 'drill.jsonl'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
let printed = '';
await new Promise<void>((done) => child.stdout.on('data', (chunk: Buffer) => ((printed += chunk.toString()), /Keep the links private/.test(printed) && done())));
const links = Object.fromEntries([...printed.matchAll(/^([a-z]+(?: [a-z]+)?):\s+(http:\/\/\S+)$/gm)].map((match) => [match[1]!, match[2]!]));

/** A page's live stream: remembers the highest view version it has received and when. */
class Stream {
  version = -1;
  private waiters: { at: number; resolve: (ms: number) => void }[] = [];
  constructor(link: string) {
    void this.read(link);
  }
  until(version: number): Promise<number> {
    if (this.version >= version) return Promise.resolve(performance.now());
    return new Promise((resolve) => this.waiters.push({ at: version, resolve }));
  }
  private async read(link: string): Promise<void> {
    const response = await fetch(`${link}events`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body!) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (\d+)$/m.exec(frame);
        if (!id) continue;
        this.version = Number(id[1]);
        const now = performance.now();
        this.waiters = this.waiters.filter((waiter) => (waiter.at <= this.version ? (waiter.resolve(now), false) : true));
      }
    }
  }
}

const roles = ['controller', 'team usa', 'team hti', 'evaluator', 'projector'];
const weights = [10, 5, 5, 5, 5];
const streams: Stream[] = [];
for (let index = 0; index < CLIENTS; index++) {
  let pick = index % 30;
  let role = 0;
  while (pick >= weights[role]!) pick -= weights[role++]!;
  streams.push(new Stream(links[roles[role]!]!));
}
while (streams.some((stream) => stream.version < 0)) await new Promise((done) => setTimeout(done, 20));

// Answer the decision waiting at the start so the clock can move.
const post = async (body: object) => {
  const response = await fetch(`${links['controller']}command`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return (await response.json()) as { ok?: string; error?: string; version?: number };
};
const start = (await (await fetch(`${links['controller']}state`)).json()) as { decisions: { id: number; engineChoice: string }[] };
for (const decision of start.decisions) await post({ type: 'decide', decision: decision.id, choice: decision.engineChoice });

const answered: number[] = [];
const allUpdated: number[] = [];
for (let index = 0; index < ACTIONS; index++) {
  const body = index % 2 === 0 ? { type: 'note', text: `bench note ${index}` } : { type: 'advance', byHours: 1 };
  const sent = performance.now();
  const answer = await post(body);
  if (answer.error) {
    // A decision came up or an inject came due: answer with the engine's choice, deliver (not timed), go on.
    const view = (await (await fetch(`${links['controller']}state`)).json()) as { decisions: { id: number; engineChoice: string }[]; due: { id: string }[] };
    for (const decision of view.decisions) await post({ type: 'decide', decision: decision.id, choice: decision.engineChoice });
    for (const card of view.due) await post({ type: 'deliver', inject: card.id });
    continue;
  }
  answered.push(performance.now() - sent);
  const times = await Promise.all(streams.map((stream) => stream.until(answer.version!)));
  allUpdated.push(Math.max(...times) - sent);
}

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;
console.log(`web console, ${CLIENTS} live pages, ${answered.length} timed controller actions (notes and 1 h clock steps)`);
console.log(`  command answered:        median ${ms(median(answered))}, p95 ${ms(p95(answered))}`);
console.log(`  every page updated:      median ${ms(median(allUpdated))}, p95 ${ms(p95(allUpdated))}`);
console.log(`  fan-out ratio (updated / answered), median: ${(median(allUpdated) / median(answered)).toFixed(2)}`);
child.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
process.exit(0);
