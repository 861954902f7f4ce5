// Lint: eslint's and typescript-eslint's recommended rules (not type-aware, to keep `npm test`
// fast on a 2-core CI machine; `tsc --noEmit` does the type checking).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'data/',
      'storage/',
      'coverage/',
      'reports/out/',
      'test/fixtures/sites/',
      '.demo/',
      'test-artifacts/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      // Chinese text legitimately holds U+3000 ideographic spaces in strings and templates.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipComments: true }],
    },
  },
  { files: ['bin/**', 'test/fixtures/build/**', 'bench/**', 'scripts/**'], rules: { 'no-console': 'off' } },
);
