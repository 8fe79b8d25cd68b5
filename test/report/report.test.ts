import { describe, expect, it } from 'vitest';
import { buildReport, hashScenario, loadScenarioFile, provenanceOf, replayNeedSeries, Simulation, STALL_CAUSES, type RunResult, type TraceEntry } from '../../src/index.js';
import { TRUST_PANELS } from '../../src/report/trust-section.js';
import { unmetArea } from '../../src/model/needs.js';
import { scenarioWith } from '../fixtures/scenarios.js';
import { count, reportInputOf, shippedInput } from './helpers.js';

const shipped = shippedInput();
const shippedReport = buildReport(shipped);

describe('after-action report of the shipped Caribbean earthquake', () => {
  it('is self-contained: no scripts, no external resources, a policy that forbids fetching', () => {
    const { html } = shippedReport;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(src|href)="(?!#)/);
    expect(html).not.toMatch(/@import|@font-face|url\((?!#)/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('draws one timeline lane per nation that went through the process', () => {
    const nations = new Set(shipped.result.timeline.map((interval) => interval.nation));
    expect(nations.size).toBe(shipped.scenario.nations.length);
    expect(count(shippedReport.html, /<g class="lane"/)).toBe(nations.size);
  });

  it('draws one stall bar per nation that stalled and one segment per nation and cause', () => {
    const nations = Object.values(shipped.result.metrics.nations);
    const stalled = nations.filter((metrics) => STALL_CAUSES.some((cause) => metrics.stallHours[cause] > 0)).length;
    const segments = nations.reduce((sum, metrics) => sum + STALL_CAUSES.filter((cause) => metrics.stallHours[cause] > 0).length, 0);
    expect(count(shippedReport.html, /<g class="stall-bar"/)).toBe(stalled);
    expect(count(shippedReport.html, /class="stall-segment phase"/)).toBe(segments);
  });

  it('marks every inject that fired on the timeline, the needs chart and the trust chart', () => {
    const fired = shipped.trace.filter((entry) => entry.agent === 'inject').length;
    expect(fired).toBe(2);
    expect(count(shippedReport.html, /class="inject-marker"/)).toBe(3 * fired);
    expect(shippedReport.markdown).toContain('Stand up an air-traffic coordination cell with the host');
  });

  it('gives every chart a title, a description and a text alternative', () => {
    const charts = count(shippedReport.html, /<svg /);
    expect(charts).toBe(5);
    expect(count(shippedReport.html, /role="img" aria-labelledby="[a-z]+-title [a-z]+-desc"/)).toBe(charts);
    expect(count(shippedReport.html, /<details class="text-alternative">/)).toBe(4);
  });

  it('explains stalls with the scenario\'s relations (China has no SOFA, protocol or hotline with Haiti)', () => {
    expect(shippedReport.markdown).toMatch(/China: consent took [\d.]+ h\n {2}- no status-of-forces agreement with Haiti\n {2}- no pre-established response protocol with Haiti\n {2}- no hotline with Haiti/);
    expect(shippedReport.markdown).toMatch(/\*\*Strength:\*\* United States: consent in [\d.]+ h\n {2}- status-of-forces agreement with Haiti/);
  });

  it('is the same, byte for byte, every time it is built', () => {
    expect(buildReport(shippedInput())).toEqual(shippedReport);
  });

  it('records provenance and how to reproduce the run, without a timestamp', () => {
    expect(shippedReport.markdown).toContain(shipped.result.scenarioHash);
    expect(shippedReport.markdown).toContain('--seed 1 --until 4320');
    expect(shippedReport.html).not.toMatch(/20\d\d-\d\d-\d\d/);
  });
});

describe('needs over time', () => {
  it('reproduces the engine\'s unmet-need integral from the replayed series', () => {
    const series = replayNeedSeries({ ...shipped, seed: 1, horizonHours: 4320, metrics: shipped.result.metrics })!;
    expect(series.capabilities.map((capability) => capability.capability)).toEqual(['search-rescue', 'medical', 'airlift', 'engineering', 'security']);
    const end = series.resolvedAtHours ?? series.horizonHours;
    let area = 0;
    for (const { segments } of series.capabilities) {
      for (const segment of segments) area += unmetArea(segment.curve, segment.supply, segment.startHours, Math.min(segment.endHours, end));
    }
    expect(area).toBeCloseTo(shipped.result.metrics.unmetNeedHours, 4);
  });

  it('says the needs chart is unavailable rather than show needs of a different run', () => {
    const tampered: RunResult = { ...shipped.result, metrics: { ...shipped.result.metrics, unmetNeedHours: shipped.result.metrics.unmetNeedHours + 1 } };
    const report = buildReport({ ...shipped, result: tampered });
    expect(report.markdown).toContain('Need over time is not available for this run');
    expect(count(report.html, /class="need-panel"/)).toBe(0);
    expect(count(shippedReport.html, /class="need-panel"/)).toBe(5);
  });
});

describe('trust over time', () => {
  const clash = reportInputOf(loadScenarioFile(new URL('../../scenarios/border-clash.yaml', import.meta.url).pathname).scenario, 9);
  const report = buildReport(clash);

  it('draws the relations whose trust moved, most moved first, each ending where the run\'s relation metrics end', () => {
    const moved = clash.result.metrics.relations.filter((relation) => relation.trustEnd !== relation.trustStart || relation.trustMin !== relation.trustStart);
    const panels = [...report.html.matchAll(/<g class="trust-panel" data-between="([a-z]+) ([a-z]+)"/g)].map((match) => [match[1]!, match[2]!]);
    expect(panels.length).toBe(Math.min(TRUST_PANELS, moved.length));
    // The belligerents' relation moves most (escalations down, hotline calls up): drawn first.
    expect([...panels[0]!].sort()).toEqual(['khm', 'tha']);
    for (const relation of moved) {
      const names = relation.between.map((id) => clash.scenario.nations.find((nation) => nation.id === id)!.name);
      const row = report.markdown.split('\n').find((line) => line.startsWith(`| ${names[0]}–${names[1]} |`) || line.startsWith(`| ${names[1]}–${names[0]} |`));
      expect(row, relation.between.join('-')).toBeDefined();
      const [, start, end, lowest] = row!.split('|').map((cell) => cell.trim()).slice(1);
      expect(Number(start)).toBeCloseTo(relation.trustStart, 2);
      expect(Number(end)).toBeCloseTo(relation.trustEnd, 2);
      expect(Number(lowest)).toBeCloseTo(relation.trustMin, 2);
    }
    // One dot per change that the trace recorded on the drawn pairs.
    const changes = clash.trace.filter((entry) => entry.event === 'trust.changed' && (entry.data as { delta: number }).delta !== 0);
    const drawn = new Set(panels.map((pair) => pair.join('|')));
    expect(count(report.html, /class="trust-change"/)).toBe(changes.filter((entry) => drawn.has((entry.data as { between: string[] }).between.join('|'))).length);
  });

  it('escapes nation names in the chart, its tooltips and its table', () => {
    const hostile = scenarioWith((input) => {
      input.nations[1].name = 'Alpha <script>alert(1)</script> & "co"';
    });
    const { html } = buildReport(reportInputOf(hostile));
    expect(count(html, /class="trust-panel"/)).toBeGreaterThan(0);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Alpha &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;');
  });

  it('says so when no trust moved', () => {
    const still = { ...clash, trace: clash.trace.filter((entry) => entry.event !== 'trust.changed') };
    const quiet = buildReport(still);
    expect(quiet.markdown).toContain('Trust did not change between any two nations in this run.');
    expect(count(quiet.html, /class="trust-panel"/)).toBe(0);
  });
});

describe('findings follow the scenario\'s levers', () => {
  const slowConsent = (sofa: boolean) =>
    scenarioWith((input) => {
      input.nations[0].sovereignty.consentDelay = 200;
      input.relations[0] = { between: ['aaa', 'hst'], trust: 0.6, mou: true, sofa };
    });

  it('blames a missing status-of-forces agreement for a long wait for consent', () => {
    const report = buildReport(reportInputOf(slowConsent(false)));
    expect(report.markdown).toMatch(/Alpha: consent took [\d.]+ (h|days)\n {2}- no status-of-forces agreement with Host/);
  });

  it('does not blame a status-of-forces agreement that exists', () => {
    const report = buildReport(reportInputOf(slowConsent(true)));
    const reasons = /Alpha: consent took [^\n]*\n((?: {2}- [^\n]*\n)*)/.exec(report.markdown)?.[1];
    expect(reasons).toContain('no hotline with Host');
    expect(reasons).not.toContain('status-of-forces');
  });
});

describe('drill reports', () => {
  it('puts players\' decisions next to the MSEL\'s expected action and still replays the needs', () => {
    const scenario = scenarioWith((input) => {
      input.injects[0].expectedAction = 'Offer more medical teams';
    });
    const trace: TraceEntry[] = [];
    const sim = new Simulation(scenario, { seed: 3, players: ['aaa'], trace: (entry) => trace.push(entry) });
    for (let pending = sim.advance(); pending.length > 0; pending = sim.advance()) {
      for (const request of pending) sim.decide(request.id, request.kind === 'offer' ? 'half' : request.options[0]!);
    }
    const metrics = sim.finish();
    const result: RunResult = { ...provenanceOf(scenario, hashScenario(scenario), 3, sim.horizonHours), censoredAtHours: sim.horizonHours, metrics, timeline: sim.recorder.intervals };
    const report = buildReport({ scenario, result, trace, comparison: { label: 'engine-only baseline', result: reportInputOf(scenario, 3).result } });
    expect(report.markdown).toContain('## Players\' decisions and the MSEL');
    expect(report.markdown).toMatch(/\| 1 \| 100\.0 h \(4\.2 d\) \| More rain \| Offer more medical teams \|/);
    expect(report.markdown).toMatch(/aaa offer: half/);
    expect(report.markdown).toContain('## Compared with the engine-only baseline');
    expect(count(report.html, /class="need-panel"/)).toBe(2);
  });
});
