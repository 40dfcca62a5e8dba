import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests share one real Redis; each test file uses its own key prefix or database.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default'],
  },
});
