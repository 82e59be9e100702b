// @ts-check
import tseslint from 'typescript-eslint';

const TEST_FILES = ['**/*.test.{ts,tsx}', '**/testing/**'];

/** @param {string} who */
const BACKGROUND_ONLY = (who) => ({
  group: ['**/background/**', '**/background'],
  message: `${who} must not import lib/client/background: send a message through lib/client/shared/bridge.ts.`,
});

/** server/ imports only lib/protocol, lib/domain and lib/mail (docs/style.md). */
const SERVER_LAYERS = {
  group: ['**/lib/client/**', '**/lib/webmail/**', '**/components/**', '**/entrypoints/**'],
  message: 'server/ imports only lib/protocol, lib/domain and lib/mail.',
};

export default tseslint.config(
  {
    ignores: [
      'eslint.config.js',
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'data/**',
      '.bench/**',
      'dist/**',
      'test/fixtures/**',
      'coverage/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // Two projects: the extension (DOM) and the server side (node, incl. lib/mail, bench, e2e).
      parserOptions: { project: ['./tsconfig.json', './server/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Plain JavaScript run by node before any build (scripts/bounce.mjs): in no tsconfig project.
    files: ['scripts/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Imports flow one way (docs/style.md): the server never reaches into extension code, and pure
    // layers never reach into I/O layers.
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            SERVER_LAYERS,
            {
              group: ['**/app', './app', '../app'],
              message: 'Only server/main.ts (and the test harness) build the app: share what you need through a module of its own.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/main.ts', 'server/test-support/**/*.ts', 'server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [SERVER_LAYERS],
        },
      ],
    },
  },
  // The extension's runtime contexts (docs/style.md, "Split by runtime context"): the background owns
  // the cache, the outbox and the sync loop; pages and content scripts only ask it (shared/bridge.ts).
  // Tests may wire contexts together, so they are left out.
  {
    files: [
      'components/**/*.{ts,tsx}',
      'lib/client/ui/**/*.{ts,tsx}',
      'entrypoints/popup/**/*.{ts,tsx}',
      'entrypoints/options/**/*.{ts,tsx}',
    ],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': ['error', { patterns: [BACKGROUND_ONLY('UI code (components/, lib/client/ui/, popup, options)')] }],
    },
  },
  {
    files: ['lib/client/content/**/*.{ts,tsx}', 'entrypoints/*.content/**/*.{ts,tsx}'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            BACKGROUND_ONLY('Content-script code'),
            {
              group: ['**/db', '**/outbox', '**/sync', '**/sync-engine', 'idb', 'idb/**'],
              message: 'The content-script bundle holds no cache, outbox or sync loop: ask the background (lib/client/shared/bridge.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/client/background/**/*.ts', 'entrypoints/background.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/components/**',
                '**/lib/client/ui/**',
                '../ui/**',
                '../../ui/**',
                '**/lib/client/content/**',
                '../content/**',
                '../../content/**',
                'preact',
                'preact/**',
              ],
              message: 'The background has no UI and no page: it imports lib/client/background, lib/client/shared and the pure layers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/client/shared/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/background/**', '**/content/**', '**/ui/**', '**/components/**', '**/entrypoints/**'],
              message: 'lib/client/shared is imported by every runtime context and imports none of them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/domain/**/*.ts', 'lib/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/server/**',
                '**/lib/client/**',
                '**/lib/webmail/**',
                '**/components/**',
                '**/entrypoints/**',
                'wxt/**',
                'webextension-polyfill',
              ],
              message: 'lib/domain and lib/protocol are pure: no I/O layers.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'fetch', 'document', 'window', 'browser', 'chrome'],
    },
  },
);
