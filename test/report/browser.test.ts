import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, STALL_CAUSES } from '../../src/index.js';
import { shippedInput } from './helpers.js';

/**
 * Opens a report in the Debian `chromium` package, headless, through playwright-core.
 * Skipped, with a message saying why, only where /usr/bin/chromium is not installed
 * (.ci/run installs it). UPDATE_REPORT_SCREENSHOT=1 also refreshes the screenshots in
 * docs/images/.
 */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`report browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe.skipIf(!hasChromium)('the HTML report in headless Chromium', () => {
  const input = shippedInput();
  const dir = mkdtempSync(join(tmpdir(), 'crisis-sim-browser-'));
  const file = join(dir, 'report.html');
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    writeFileSync(file, buildReport(input).html);
    context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.goto(`file://${file}`);
  });

  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders with no console errors and fetches nothing but itself', () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([`file://${file}`]);
  });

  it('draws one lane per nation, one bar per stalled nation and one panel per capability', async () => {
    const nations = new Set(input.result.timeline.map((interval) => interval.nation)).size;
    const stalled = Object.values(input.result.metrics.nations).filter((metrics) => STALL_CAUSES.some((cause) => metrics.stallHours[cause] > 0)).length;
    expect(await page.locator('#timeline g.lane').count()).toBe(nations);
    expect(await page.locator('#stalls g.stall-bar').count()).toBe(stalled);
    expect(await page.locator('#needs g.need-panel').count()).toBe(5);
    const laneHeights = await page.locator('#timeline g.lane').evaluateAll((lanes) => lanes.map((lane) => (lane as SVGGElement).getBBox().height));
    expect(laneHeights.every((height) => height > 10)).toBe(true);
  });

  it('fills stalls with hatch patterns the browser resolves', async () => {
    const fills = await page.locator('#timeline rect[data-stall]').evaluateAll((rects) =>
      rects.map((rect) => {
        const id = /url\("?#([^")]+)"?\)/.exec(getComputedStyle(rect).fill)?.[1];
        return id !== undefined && document.getElementById(id)?.tagName === 'pattern';
      }),
    );
    expect(fills.length).toBeGreaterThan(0);
    expect(fills.every(Boolean)).toBe(true);
  });

  it('fits an A4 page when printed: no chart or table wider than the page', async () => {
    await page.emulateMedia({ media: 'print' });
    // A4 is 210 mm wide; less 2 x 12 mm margins that leaves about 703 CSS pixels.
    await page.setViewportSize({ width: 703, height: 1000 });
    const overflow = await page.evaluate(() =>
      [...document.querySelectorAll('svg.chart, table, dl, p')].filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map((element) => element.id || element.tagName),
    );
    expect(overflow).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    if (process.env['UPDATE_REPORT_SCREENSHOT'] === '1') {
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1000, height: 800 });
      for (const section of ['findings', 'timeline', 'needs']) {
        await page.locator(`section#${section}`).screenshot({ path: new URL(`../../docs/images/report-${section}.png`, import.meta.url).pathname });
      }
    }
  });
});
