import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fixture projects hold their own tests (jest, ...): they run inside sandboxes, never here.
    exclude: ['test/fixtures/**', 'node_modules/**'],
    // The native sqlite3 module is not safe under worker threads.
    pool: 'forks',
    // Integration tests share one engine on a 2-core machine: run files one after another.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 600_000,
    reporters: ['default', './test/closing-line-reporter.ts'],
    globalSetup: ['./test/global-setup.ts'],
  },
});
