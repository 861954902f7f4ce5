import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PGlite's first start (initdb in WASM) takes a few seconds; CLI tests spawn processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    restoreMocks: true,
    env: { SOURCECHECK_LOG_LEVEL: 'warn' },
  },
});
