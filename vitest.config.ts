import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores here: one worker per core keeps the emulator and trainer tests from starving each other.
    maxWorkers: 2,
  },
});
