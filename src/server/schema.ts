import { makeExecutableSchema } from '@graphql-tools/schema';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from '../resolvers';

const SCHEMA_DIR = join(__dirname, '..', 'schema');

/** The SDL files of src/schema, in a stable order (also what codegen reads). */
export function typeDefs(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(SCHEMA_DIR, f), 'utf8'));
}

export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: typeDefs(), resolvers: resolvers as never });
}
