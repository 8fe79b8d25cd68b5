import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Test files that replace modules or methods (vi.mock, vi.spyOn, vi.stub...): they run with
 * a module cache of their own, so a mock never reaches another file. Found by reading the
 * files, so a new test that mocks is isolated without anyone listing it.
 */
const MOCKING = readdirSync('test', { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.test.ts'))
  .map((path) => join('test', path))
  .filter((path) => /\bvi\.(mock|doMock|spyOn|stub\w*|hoisted)\(/.test(readFileSync(path, 'utf8')));

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // vitest runs (cores - 1) test files at once: one on a 2-core machine (CI), whose second
    // core then idles while a test waits for the CLI it spawned, as most CLI tests do. Two
    // files at once keep both cores busy (docs/performance.md, "The test suite").
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      // Every other file shares its worker's module cache with the files run before it
      // (isolate: false): each file no longer imports the engine afresh through vite, which
      // was a sixth of the suite's time. The tests share no mutable state (src's module
      // state is caches; helpers hold none).
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: MOCKING, isolate: false } },
      { extends: true, test: { name: 'isolated', include: MOCKING, isolate: true } },
    ],
  },
});
