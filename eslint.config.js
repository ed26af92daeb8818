import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const RUNTIME_ROOMS = ['core', 'services', 'read', 'access'];
/** Every part of the engine, each room of engine/runtime on its own. */
const ENGINE_PARTS = [
  './engine/*.ts',
  ...['api', 'backup', 'build', 'definitions', 'plugins', 'scheduler', 'store'].map((dir) => `./engine/${dir}`),
  './engine/runtime/*.ts',
  ...RUNTIME_ROOMS.map((room) => `./engine/runtime/${room}`),
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'designer/dist/**', 'dist/**', '**/*.d.ts', '**/*.gen.ts', 'tests/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    // Imports name the compiled `.js`; the file on disk is `.ts` (or `.tsx`), parsed as
    // TypeScript. Without these the import rules cannot follow an import and check nothing.
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json', '.node'], extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    // The designer's build config imports vite, whose bundled dist import-x cannot follow
    // (it crashes resolving vite's internals); the config has no local imports to cycle.
    files: ['designer/vite.config.ts'],
    rules: { 'import-x/no-cycle': 'off' },
  },
  // The rooms of engine/runtime (docs/architecture.md). The core is pure: no store, no
  // HTTP, no scheduler, no I/O, and none of the rooms that use it. Outside a room, code
  // uses what the room's index.ts offers (tests may reach inside).
  {
    files: ['engine/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './engine/runtime/core',
              from: ['./engine/store', './engine/api', './engine/scheduler', './engine/backup', './engine/collections.ts', './engine/runtime/services', './engine/runtime/read', './engine/runtime/access', './engine/runtime/create-engine.ts', './engine/runtime/engine-port.ts', './engine/runtime/scheduler-port.ts'],
              message: 'The core is pure (no store, HTTP, scheduler or service): pass what it needs in, or move this code to services/ or read/.',
            },
            {
              target: './engine/runtime/services',
              from: './engine/runtime/read',
              message: 'Services commit; the read side reads what they wrote and may use them, not the other way round: declare what a service needs of a query as its own port.',
            },
            ...RUNTIME_ROOMS.map((room) => ({
              target: ENGINE_PARTS.filter((part) => part !== `./engine/runtime/${room}`),
              from: `./engine/runtime/${room}`,
              except: ['./index.ts'],
              message: `Use what engine/runtime/${room}/index.ts offers; add a name there if others need it.`,
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['engine/runtime/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['express', 'lmdb', 'mongodb', 'agenda', 'node:fs', 'node:fs/promises', 'node:http', 'node:https', 'node:net', 'node:child_process', 'node:worker_threads'].map((name) => ({
            name,
            message: 'The core does no I/O: the services and the API do.',
          })),
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
