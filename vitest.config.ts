import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // vitest's default (one fewer than the cores) runs one file at a time on 2 cores, which leaves a
    // core idle while a test waits on a server; two at once take about 0.7 of the time there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
