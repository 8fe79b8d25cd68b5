import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDrillLog } from '../../src/index.js';
import { CARIBBEAN, scratchDir } from './binary.js';
import { hasTmux, tmuxServer, tmuxTitle as title } from './tmux.js';

const { startPane: start, screen, waitForScreen, typeLine } = tmuxServer('drill-test');

/** Starts the drill of the Caribbean scenario in a pane (see test/drill/tmux.ts). */
function startPane(name: string, cwd: string, env: string, log: string, options = '--play usa,hti'): void {
  start(name, cwd, env, [CARIBBEAN, ...options.split(' '), '--log', log]);
}

describe('the drill in a terminal', () => {
  it.skipIf(!hasTmux)(title('pauses at decisions, takes typed commands, refuses typos with the prompt back, and quits resumably'), async () => {
    const dir = scratchDir();
    startPane('plain', dir, 'NO_COLOR=1 TERM=xterm-256color', 'tty.jsonl');
    await waitForScreen('plain', /DECISION #2 for Haiti \(hti\): act[\s\S]*T\+2\.5 h, #2 for hti> $/m);
    typeLine('plain', '1');
    await waitForScreen('plain', /Recorded: Haiti \(hti\) act = act/);
    typeLine('plain', ''); // an empty line runs on to the next decision
    await waitForScreen('plain', /DECISION #3 for Haiti \(hti\): offer/);
    typeLine('plain', 'status usa');
    await waitForScreen('plain', /United States \(usa\): contributor, played by a team/);
    typeLine('plain', 'bogus');
    let text = await waitForScreen('plain', /error: "bogus" is neither a command[\s\S]*^T\+3\.5 h, #3 for hti> $/m);
    expect(text.trimEnd().split('\n').at(-1)).toBe('T+3.5 h, #3 for hti>');
    typeLine('plain', 'half');
    await waitForScreen('plain', /Recorded: Haiti \(hti\) offer = half/);
    typeLine('plain', 'undo');
    await waitForScreen('plain', /Undone: hti decided offer: half/);
    typeLine('plain', 'quit');
    text = await waitForScreen('plain', /\[exit 0\]/);
    expect(text).toContain('Resume with: crisis-sim drill --resume tty.jsonl');
    expect(screen('plain', true)).not.toContain('\u001b['); // NO_COLOR: no colour or bold at all
    const log = readDrillLog(join(dir, 'tty.jsonl'));
    expect(log.actions.map((action) => action.type)).toEqual(['decide', 'advance', 'decide', 'undo']);
  }, 120_000);

  it.skipIf(!hasTmux)(title('uses colour on a terminal when NO_COLOR is unset, with the same words as without'), async () => {
    const dir = scratchDir();
    startPane('colour', dir, '-u NO_COLOR TERM=xterm-256color', 'colour.jsonl');
    await waitForScreen('colour', /T\+2\.5 h, #2 for hti> $/m);
    const coloured = screen('colour', true);
    expect(coloured).toContain('\u001b[36m'); // headings in cyan (tmux re-encodes bold and colour apart)
    expect(screen('colour')).toContain('1) act  mobilize national resources');
    typeLine('colour', 'quit');
    await waitForScreen('colour', /\[exit 0\]/);
  }, 120_000);

  it.skipIf(!hasTmux)(title('stops the clock at a due inject card, hides internals from the room, and undoes the time jump'), async () => {
    const dir = scratchDir();
    // Haiti's opening answers come from a script; the rest is typed.
    writeFileSync(join(dir, 'opening.txt'), 'act\nadvance to 70\n1\nadvance to 70\n1\n');
    startPane('card', dir, 'NO_COLOR=1 TERM=xterm-256color', 'card.jsonl', '--play hti --script opening.txt');
    await waitForScreen('card', /T\+10\.9 h> $/m);
    typeLine('card', 'advance to 70');
    await waitForScreen('card', /to Day 4, 04:53 \(T\+60 h\), where inject airport-congestion is due; .* Run it\? \(yes\/no\)/);
    typeLine('card', 'yes');
    let text = await waitForScreen('card', /T\+60\.0 h, inject airport-congestion due> $/m);
    expect(text).toContain('+-- INJECT airport-congestion: Airport slots saturated');
    expect(text).toContain('|  time:    Day 4, 04:53 (T+60 h)');
    expect(text).toContain('|  from:    Airport authority');
    expect(text).toContain('|  message: The single runway is saturated; relief flights circle and divert.');
    // The room's screen: no engine choice, no reasoning (Haiti's consent question was on it), no expected action, no state digest.
    expect(text).toContain('Your policy?');
    for (const internal of ["engine's choice", '(engine:', 'motive', 'threshold', 'expected action', 'MSEL expects', 'sha256:', '[controller]']) expect(text).not.toContain(internal);
    typeLine('card', 'advance 1h');
    await waitForScreen('card', /error: inject airport-congestion is due: deliver it, skip it or re-time it before time moves on/);
    typeLine('card', 'view controller');
    text = await waitForScreen('card', /\[controller\] expected action: Stand up an air-traffic coordination cell with the host/);
    expect(text).toContain('[controller] critical tasks: atc-cell');
    typeLine('card', 'deliver');
    await waitForScreen('card', /Delivered airport-congestion at Day 4, 04:53 \(T\+60 h\): Airport slots saturated/);
    typeLine('card', 'undo');
    await waitForScreen('card', /Undone: delivered MSEL inject airport-congestion\./);
    typeLine('card', 'undo');
    // Wait for the prompt too: the screen can be read between the message and the prompt line.
    text = await waitForScreen('card', /Undone: time ran on .*stands at Day 2, 03:\d\d \(T\+10\.9 h\)\.[\s\S]*^T\+10\.9 h> $/m);
    expect(text.trimEnd().split('\n').at(-1)).toBe('T+10.9 h>');
    typeLine('card', 'quit');
    // With a script, a refused line (the `advance 1h` above) makes the exit status 1.
    await waitForScreen('card', /\[exit 1\]/);
    const log = readDrillLog(join(dir, 'card.jsonl'));
    expect(log.actions.map((action) => action.type)).toEqual(['decide', 'advance', 'decide', 'advance', 'decide', 'advance', 'fire', 'undo', 'undo']);
  }, 120_000);
});
