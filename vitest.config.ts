import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Snapshots are written only with an explicit `-u`; golden files only by `npm run golden:update`.
    update: 'none',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One temporary folder per run, removed at the end (test/temp-root.ts).
    globalSetup: ['test/temp-root.ts'],
  },
});
