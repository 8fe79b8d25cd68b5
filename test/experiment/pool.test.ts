import { describe, expect, it } from 'vitest';
import { youngGenerationMb } from '../../src/experiment/pool.js';

const GiB = 2 ** 30;

describe('worker young generation', () => {
  it('is 192 MB per worker where memory allows, and all workers together take at most an eighth of the memory', () => {
    expect(youngGenerationMb(2, 24 * GiB)).toBe(192);
    expect(youngGenerationMb(8, 8 * GiB)).toBe(128);
    for (const [workers, memory] of [[1, 2 * GiB], [4, 8 * GiB], [16, 64 * GiB], [3, 5 * GiB]] as const) {
      expect(youngGenerationMb(workers, memory) * workers * 2 ** 20).toBeLessThanOrEqual(memory / 8);
    }
  });

  it('never goes below 16 MB, V8\'s own scale, however many workers share little memory', () => {
    expect(youngGenerationMb(64, 4 * GiB)).toBe(16);
  });
});
