import { defineConfig } from 'vitest/config';

// Three projects: pure/server code in node, extension code in happy-dom with WXT's fake browser,
// and end-to-end runs of the built extension in Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['lib/{protocol,domain,mail,webmail}/**/*.test.ts', 'server/**/*.test.ts', 'test/unit/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
