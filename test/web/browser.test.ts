import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDrillLog } from '../../src/index.js';
import { scratchDir } from '../drill/binary.js';
import { command, serve, serveCaribbean, serveCaribbeanInProcess, state, type Served } from './server.js';

/**
 * A short exercise in real Chromium (Debian's package, through playwright-core): the
 * controller, two teams, the evaluator and the projector each in their own browser
 * context, against `crisis-sim serve` on a loopback port. The server is killed half-way
 * and resumed; the same exercise is played meanwhile through the HTTP API on a second
 * server (in the test's own process) that is never interrupted, and both must end with the same log, state and
 * report. UPDATE_WEB_SCREENSHOTS=1 also refreshes docs/images/web-*.png.
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`web console browser test skipped: ${CHROMIUM} is missing (.ci/install-chromium.sh installs it)`);
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** How soon a change must reach the pages that should show it. */
const LIVE_MS = 2000;

type ControllerState = { version: number; decisions: { id: number; nation: string; options: { value: string }[] }[] } & Record<string, unknown>;

describe.skipIf(!hasChromium)('the web console in Chromium: a two-team exercise with a crash and a resume', () => {
  const browserDir = scratchDir();
  const referenceDir = scratchDir();
  let served: Served;
  let reference: { links: Record<string, string>; stop: () => Promise<void> };
  let browser: Browser;
  const pages: Record<string, Page> = {};
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    [served, reference, browser] = await Promise.all([
      serveCaribbean(browserDir),
      serveCaribbeanInProcess(referenceDir),
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] }),
    ]);
    // The five pages open at once, each in its own context (as on five laptops).
    await Promise.all(
      ['controller', 'team usa', 'team hti', 'evaluator', 'projector'].map(async (role) => {
        const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
        contexts.push(context);
        const page = await context.newPage();
        page.on('pageerror', (error) => problems.push(`${role}: ${error.message}`));
        page.on('console', (message) => {
          // A dropped live stream while the server is down is expected; anything else is not.
          if (message.type() === 'error' && !/ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|net::|Failed to load resource/.test(message.text())) problems.push(`${role}: ${message.text()}`);
        });
        page.on('request', (request) => {
          if (new URL(request.url()).host !== `127.0.0.1:${served.port}`) foreignRequests.push(request.url());
        });
        page.on('dialog', (dialog) => void dialog.accept());
        await page.goto(served.links[role]!);
        pages[role] = page;
      }),
    );
    await Promise.all(Object.values(pages).map((page) => page.waitForSelector('body[data-live="yes"][data-version]')));
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([served?.stop(), reference?.stop()]);
    rmSync(browserDir, { recursive: true, force: true });
    rmSync(referenceDir, { recursive: true, force: true });
  });

  /** Waits until a page shows at least the version the server is at now. */
  const caughtUp = async (page: Page, link: string) => {
    const { version } = await state<{ version: number }>(link);
    await page.waitForFunction((at) => Number(document.body.dataset['version']) >= at, version, { timeout: LIVE_MS });
  };

  /** A team answers its first waiting decision by clicking, with `choice`; the reference server gets the same answer. */
  const teamDecides = async (team: 'usa' | 'hti', choice: string) => {
    const { decisions } = await state<ControllerState>(served.links['controller']!);
    const decision = decisions.find((candidate) => candidate.nation === team)!;
    const page = pages[`team ${team}`]!;
    await page.locator(`input[name="decision-${decision.id}"][value="${choice}"]`).check();
    await page.getByRole('button', { name: `Send decision #${decision.id}` }).click();
    await page.getByText(new RegExp(`^Recorded: .*\\(${team}\\)`)).waitFor({ timeout: LIVE_MS });
    expect((await command(reference.links[`team ${team}`]!, { type: 'decide', decision: decision.id, choice })).status).toBe(200);
    return decision.id;
  };

  /** The controller clicks a button; the reference server gets the same command. */
  const controllerClicks = async (button: string, same: object) => {
    const page = pages['controller']!;
    const before = Number(await page.evaluate(() => document.body.dataset['version']));
    await page.getByRole('button', { name: button }).click();
    await page.waitForFunction((at) => Number(document.body.dataset['version']) > at, before, { timeout: LIVE_MS });
    expect((await command(reference.links['controller']!, same)).status).toBe(200);
  };

  it('a team decides and the controller sees it', async () => {
    const id = await teamDecides('hti', 'act');
    await pages['controller']!.getByRole('cell', { name: /hti decided act: act \(decision #2/ }).waitFor({ timeout: LIVE_MS });
    expect(id).toBe(2);
  });

  it('an inject written in the form reaches the addressed team within 2 s, and not the other team', async () => {
    const controller = pages['controller']!;
    await controller.getByLabel('Effect').selectOption('need.add');
    await controller.getByLabel('capability').fill('medical');
    await controller.getByLabel('amount').fill('5');
    await controller.getByLabel('Title (read out to the room)').fill('Cholera cases reported in Carrefour');
    await controller.getByLabel('To (team ids or "All players")').fill('usa');
    await controller.getByLabel('Expected action').fill('Send medical teams');
    await controller.getByRole('button', { name: 'Deliver inject now' }).click();
    await controller.getByText(/^Inject live-1 .*delivered/).waitFor({ timeout: LIVE_MS });
    await pages['team usa']!.getByText('Cholera cases reported in Carrefour').waitFor({ timeout: LIVE_MS });
    await pages['projector']!.getByText('Cholera cases reported').waitFor({ timeout: LIVE_MS });
    await caughtUp(pages['team hti']!, served.links['team hti']!);
    expect(await pages['team hti']!.getByText('Cholera cases reported').count()).toBe(0);
    expect(
      (await command(reference.links['controller']!, { type: 'inject', effect: 'need.add', args: ['medical', '5'], title: 'Cholera cases reported in Carrefour', to: 'usa', expectedAction: 'Send medical teams' })).status,
    ).toBe(200);
    // The players see the inject but never its expected action.
    expect(await pages['team usa']!.getByText('Send medical teams').count()).toBe(0);
    expect(await pages['evaluator']!.getByText('Expected action: Send medical teams').count()).toBe(1);
  });

  it('a team message reaches the controller as text, markup and all', async () => {
    const hostile = '<img src=x onerror="window.pwned=1"> Need airlift slots';
    const team = pages['team usa']!;
    await team.getByLabel('Your message').fill(hostile);
    await team.getByRole('button', { name: 'Send message' }).click();
    await team.getByText('Message sent to the controller').waitFor({ timeout: LIVE_MS });
    await pages['controller']!.getByRole('cell', { name: hostile, exact: true }).waitFor({ timeout: LIVE_MS });
    expect(await pages['controller']!.locator('main img').count()).toBe(0);
    expect(await pages['controller']!.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect((await command(reference.links['team usa']!, { type: 'message', text: hostile })).status).toBe(200);
  });

  it('the evaluator marks an expected action and rates a critical task P/S/M/U; a team acts in its own words', async () => {
    const evaluator = pages['evaluator']!;
    await evaluator.getByLabel('Inject', { exact: true }).selectOption('live-1');
    await evaluator.getByLabel('Expected action', { exact: true }).selectOption('partly');
    await evaluator.getByLabel('What the team actually did').fill('USA offered two medical teams, no timeline');
    await evaluator.getByRole('button', { name: 'Record observation' }).click();
    await evaluator.getByText('partly observed: USA offered two medical teams, no timeline').waitFor({ timeout: LIVE_MS });
    await evaluator.getByLabel('Critical task', { exact: true }).selectOption('consent-fast');
    await evaluator.getByLabel('Rating', { exact: true }).selectOption('S');
    await evaluator.getByLabel('Observations supporting the rating').fill('Consent came within 8 h');
    await evaluator.getByRole('button', { name: 'Record rating' }).click();
    await evaluator.getByRole('cell', { name: /^S \(performed with some challenges\) at .*: Consent came within 8 h$/ }).waitFor({ timeout: LIVE_MS });
    await pages['controller']!.getByRole('cell', { name: /^expected action of live-1 partly observed: USA offered two medical teams/ }).waitFor({ timeout: LIVE_MS });
    const usa = pages['team usa']!;
    await usa.getByLabel('What your team does').fill('We fund the field hospitals with 20 MUSD');
    await usa.getByRole('button', { name: 'Record action' }).click();
    await usa.getByRole('cell', { name: 'took effect (funding)' }).waitFor({ timeout: LIVE_MS });
    await evaluator.getByRole('cell', { name: 'We fund the field hospitals with 20 MUSD (took effect: funding)' }).waitFor({ timeout: LIVE_MS });
    expect((await command(reference.links['evaluator']!, { type: 'observe', inject: 'live-1', status: 'partly', what: 'USA offered two medical teams, no timeline' })).status).toBe(200);
    expect((await command(reference.links['evaluator']!, { type: 'rate', task: 'consent-fast', rating: 'S', observation: 'Consent came within 8 h' })).status).toBe(200);
    expect((await command(reference.links['team usa']!, { type: 'act', text: 'We fund the field hospitals with 20 MUSD' })).status).toBe(200);
    // Players never see the evaluators' work.
    expect(await usa.getByText('USA offered two medical teams').count()).toBe(0);
    expect(await pages['team hti']!.getByText('field hospitals').count()).toBe(0);
  });

  it('the clock steps to the next decision and the teams answer from their pages', async () => {
    await controllerClicks('Step to the next decision', { type: 'continue' });
    await teamDecides('hti', 'half');
    await controllerClicks('Step to the next decision', { type: 'continue' });
    await teamDecides('usa', 'act');
  });

  it('axe-core finds no serious or critical accessibility violation on any page', async () => {
    const source = readFileSync(AXE, 'utf8');
    await Promise.all(
      Object.entries(pages).map(async ([role, page]) => {
        expect({ role, text: await page.locator('main').innerText() }).not.toMatchObject({ text: expect.stringMatching(/\[object |undefined|NaN/) });
        await page.evaluate(source);
        const violations = await page.evaluate(async () => {
          const result = await (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run(document);
          return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length }));
        });
        expect({ role, serious: violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical') }).toEqual({ role, serious: [] });
      }),
    );
    if (process.env['UPDATE_WEB_SCREENSHOTS'] === '1') {
      for (const [role, page] of Object.entries(pages)) {
        await page.evaluate(() => document.getElementById('toast')!.replaceChildren());
        await page.screenshot({ path: new URL(`../../docs/images/web-${role.replace(' ', '-')}.png`, import.meta.url).pathname, fullPage: true });
      }
    }
  });

  it('the server is killed mid-exercise and resumed with the same links; the pages reconnect by themselves', async () => {
    const before = await state<ControllerState>(served.links['controller']!);
    await served.stop('SIGKILL');
    await pages['controller']!.waitForSelector('body[data-live="no"]', { timeout: 5000 });
    served = await serve(['--resume', 'drill.jsonl', '--port', String(served.port)], browserDir);
    expect(served.links['controller']).toBe(pages['controller']!.url());
    await Promise.all(Object.values(pages).map((page) => page.waitForSelector('body[data-live="yes"]', { timeout: 10_000 })));
    const after = await state<ControllerState>(served.links['controller']!);
    expect({ ...after, version: 0 }).toEqual({ ...before, version: 0 });
  });

  it('after the resume the exercise goes on, ends, and equals the uninterrupted run: log, state and report', async () => {
    await controllerClicks('Step to the next decision', { type: 'continue' });
    await teamDecides('hti', 'restrictive');
    await controllerClicks('Deliver airport-congestion now', { type: 'deliver', inject: 'airport-congestion' });
    await pages['team usa']!.getByText('Airport slots saturated').waitFor({ timeout: LIVE_MS });
    await controllerClicks('End exercise and write the after-action report', { type: 'end' });
    await pages['controller']!.getByRole('link', { name: 'After-action report' }).waitFor({ timeout: LIVE_MS });

    expect(readFileSync(join(browserDir, 'drill.jsonl'), 'utf8')).toBe(readFileSync(join(referenceDir, 'drill.jsonl'), 'utf8'));
    const [mine, theirs] = await Promise.all([state<ControllerState>(served.links['controller']!), state<ControllerState>(reference.links['controller']!)]);
    expect({ ...mine, version: 0 }).toEqual({ ...theirs, version: 0 });
    const report = await fetch(`${served.links['controller']!}report`);
    expect(report.status).toBe(200);
    const html = await report.text();
    expect(html).toBe(readFileSync(join(referenceDir, 'drill.report.html'), 'utf8'));
    expect(html).toContain('Airport slots saturated');
    // The evaluator's rating and the team's own-words action are the drill's own log entries, and the AAR/IP reports them.
    const logged = readDrillLog(join(browserDir, 'drill.jsonl')).actions;
    expect(logged).toContainEqual(expect.objectContaining({ type: 'rate', task: 'consent-fast', rating: 'S', observation: 'Consent came within 8 h' }));
    expect(logged).toContainEqual(expect.objectContaining({ type: 'observe', inject: 'live-1', status: 'partly' }));
    expect(logged).toContainEqual(expect.objectContaining({ type: 'act', nation: 'usa', lever: 'funding', text: 'We fund the field hospitals with 20 MUSD' }));
    expect(html).toContain('Objectives and ratings');
    expect(html).toMatch(/<td>S: performed with some challenges<\/td>\s*<td>Consent came within 8 h<\/td>/);
    expect(html).toContain('usa: We fund the field hospitals with 20 MUSD (took effect in the simulation: funding)');
    expect(readFileSync(join(browserDir, 'drill.debrief.md'), 'utf8')).toBe(readFileSync(join(referenceDir, 'drill.debrief.md'), 'utf8'));
    expect((await fetch(`${served.links['team usa']!}report`)).status).toBe(403);
  });

  it('fetched nothing from outside the server and logged no page errors', () => {
    expect(foreignRequests).toEqual([]);
    expect(problems).toEqual([]);
  });
});
