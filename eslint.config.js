import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const zodPaths = ['zod', 'zod/mini', 'zod/v4', 'zod/v4/mini'].map((name) => ({ name, message: 'Import { z } from shared/zod.ts.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'renderer/dist/**', '.bench/**'] },
  js.configs.recommended,
  {
    // Plain Node scripts.
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } },
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Electron may be imported only by the desktop layer; everything else runs under plain Node.
    files: ['main/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['main/desktop/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Import electron only under main/desktop/.' }, ...zodPaths] }],
    },
  },
  {
    // Everything takes zod from shared/zod.ts: the mini build, with its English messages installed.
    files: ['main/desktop/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: zodPaths }] },
  },
  { files: ['shared/zod.ts'], rules: { 'no-restricted-imports': 'off' } },
);
