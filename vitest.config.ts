import { availableParallelism } from 'node:os';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // esbuild emits no decorator metadata, which TypeGraphQL and MikroORM read; swc does.
  plugins: [swc.vite({ tsconfigFile: './tsconfig.json' })],
  // Node loads graphql's CommonJS build for the libraries; the tests must share that one copy.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['server/src/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    pool: 'forks',
    // Two test files at once even on two cores (vitest's default there is one): a browser test mostly
    // waits on Chromium and the server, and every file has its own database, app and browser.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // As long as a browser test's own waits (playwright's 10 s): a poll passes as soon as it holds,
    // and a busy machine must not fail one that would have held a second later.
    expect: { poll: { timeout: 10_000 } },
  },
});
