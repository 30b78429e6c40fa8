import { configDefaults, defineConfig } from 'vitest/config';

// Two projects: the unit tests, and the site tests (tests/site, tests/e2e), which share one
// build of the site made by a global setup (tests/site/global-setup.ts) before they start.
const siteTests = ['tests/site/**/*.test.ts', 'tests/e2e/**/*.test.ts'];

export default defineConfig({
  test: {
    hookTimeout: 600_000,
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...siteTests],
        },
      },
      {
        extends: true,
        test: {
          name: 'site',
          include: siteTests,
          globalSetup: ['tests/site/global-setup.ts'],
        },
      },
    ],
  },
});
