import { describe, expect, it } from 'vitest';
import { parseCommand, readClock } from '../../src/index.js';
import { shippedScenario } from '../fixtures/scenarios.js';

describe('drill commands read times on the screen\'s clock', () => {
  it('advance to and retime take a clock time of the scenario clock: the time the screen shows is the time reached', () => {
    const { clock } = shippedScenario('caribbean-earthquake.yaml');
    expect(readClock(60, clock).text).toBe('Day 4, 04:53 (T+60 h)');
    expect(parseCommand('advance to Day 4 04:53', clock?.onset)).toEqual({ type: 'advance-to', atHours: 60 });
    expect(parseCommand('advance to 2010-01-15 04:53', clock?.onset)).toEqual({ type: 'advance-to', atHours: 60 });
    expect(parseCommand('retime aftershock Day 2 04:53', clock?.onset)).toEqual({ type: 'retime', inject: 'aftershock', to: { atHours: 12 } });
    expect(parseCommand('retime Day 2 04:53', clock?.onset)).toEqual({ type: 'retime', to: { atHours: 12 } });
    expect(parseCommand('retime aftershock +6h', clock?.onset)).toEqual({ type: 'retime', inject: 'aftershock', to: { byHours: 6 } });
    expect(() => parseCommand('retime 04:53', clock?.onset)).toThrow(/retime needs a time/); // before the onset at 16:53
    // Without an onset, Day 1 starts at 00:00.
    expect(parseCommand('advance to Day 4 04:53')).toEqual({ type: 'advance-to', atHours: 76 + 53 / 60 });
  });
});
