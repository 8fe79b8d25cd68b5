import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DrillSession, readDrillLog } from '../../src/index.js';
import { relationKey } from '../../src/model/relations.js';
import { CARIBBEAN, scratchDir } from './binary.js';
import { hasTmux, tmuxServer, tmuxTitle } from './tmux.js';

const { startPane, waitForScreen, typeLine } = tmuxServer('evaluation');

describe('evaluation and contingency injects in a terminal', () => {
  it.skipIf(!hasTmux)(tmuxTitle('logs ratings, observations and own-words actions (a hotline, talks) as typed, and a resumed drill replays them exactly'), async () => {
    const dir = scratchDir();
    startPane('rate', dir, 'NO_COLOR=1 TERM=xterm-256color', [CARIBBEAN, '--play', 'usa,hti', '--log', 'rate.jsonl']);
    await waitForScreen('rate', /T\+2\.5 h, #2 for hti> $/m);
    typeLine('rate', 'act');
    await waitForScreen('rate', /Recorded: Haiti \(hti\) act = act/);
    typeLine('rate', 'fire airport-congestion');
    await waitForScreen('rate', /Delivered airport-congestion at/);
    typeLine('rate', 'observe airport-congestion partly | US team asked for landing slots; no joint cell');
    await waitForScreen('rate', /Expected action of airport-congestion marked partly observed\./);
    typeLine('rate', 'rate atc-cell M | Slots negotiated flight by flight');
    await waitForScreen('rate', /Rated atc-cell \(Stand up an air-traffic coordination cell with the host\) M: performed with major challenges\./);
    typeLine('rate', 'action usa propose a hotline with the Dominican Republic');
    await waitForScreen('rate', /Action of usa recorded at .*; it takes effect in the engine \(hotline/);
    typeLine('rate', 'action usa request talks with Haiti about landing slots');
    await waitForScreen('rate', /Action of usa recorded at .*; it takes effect in the engine \(talks: talks between usa and hti start now\)/);
    typeLine('rate', 'quit');
    await waitForScreen('rate', /\[exit 0\]/);
    const log = readDrillLog(join(dir, 'rate.jsonl'));
    expect(log.actions.map((action) => action.type)).toEqual(['decide', 'fire', 'observe', 'rate', 'act', 'act']);
    expect(log.actions.find((action) => action.type === 'rate')).toMatchObject({ task: 'atc-cell', rating: 'M', observation: 'Slots negotiated flight by flight' });
    expect(log.actions.find((action) => action.type === 'observe')).toMatchObject({ inject: 'airport-congestion', status: 'partly', what: 'US team asked for landing slots; no joint cell' });
    expect(log.actions.find((action) => action.type === 'act')).toMatchObject({ nation: 'usa', lever: 'hotline', effect: { type: 'hotline.up', between: ['usa', 'dom'] } });
    expect(log.actions.at(-1)).toMatchObject({ type: 'act', nation: 'usa', lever: 'talks', engineAction: { type: 'talks', nation: 'usa', with: 'hti' } });
    // The own words took effect in the engine: a US-Dominican hotline the scenario does not have.
    expect(DrillSession.load(join(dir, 'rate.jsonl')).sim.world.state.relations[relationKey('usa', 'dom')]?.hotlineUp).toBe(true);

    // Resumed in a new terminal: every action replayed (fingerprints checked), the ratings still there.
    startPane('resumed', dir, 'NO_COLOR=1 TERM=xterm-256color', ['--resume', 'rate.jsonl']);
    await waitForScreen('resumed', /Resumed: 6 logged actions replayed exactly\./);
    // The talks the US team asked for are under way in the resumed run: a second request is refused, logged as words only.
    typeLine('resumed', 'action usa request talks with Haiti again');
    await waitForScreen('resumed', /no engine lever taken \(talks: talks between usa and hti are under way or used up/);
    typeLine('resumed', 'tasks');
    const text = await waitForScreen('resumed', /Stand up an air-traffic coordination cell with the host.*\n?.*M/);
    expect(text).toContain('Slots negotiated flight by flight');
    typeLine('resumed', 'quit');
    await waitForScreen('resumed', /\[exit 0\]/);
  }, 180_000);

  it.skipIf(!hasTmux)(tmuxTitle('shows a contingency inject only when its condition holds: the card when Haiti closed the door, nothing when it opened'), async () => {
    const dir = scratchDir();
    // The contingency inject goes first in the scenario's injects: list (whatever follows the list in the file).
    const contingent = readFileSync(CARIBBEAN, 'utf8').replace(
      '\ninjects:\n',
      `\ninjects:
  - id: door-closed
    atHours: 12
    title: Contributors protest the closed door
    description: Six governments ask publicly why their teams wait at the airport.
    from: Media
    to: Haiti
    mode: news report
    when: { decided: { nation: hti, kind: consent, choice: closed } }
`,
    );
    expect(contingent).toContain('  - id: door-closed');
    writeFileSync(join(dir, 'contingent.yaml'), contingent);
    for (const consent of ['closed', 'open']) {
      startPane(consent, dir, 'NO_COLOR=1 TERM=xterm-256color', ['contingent.yaml', '--play', 'hti', '--log', `${consent}.jsonl`]);
      await waitForScreen(consent, /T\+2\.5 h, #2 for hti> $/m);
      for (const [line, answer] of [['act', /Recorded: Haiti \(hti\) act = act/], ['', /#3 for hti> $/m], ['all', /Recorded: Haiti \(hti\) offer = all/], ['', /T\+10\.9 h, #\d+ for hti> $/m]] as const) {
        typeLine(consent, line);
        await waitForScreen(consent, answer);
      }
      typeLine(consent, consent);
      await waitForScreen(consent, new RegExp(`consent = ${consent}`));
      typeLine(consent, 'advance to 14');
    }
    // Closed door: the clock stops at the inject's time with its card.
    const closed = await waitForScreen('closed', /The clock ran from .* to Day 2, 04:53 \(T\+12 h\)\.[\s\S]*T\+12\.0 h, inject door-closed due> $/m);
    expect(closed).toContain('+-- INJECT door-closed: Contributors protest the closed door');
    expect(closed).toContain('|  message: Six governments ask publicly why their teams wait at the airport.');
    // Open door: the condition is false at T+12, so the inject does not fire and the clock does not stop there.
    const open = await waitForScreen('open', /The clock ran from .* to Day 2, 06:53 \(T\+14 h\)\.[\s\S]*T\+14\.0 h> $/m);
    expect(open).not.toContain('door-closed');
    expect(open).not.toContain('T+12 h)');
    // The controller's view says it did not fire, and why; the projected screen never did.
    typeLine('open', 'view controller');
    const controller = await waitForScreen('open', /\[controller\] inject door-closed not fired \(condition false\) at Day 2, 04:53 \(T\+12 h\): "Contributors protest the closed door"/);
    expect(controller).toContain('View: controller');
    typeLine('open', 'injects');
    await waitForScreen('open', /Not fired \(condition false at their time\):\n\s+T\+12\.0 h  door-closed: Contributors protest the closed door/);
    for (const pane of ['closed', 'open']) typeLine(pane, 'quit');
    const fired = (file: string) => readDrillLog(join(dir, file)).actions.filter((action) => action.type === 'fire').length;
    await waitForScreen('open', /\[exit 0\]/);
    await waitForScreen('closed', /\[exit 0\]/);
    expect(DrillSession.load(join(dir, 'closed.jsonl')).due().map((entry) => entry.inject.id)).toEqual(['door-closed']);
    expect(DrillSession.load(join(dir, 'open.jsonl')).held().map((entry) => entry.inject.id)).not.toContain('door-closed');
    expect([fired('closed.jsonl'), fired('open.jsonl')]).toEqual([0, 0]);
  }, 180_000);
});
