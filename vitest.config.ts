import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // Each test file gets its own database (cloned from a migrated template) and Redis
    // prefix, so files run in parallel without seeing each other's data.
    pool: 'forks',
    // Test files mostly wait on Postgres and Redis: two at a time keep both cores busy.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
