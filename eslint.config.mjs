// Lint rules that enforce the architecture: the engine does no I/O and knows no LSP; stdout belongs
// to the protocol in the server.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Trees, parsers and nodes stay inside the engine: the language server and the CLI go through its
// document API (engine/document.ts) and lint(); only host/ loads the grammars.
const NO_TREE_SITTER = {
  name: 'web-tree-sitter',
  message: 'Only the engine (and host/ loading grammars) knows tree-sitter; use engine/document.ts.',
};

// The engine (engine/, rules/, detectors/) does no I/O and knows nothing of LSP or VS Code.
const ENGINE_PATHS = [
  'vscode',
  'fs',
  'fs/promises',
  'child_process',
  'net',
  'http',
  'https',
  'worker_threads',
  'node:fs',
  'node:fs/promises',
  'node:child_process',
  'node:net',
  'node:http',
  'node:https',
].map((name) => ({
  name,
  message: 'The engine does no I/O and knows nothing of LSP or VS Code (ARCHITECTURE.md).',
}));
const ENGINE_PATTERNS = [
  {
    group: ['vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'],
    message: 'Only server/src/lsp/ knows LSP.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.tools/**',
      '.vscode-test/**',
      'test/fixtures/**',
      'examples/**',
      'test/e2e/workspace/**',
      'test/e2e/output/**',
      'bench/results/**',
      'bench/corpus/**',
      'bench/.dist/**',
      'fuzz-failures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    // Tests parse JSON documents (SARIF logs, package.json, CLI output) and assert on their shape: typing
    // every field of what they read would restate the schema the assertions check.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['server/src/engine/**/*.ts', 'server/src/rules/**/*.ts', 'server/src/detectors/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': ['error', { paths: ENGINE_PATHS, patterns: ENGINE_PATTERNS }],
    },
  },
  {
    // A detector file exports its detector and nothing else: what two detectors share lives in the
    // language's support/ folder (or in engine/), never in one of them. ESLint replaces a rule's options
    // per block rather than merging them, so the engine's restrictions are repeated here.
    files: ['server/src/detectors/*/*.ts'],
    ignores: ['server/src/detectors/*/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ENGINE_PATHS,
          patterns: [
            ...ENGINE_PATTERNS,
            {
              regex: String.raw`^\./(?!support/)[^/]+$|^\.\./(?!\.\.)[^/]+/(?!support/)[^/]+$`,
              message:
                'A detector never imports another detector file: move what they share into support/ (or engine/).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/lsp/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'Only client/ imports vscode.' }, NO_TREE_SITTER] },
      ],
    },
  },
  {
    files: ['server/src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Only client/ imports vscode.' }, NO_TREE_SITTER],
          patterns: [{ group: ['vscode-languageserver*'], message: 'Only server/src/lsp/ knows LSP.' }],
        },
      ],
    },
  },
  {
    files: ['server/src/host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Only client/ imports vscode.' }],
          patterns: [{ group: ['vscode-languageserver*'], message: 'Only server/src/lsp/ knows LSP.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
);
