import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 180_000,
    // Browser tests share one server port range and a single chromium: run them one file at a time.
    fileParallelism: false,
  },
});
