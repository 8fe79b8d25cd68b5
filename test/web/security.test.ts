import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDir } from '../drill/binary.js';
import { command, serveCaribbean, state, type Served } from './server.js';

/**
 * The console's HTTP surface as a hostile or mistaken client meets it: tokens, roles,
 * team isolation, sizes, content types, origins and headers. Through `crisis-sim serve`
 * on a loopback port, as users start it.
 */
describe('crisis-sim serve: access control and hostile requests', () => {
  const dir = scratchDir();
  let served: Served;
  let links: Record<string, string>;

  beforeAll(async () => {
    served = await serveCaribbean(dir);
    links = served.links;
  });
  afterAll(async () => {
    await served?.stop();
  });

  it('prints one link per role, on 127.0.0.1, each with its own token', () => {
    expect(Object.keys(links)).toEqual(['controller', 'evaluator', 'team usa', 'team hti', 'projector']);
    const tokens = Object.values(links).map((link) => new URL(link).pathname.split('/')[2]);
    expect(new Set(tokens).size).toBe(5);
    for (const link of Object.values(links)) expect(new URL(link).hostname).toBe('127.0.0.1');
    expect(served.stderr()).not.toMatch(/warning/);
  });

  it('keeps the tokens in an owner-only side file, never in the decision log', () => {
    const log = readFileSync(join(dir, 'drill.jsonl'), 'utf8');
    const side = join(dir, 'drill.jsonl.tokens.json');
    expect(statSync(side).mode & 0o077).toBe(0);
    for (const link of Object.values(links)) {
      const token = new URL(link).pathname.split('/')[2]!;
      expect(log).not.toContain(token);
      expect(readFileSync(side, 'utf8')).toContain(token);
    }
  });

  it('answers 403 to a wrong token, on pages, views, live streams and commands', async () => {
    const base = `http://127.0.0.1:${served.port}/r/not-a-real-token-at-all/`;
    for (const path of ['', 'state', 'events', 'chart/timeline.svg', 'report']) expect((await fetch(`${base}${path}`)).status).toBe(403);
    expect((await command(base, { type: 'undo' })).status).toBe(403);
    // A token of the right shape but one character off is still refused.
    const controller = links['controller']!;
    const token = new URL(controller).pathname.split('/')[2]!;
    const flipped = controller.replace(token, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
    expect((await fetch(`${flipped}state`)).status).toBe(403);
  });

  it("refuses a team's command for the other team, and controller commands from a team", async () => {
    const view = await state<{ decisions: { id: number; nation: string }[] }>(links['controller']!);
    const hti = view.decisions.find((decision) => decision.nation === 'hti')!;
    const refused = await command(links['team usa']!, { type: 'decide', decision: hti.id, choice: 'act' });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatch(/another team.*plays usa/);
    // A team acts in its own words only as itself: a nation named in the command is refused.
    const actingForHti = await command(links['team usa']!, { type: 'act', nation: 'hti', text: 'Haiti closes its airspace' });
    expect(actingForHti).toEqual({ status: 400, json: { error: expect.stringMatching(/nation/) } });
    expect((await command(links['controller']!, { type: 'act', text: 'a team acts' })).status).toBe(403);
    expect((await command(links['team usa']!, { type: 'continue' })).status).toBe(403);
    expect((await command(links['projector']!, { type: 'note', text: 'hello' })).status).toBe(403);
    expect((await command(links['evaluator']!, { type: 'end' })).status).toBe(403);
    // Nothing of that reached the log.
    expect(readFileSync(join(dir, 'drill.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });

  it("never shows a team another team's decisions, the engine's choice or the MSEL's expectations", async () => {
    const usa = JSON.stringify(await state(links['team usa']!));
    expect(usa).not.toMatch(/"nation":"hti"/);
    expect(usa).not.toMatch(/recommended|engineChoice|expectedAction|detail|motive|threshold|sha256/);
    const projector = JSON.stringify(await state(links['projector']!));
    expect(projector).not.toMatch(/recommended|engineChoice|expectedAction|detail|"decisions"|sha256/);
    expect((await fetch(`${links['team usa']!}chart/timeline.svg`)).status).toBe(403);
  });

  it('refuses oversized, non-JSON, malformed and cross-site commands with one clear message', async () => {
    const controller = links['controller']!;
    const big = await command(controller, { type: 'note', text: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    const form = await fetch(`${controller}command`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'type=undo' });
    expect(form.status).toBe(415);
    const broken = await fetch(`${controller}command`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":' });
    expect(broken.status).toBe(400);
    const unknown = await command(controller, { type: 'format-disk' });
    expect(unknown.status).toBe(400);
    const badArg = await command(controller, { type: 'inject', effect: 'need.add', args: ['medical 5 | x'], title: 't' });
    expect(badArg.status).toBe(400);
    expect(badArg.json.error).toMatch(/^args\.0: /);
    const crossSite = await command(controller, { type: 'note', text: 'hi' }, { Origin: 'http://attacker.example' });
    expect(crossSite.status).toBe(403);
  });

  it('sends a strict Content-Security-Policy and no-referrer on every page, and keeps markup as text', async () => {
    const page = await fetch(links['controller']!);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe/);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).not.toMatch(/<script>|https?:\/\//);
    const written = await command(links['controller']!, { type: 'note', text: '<img src=x onerror=alert(1)>' });
    expect(written.status).toBe(200);
    // Views are JSON; the page renders them as text nodes (the browser test checks the DOM).
    const view = await state<{ notes: { text: string }[] }>(links['controller']!);
    expect(view.notes.at(-1)!.text).toBe('<img src=x onerror=alert(1)>');
  });
});
