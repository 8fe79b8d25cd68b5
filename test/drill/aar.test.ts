import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DrillSession, readDrillLog } from '../../src/index.js';
import { relationKey } from '../../src/model/relations.js';
import { CARIBBEAN, crisisSim, scratchDir } from './binary.js';

const REHEARSAL = resolve(import.meta.dirname, '../../scenarios/drills/caribbean-two-teams.txt');

/** The shipped rehearsal, played once: its log is the drill transcript the AAR is built from. */
function rehearsedLog(): { dir: string; log: string } {
  const dir = scratchDir();
  const run = crisisSim(['drill', CARIBBEAN, '--play', 'usa,hti', '--seed', '1', '--script', REHEARSAL, '--log', 'drill.jsonl'], { cwd: dir });
  expect(run.status).toBe(0);
  return { dir, log: join(dir, 'drill.jsonl') };
}

describe('AAR/IP straight from a drill log', () => {
  const { dir, log } = rehearsedLog();

  it('writes Markdown and HTML with ratings, observations, team actions, notes, the hot wash and the Improvement Plan', () => {
    const md = crisisSim(['report', 'drill.jsonl', '-o', 'aar.md'], { cwd: dir });
    expect(md.status).toBe(0);
    const html = crisisSim(['report', 'drill.jsonl', '-o', 'aar.html'], { cwd: dir });
    expect(html.status).toBe(0);
    const text = readFileSync(join(dir, 'aar.md'), 'utf8');
    for (const section of ['## Exercise overview', '## Objectives and ratings', '## Core capability: Operational Coordination', "## The teams' decisions and actions", '## Notes and hot wash', '## Improvement Plan', '## What the engine-played nations did (context, not evaluated)']) {
      expect(text).toContain(section);
    }
    expect(text).toContain('| Stand up an air-traffic coordination cell with the host | M: performed with major challenges | Slots were negotiated flight by flight; no cell by day 5 |');
    expect(text).toContain('| Re-task search-and-rescue teams to new collapse sites | not rated |');
    expect(text).toContain('Expected action after "Airport slots saturated" (Stand up an air-traffic coordination cell with the host): partly observed.');
    expect(text).toContain('usa: propose a hotline with hti to speed up consent questions (took effect in the simulation: hotline)');
    // An inject written live tests no critical task: its expected action is evaluated with the teams.
    expect(text).toContain('- **Strength:** Expected action after "Viral video of a collapsed school" (Host and partners brief the press together): observed.');
    expect(text).toMatch(/Day \d, \d\d:\d\d \(T\+[\d.]+ h\): Team USA wants a situation report/);
    expect(text).toMatch(/Hot wash:\n\n- Day 5, 16:53 \(T\+96 h\): The consent decision cost the US team two days/);
    expect(text).toContain('| Logistics and Supply Chain Management | Grant consent to foreign teams without delaying their arrival (rated U)');
    expect(text).toContain('reproduce:** crisis-sim report drill.jsonl -o aar.html (replays the drill log');
    expect(text).toContain('a reference point, not the right answer');
    // Words of the trade: labels, not code names; no "8.5 of 3.9".
    expect(text).not.toMatch(/firstResponseHours|needsMet90Hours|unmetNeedHours| count\b/);
    expect(text).not.toMatch(/\d\.\d of \d/);
    // The report `end` wrote and the one built later from the log are the same file.
    expect(readFileSync(join(dir, 'aar.html'), 'utf8')).toBe(readFileSync(join(dir, 'drill.report.html'), 'utf8'));
  });

  it('replays ratings, observations and own-words actions exactly; a matched action takes effect in the engine', () => {
    const actions = readDrillLog(log).actions;
    expect(actions.filter((action) => action.type === 'rate').map((action) => action.type === 'rate' && `${action.task} ${action.rating}`)).toEqual(['atc-cell M', 'consent-fast U', 'request-usar S']);
    const acted = actions.flatMap((action) => (action.type === 'act' ? [action] : []));
    expect(acted.map((action) => action.lever ?? 'none')).toEqual(['hotline', 'talks', 'none']);
    // Loading replays the log and checks every action's fingerprint (the state it was taken in) on the way.
    const session = DrillSession.load(log);
    expect(session.actionsInForce().filter((action) => action.type === 'rate' || action.type === 'observe' || action.type === 'act')).toHaveLength(8);
    expect(session.sim.world.state.relations[relationKey('usa', 'hti')]?.hotlineUp).toBe(true);
    const last = actions.flatMap((action) => ('fingerprint' in action ? [action.fingerprint] : [])).at(-1);
    expect(session.fingerprint()).toBe(last);
  });

  it('round-trips the Improvement Plan through CSV: export, fill in, import, and the report shows it', () => {
    const exported = crisisSim(['ip', 'export', 'drill.jsonl', '-o', 'ip.csv'], { cwd: dir });
    expect(exported.status).toBe(0);
    const csv = readFileSync(join(dir, 'ip.csv'), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^# crisis-sim improvement plan: engine crisis-sim .*, scenario caribbean-earthquake \(sha256:[0-9a-f]+\), seed 1, drill log drill\.jsonl$/);
    expect(csv.split('\n')[1]).toBe('Id,Core Capability,Issue / Area for Improvement,Corrective Action,Primary Responsible Organization,Point of Contact,Start Date,Completion Date');
    const filled = csv.replace(/^(task:consent-fast,[^\n]*),,,,,$/m, '$1,Pre-agreed consent template for CARICOM partners,Haiti Ministry of Foreign Affairs,"Director, Civil Protection",2027-02-01,2027-06-30');
    expect(filled).not.toBe(csv);
    writeFileSync(join(dir, 'filled.csv'), filled);
    expect(crisisSim(['ip', 'import', 'drill.jsonl', 'filled.csv'], { cwd: dir }).status).toBe(0);
    expect(crisisSim(['ip', 'export', 'drill.jsonl'], { cwd: dir }).stdout).toBe(filled);
    expect(crisisSim(['report', 'drill.jsonl', '-o', 'aar-ip.md'], { cwd: dir }).status).toBe(0);
    expect(readFileSync(join(dir, 'aar-ip.md'), 'utf8')).toContain('| Pre-agreed consent template for CARICOM partners | Haiti Ministry of Foreign Affairs | Director, Civil Protection | 2027-02-01 | 2027-06-30 |');
  });

  it('refuses a bad plan with file:line:column, and leaves the log as it was', () => {
    const before = readFileSync(log, 'utf8');
    const csv = readFileSync(join(dir, 'ip.csv'), 'utf8').replace(/,,,,,$/m, ',fix it,,,soon,');
    writeFileSync(join(dir, 'bad.csv'), csv);
    const run = crisisSim(['ip', 'import', 'drill.jsonl', 'bad.csv'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^crisis-sim: bad\.csv:\d+:7: Start Date "soon" is not a date YYYY-MM-DD\n$/);
    expect(readFileSync(log, 'utf8')).toBe(before);
  });
});
