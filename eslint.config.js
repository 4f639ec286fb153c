import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The pure core runs unchanged in tests, worker, CLI, app and browser: no Electron, no file system. */
const pureCore = [
  'electron/emulator/**',
  'electron/ale/**',
  'electron/preprocessing/**',
  'electron/agent/**',
  'electron/replay/**',
  'electron/trainer/training-loop*.ts',
  'electron/trainer/loop/**',
];
const impureModules = ['electron', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises'];

export default tseslint.config(
  {
    ignores: [
      '.agent-scratch/**',
      'out/**',
      'dist/**',
      'node_modules/**',
      'runs/**',
      'test-results/**',
      '.svelte-kit/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use `as const` objects instead of enums.' },
        { selector: 'TSModuleDeclaration[kind!="global"][declare!=true]', message: 'No namespaces.' },
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Tool configs must default-export.
    files: ['*.config.ts', '*.config.js', 'electron.vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: pureCore,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: impureModules.map((name) => ({
            name,
            message:
              'The pure core (emulator, ale, preprocessing, agent, replay, training loop) must not import Electron or the file system.',
          })),
        },
      ],
    },
  },
);
