// ESLint for livestats: typescript-eslint's recommended rules, no import cycles, and the layer rules of the
// architecture (which directory may import which), so they hold without anyone having to remember them.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Sources import each other as `./x.js`; the files are `x.ts`. */
const resolver = createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } });

const ZOD = { regex: '^zod(/|$)', message: 'Import zod through src/util/zod.ts (zod/mini with English messages).' };
const COMMANDS = { regex: '(^|/)commands(/|$)', message: 'Only src/cli.ts and src/commands/ may import commands; shared code lives below them.' };
const PROVIDERS = { regex: '(^|/)providers(/|$)', message: 'Output knows rows and columns, never providers.' };
const PROVIDER_INTERNALS = {
  regex: '(^|/)providers/(?![a-z]+/settings\\.js$)',
  message: "src/config/ may import a provider's settings.ts, nothing else of it.",
};
const restrict = (...patterns) => ['error', { patterns }];

/** Layers below the commands: they never import from src/commands/. */
const LOWER_LAYERS = ['providers', 'output', 'http', 'config', 'io', 'util', 'session', 'export', 'report', 'state', 'sandbox', 'cli'].map((dir) => `src/${dir}/**/*.ts`);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
  {
    rules: {
      // livestats matches control characters on purpose: it escapes them before they reach a terminal or a CSV cell.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['test/**'],
    // Tests write integers past 2^53 on purpose, to check how JSON numbers beyond double precision are read.
    rules: { 'no-loss-of-precision': 'off' },
  },
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [resolver], 'import-x/extensions': ['.ts', '.js'], 'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(ZOD),
      // A namespace import lets the bundler keep only the zod/mini functions that are called.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/util\\/zod\\.js$/] > :matches(ImportSpecifier, ImportDefaultSpecifier)',
          message: "Import src/util/zod.ts as a namespace: `import * as z from '…/util/zod.js'`.",
        },
      ],
    },
  },
  { files: LOWER_LAYERS, rules: { 'no-restricted-imports': restrict(ZOD, COMMANDS) } },
  { files: ['src/output/**/*.ts'], rules: { 'no-restricted-imports': restrict(ZOD, COMMANDS, PROVIDERS) } },
  { files: ['src/config/**/*.ts'], rules: { 'no-restricted-imports': restrict(ZOD, COMMANDS, PROVIDER_INTERNALS) } },
  { files: ['src/util/zod.ts'], rules: { 'no-restricted-imports': 'off' } },
);
