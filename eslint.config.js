import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const OURS_OUTSIDE_COMMON = ['**/main/**', '**/renderer/**', '**/preload/**', '**/test/**', '**/scripts/**'];

// Later entries override earlier ones for the same file: general folders first.
export const FOLDER_RULES = {
  'main/**/*.ts': {
    message: 'The shells reach the page only through the contract in common/.',
    forbid: ['**/renderer/**', '**/preload/**', '**/test/**'],
  },
  'main/core/**/*.ts': {
    message: 'main/core is the domain: plain Node, no electron, no shells, no page (it may use common/).',
    forbid: [
      'electron',
      'electron/*',
      '**/renderer/**',
      '**/preload/**',
      '**/test/**',
      '**/electron/**',
      '**/server/**',
      '**/cli/**',
      '**/bench/**',
    ],
  },
  'common/**/*.ts': {
    message: 'common/ runs in the page and under Node alike: it imports nothing of ours outside common/, nor Node or Electron.',
    forbid: [...OURS_OUTSIDE_COMMON, 'electron', 'node:*', 'three'],
  },
  'renderer/**/*.ts': {
    message: 'The renderer only talks to the contract in common/.',
    forbid: ['electron', 'node:*', '**/main/**', '**/preload/**', '**/test/**'],
  },
  'preload/**/*.ts': {
    message: 'The preload only bridges the contract in common/.',
    forbid: ['**/main/**', '**/renderer/**', '**/test/**'],
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'coverage/**', '**/*-wasm.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      // Type-aware rules: a promise nobody awaits or catches is how errors went missing before.
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', '*.mjs', 'bin/*.mjs', 'scripts/*.mjs'],
          // The plain-JavaScript scripts outnumber the default limit of 8.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 24,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Folder rules (see README, Architecture): core → common; shells → core and common;
  // renderer → common; common → nothing of ours. FOLDER_RULES is exported for its test.
  ...Object.entries(FOLDER_RULES).map(([glob, { message, forbid }]) => ({
    files: [glob],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: forbid, message }] }] },
  })),
);
