// Lint for the TypeScript sources (`npm run lint`, part of `npm test`). Type-aware, so promises that nobody
// awaits or catches, and promises handed to places that expect a plain function, are caught.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '.output/',
      '.wxt/',
      'node_modules/',
      'models/',
      'public/',
      'bench-results/',
      'tests/.tmp/',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // `_`-prefixed names mark parameters a signature needs but this implementation does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The compiler already checks undefined names with full type information (and knows WXT's auto-imports).
      'no-undef': 'off',
    },
  },
  prettier,
);
