import { configDefaults, defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Three projects: pure/server code in node, extension code in happy-dom with WXT's fake browser,
// and end-to-end runs of the built extension in Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'lib/{protocol,domain,mail,webmail}/**/*.test.ts',
            'server/**/*.test.ts',
            'test/unit/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          // PostgreSQL's change feed alone: the server-postgres project runs it (on SQLite it would only be skipped).
          exclude: [...configDefaults.exclude, 'server/routes/changes-horizon.test.ts'],
          globalSetup: ['test/setup/postgres.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The route and live suites again, on PostgreSQL: one contract, both stores.
        test: {
          name: 'server-postgres',
          environment: 'node',
          include: ['server/routes/**/*.test.ts', 'server/live/**/*.test.ts'],
          // Starts real server processes on both stores itself.
          exclude: [...configDefaults.exclude, 'server/live/upgrade-reset.test.ts'],
          globalSetup: ['test/setup/postgres.ts'],
          env: { TEST_STORE: 'postgres' },
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [WxtVitest()],
        test: {
          name: 'extension',
          environment: 'happy-dom',
          include: ['lib/client/**/*.test.{ts,tsx}', 'components/**/*.test.{ts,tsx}', 'entrypoints/**/*.test.{ts,tsx}'],
          setupFiles: ['lib/client/testing/setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          // One browser and one server for the whole run: specs share them and must not interleave.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
