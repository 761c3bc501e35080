import { configDefaults, defineConfig } from 'vitest/config';

/** The packaging test: `npm pack`, then an install from the tarball (network). Run by `npm run test:package`. */
export const PACKAGE_TEST = 'test/e2e/package.test.ts';

/** What every test run shares. */
export const shared = {
  // Snapshots are written only with an explicit `-u`; golden files only by `npm run golden:update`.
  update: 'none',
  testTimeout: 60_000,
  hookTimeout: 60_000,
  pool: 'forks',
  // One temporary folder per run, removed at the end (test/temp-root.ts).
  globalSetup: ['test/temp-root.ts'],
} as const;

export default defineConfig({
  test: {
    ...shared,
    include: ['test/**/*.test.ts'],
    // `npm test` runs offline; the packaging test installs from npm and has its own script.
    exclude: [...configDefaults.exclude, PACKAGE_TEST],
  },
});
