// Lint rules that keep the layout of architecture.md in place: who may import whom (zones), no
// import cycles, no package used without being declared by the workspace that uses it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const subgraphs = ['suppliers', 'procurement', 'invoicing', 'contracts', 'operations'];

// Everything above the platform: the platform is the bottom layer and imports none of it.
const abovePlatform = ['./connectors', './subgraphs', './gateway', './runtime', './systems', './demo', './test', './bench'];

const zones = [
  // A subgraph owns its data and code: other domains arrive by federation or events, never by import.
  ...subgraphs.map((name) => ({
    target: `./subgraphs/${name}`,
    from: './subgraphs',
    except: [`./${name}`],
    message: 'A subgraph never imports another subgraph: use federation or events.',
  })),
  { target: './platform', from: abovePlatform, message: 'platform/ never imports above itself.' },
  {
    target: './connectors',
    from: ['./subgraphs', './gateway', './runtime', './demo'],
    message: 'A connector knows one wire format and nothing of the subgraphs that use it.',
  },
  {
    target: './gateway',
    from: ['./subgraphs', './connectors', './systems', './runtime', './demo'],
    message: 'The gateway composes subgraphs over HTTP; it imports none of them.',
  },
  {
    target: './systems',
    from: ['./subgraphs', './connectors', './gateway', './runtime'],
    message: 'A reference backing system is the other party: it shares no code with Procuregraph.',
  },
];

// Test code and fixtures: what production code must never import.
const testCode = ['**/*.test.ts', '**/fixtures/**', '**/testing.ts', 'test/**', 'bench/**'];
// Build and tool configuration at the root, run by the developer's tools only.
const toolConfig = ['*.config.ts', '*.config.js', 'codegen.ts', 'vitest.setup.ts', 'runtime/build.ts'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/generated/**', '.data/**', '**/dist/**', 'bench/node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js'],
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      // Imported TypeScript files are parsed too, or no-cycle would not see their imports.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-extraneous-dependencies': ['error', { devDependencies: [...testCode, ...toolConfig], includeInternal: false }],
      'import-x/no-self-import': 'error',
      // One import statement per module: the public entries gather what used to come from several files.
      'import-x/no-duplicates': ['error', { 'prefer-inline': true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // A variable a closure reads before its single assignment cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // The console's modules run in the browser, served as they are (gateway/web/console).
    files: ['gateway/web/console/**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'document',
          'location',
          'history',
          'sessionStorage',
          'fetch',
          'URL',
          'URLSearchParams',
          'atob',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
          'dispatchEvent',
          'HashChangeEvent',
          'addEventListener',
          'removeEventListener',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    files: ['**/*.ts'],
    ignores: testCode,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...zones,
            {
              target: '.',
              from: testCode,
              message: 'Production code never imports tests or test fixtures.',
            },
          ],
        },
      ],
    },
  },
  {
    // The benchmarks are their own npm project for their peers and load generators; the product's
    // workspaces reach them through the repository's node_modules, not as declared packages.
    files: ['bench/**'],
    rules: { 'import-x/no-extraneous-dependencies': 'off' },
  },
  prettier,
);
