// One lint setup for server, web and tests: typescript-eslint and eslint-plugin-svelte's
// recommended rules; layout is prettier's (`npm run lint` checks both).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  {
    ignores: [
      '**/node_modules/',
      '.data/',
      'server/dist/',
      'web/build/',
      'web/.svelte-kit/',
      'web/src/lib/paraglide/',
      'web/src/graphql-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // GraphQL answers in tests and benchmarks are read as untyped JSON.
    files: ['tests/**', 'server/src/scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
    // The app is served at the root with no base path, so plain hrefs are what resolve() would give.
    rules: { 'svelte/no-navigation-without-resolve': 'off' },
  },
);
