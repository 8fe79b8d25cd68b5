import { describe, expect, it } from 'vitest';
import { formatDuration, Progress } from '../../src/experiment/progress.js';

/** A stand-in for stderr that records what is written. */
function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
}

describe('batch progress', () => {
  it('redraws a bar with runs done, runs/s and ETA in place on a terminal', () => {
    let now = 0;
    const tty = stream(true);
    const progress = new Progress(100, { stream: tty.stream, now: () => now });
    for (let run = 1; run <= 50; run += 1) {
      now = run * 100;
      progress.tick(run === 7);
    }
    progress.finish();
    const last = tty.written.at(-2)!;
    expect(last.startsWith('\r\x1b[2K[###############...............] 50/100 runs (50%), 10 runs/s, ETA 5 s, 1 failed')).toBe(true);
    expect(tty.written.at(-1)).toBe('\n');
  });

  it('prints a plain line at most every interval when stderr is not a terminal', () => {
    let now = 0;
    const log = stream(false);
    const progress = new Progress(1000, { stream: log.stream, intervalSeconds: 10, now: () => now });
    for (let run = 1; run <= 1000; run += 1) {
      now = run * 50;
      progress.tick();
    }
    progress.finish();
    expect(log.written).toHaveLength(6);
    expect(log.written[1]).toBe('batch: 201/1000 runs (20%), 20 runs/s, ETA 40 s\n');
    expect(log.written.at(-1)).toBe('batch: 1000/1000 runs (100%), 20 runs/s\n');
  });

  it('measures the rate from the first finished run, so worker start-up does not inflate the first ETA', () => {
    let now = 0;
    const log = stream(false);
    const progress = new Progress(100, { stream: log.stream, intervalSeconds: 1, now: () => now });
    // 5 s of start-up, then a run every 100 ms.
    for (let run = 1; run <= 20; run += 1) {
      now = 5000 + run * 100;
      progress.tick();
    }
    expect(log.written[0]).toBe('batch: 1/100 runs (1%)\n');
    expect(progress.status()).toBe('20/100 runs (20%), 10 runs/s, ETA 8 s');
  });

  it('formats durations in seconds, minutes and hours', () => {
    expect(formatDuration(42.2)).toBe('43 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(7500)).toBe('2 h 05 min');
  });
});
