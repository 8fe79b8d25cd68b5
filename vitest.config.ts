import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // vitest runs (cores - 1) test files at once: one on a 2-core machine (CI), whose second
    // core then idles while a test waits for the CLI it spawned, as most CLI tests do. Two
    // files at once keep both cores busy (docs/performance.md, "The test suite").
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
