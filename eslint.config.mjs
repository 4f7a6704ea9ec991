// Lint gates: typescript-eslint's recommended rules, no focused tests, and one architectural rule —
// only src/db/**, src/sources/** and src/store/** talk SQL (import knex or a driver).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SQL_MODULES = ['knex', 'knex-pglite', 'pg', 'mysql2', 'mysql2/promise', '@electric-sql/pglite'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.tmp/**',
      '.data/**',
      'src/generated/**',
      'coverage/**',
      'bench/results/**',
      'bench/peers/*/node_modules/**',
      '**/.mesh/**',
      '.stryker-tmp/**',
      'reports/**',
      // The example's generated client (its own `npm run codegen`); its hand-written src/*.ts are linted.
      'examples/*/src/gql/**',
      'examples/*/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['*.js', '*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // The Mesh benchmark peer's runner and PostGraphile plugin: plain CommonJS run by Node (bench/peers/mesh).
    files: ['bench/peers/*/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/db/**', 'src/sources/**', 'src/store/**', 'src/seed/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: SQL_MODULES.map((name) => ({
            name,
            message: 'Only src/db/**, src/sources/**, src/store/** and src/seed/** may talk SQL.',
          })),
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']",
          message: 'No focused tests.',
        },
      ],
    },
  },
);
