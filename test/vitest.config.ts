import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fixture projects hold their own tests (jest, ...): they run inside sandboxes, never here.
    exclude: ['test/fixtures/**', 'node_modules/**'],
    // The native sqlite3 module is not safe under worker threads.
    pool: 'forks',
    // Two files at a time: most integration tests wait on the engine (image layers, container
    // starts), so a second file fills that wait; each test looks only at what its own process made.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 600_000,
    reporters: ['default', './test/closing-line-reporter.ts'],
    globalSetup: ['./test/global-setup.ts'],
  },
});
