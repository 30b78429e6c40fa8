import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // tests/site builds the whole site once in a beforeAll
    hookTimeout: 600_000,
    testTimeout: 60_000,
  },
});
