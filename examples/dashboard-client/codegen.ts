import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator's client preset, as its documentation configures it: types and typed documents
 * for every `graphql(...)` call under src/, from the hub's committed SDL (no running hub needed), with the
 * hub's two custom scalars mapped to what they are on the wire — text — and the persisted-documents
 * manifest (src/gql/persisted-documents.json, keys "sha256:<hex>") that the hub's trusted documents read.
 */
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  // ES modules: the generated files import each other with their .js extension (NodeNext).
  emitLegacyCommonJSImports: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      config: {
        // Decimal: an exact decimal as text ("1234.50"), never a float; Date: "YYYY-MM-DD".
        scalars: { Decimal: 'string', Date: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: true,
      },
    },
  },
};

export default config;
