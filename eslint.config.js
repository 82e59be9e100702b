// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['eslint.config.js', '.output/**', '.wxt/**', 'node_modules/**', 'data/**', '.bench/**', 'test/fixtures/**', 'coverage/**'] },
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
    // Imports flow one way (docs/style.md): the server never reaches into extension code, and pure
    // layers never reach into I/O layers.
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/lib/client/**', '**/lib/webmail/**', '**/components/**', '**/entrypoints/**'],
              message: 'server/ imports only lib/protocol, lib/domain and lib/mail.',
            },
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
          patterns: [
            {
              group: ['**/lib/client/**', '**/lib/webmail/**', '**/components/**', '**/entrypoints/**'],
              message: 'server/ imports only lib/protocol, lib/domain and lib/mail.',
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
