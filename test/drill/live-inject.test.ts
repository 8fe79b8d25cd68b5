import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DrillSession, readDrillLog } from '../../src/index.js';
import { CARIBBEAN, crisisSim, scratchDir, writeScript } from './binary.js';

describe('live injects at the drill prompt', () => {
  it('carry from, to, mode and message: shown as a card, logged, and replayed on resume', () => {
    const dir = scratchDir();
    const script = writeScript(dir, 'live.txt', [
      'inject none | Press conference | from: Ministry of Health | to: usa, Haiti | mode: briefing | message: The minister asks for field hospitals | expected: Offer medical teams',
      'inject pressure 0.1 | Viral video | Brief the press together',
      'quit',
    ]);
    const run = crisisSim(['drill', CARIBBEAN, '--play', 'usa,hti', '--log', 'live.jsonl', '--script', script], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      [
        '+-- INJECT live-1: Press conference',
        '|  time:    Day 1, 19:23 (T+2.5 h)',
        '|  from:    Ministry of Health',
        '|  to:      usa, Haiti',
        '|  mode:    briefing',
        '|  message: The minister asks for field hospitals',
        '+--',
      ].join('\n'),
    );
    // The projector never shows the expected action (only the echoed script line has it); the log keeps it for the evaluators.
    expect(run.stdout.split('Offer medical teams')).toHaveLength(2);
    const injects = readDrillLog(join(dir, 'live.jsonl')).actions.flatMap((action) => (action.type === 'inject' ? [action.inject] : []));
    expect(injects).toEqual([
      expect.objectContaining({ id: 'live-1', title: 'Press conference', from: 'Ministry of Health', to: 'usa, Haiti', mode: 'briefing', description: 'The minister asks for field hospitals', expectedAction: 'Offer medical teams' }),
      expect.objectContaining({ id: 'live-2', title: 'Viral video', from: 'Facilitator', to: '', mode: '', description: '', expectedAction: 'Brief the press together' }),
    ]);
    const resumed = DrillSession.load(join(dir, 'live.jsonl'));
    expect(resumed.liveInjects().map((inject) => [inject.id, inject.to, inject.mode])).toEqual([
      ['live-1', 'usa, Haiti', 'briefing'],
      ['live-2', '', ''],
    ]);
  });

  it('refuse an addressee that is no nation or organization, naming the closest, the teams and the nations; nothing is logged', () => {
    const dir = scratchDir();
    const script = writeScript(dir, 'bad.txt', ['inject none | Rumour | to: usa, hait', 'inject none | Rumour | to: CARICOM, all', 'inject none | x | to: a | to: b', 'quit']);
    const run = crisisSim(['drill', CARIBBEAN, '--play', 'usa,hti', '--log', 'bad.jsonl', '--script', script], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      'error: to: "hait" is neither a nation, an organization nor "all"; did you mean "hti" (Haiti)?; write ids or names separated by commas (teams play usa, hti; nations: hti, usa, can, dom, fra, gbr, chn, bra, jam, mex)',
    );
    expect(run.stdout).toContain('error: inject: to: is given twice');
    const injects = readDrillLog(join(dir, 'bad.jsonl')).actions.flatMap((action) => (action.type === 'inject' ? [action.inject['to']] : []));
    expect(injects).toEqual(['CARICOM, all']);
  });
});
