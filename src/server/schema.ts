import { makeExecutableSchema } from '@graphql-tools/schema';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isObjectType, type GraphQLSchema } from 'graphql';
import type { CompanyModel } from '../model/entities';
import { resolvers } from '../resolvers';
import { entityQueryResolvers, entityTypeResolvers } from '../resolvers/entities';

const SCHEMA_DIR = join(__dirname, '..', 'schema');

/** The SDL files of src/schema, in a stable order (also what codegen reads). */
export function typeDefs(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(SCHEMA_DIR, f), 'utf8'));
}

type ResolverMap = Record<string, Record<string, unknown>>;

/**
 * The executable schema: the SDL of src/schema with the hand-written resolvers plus the model's (entity
 * fields, relations, figures, lists and lookups) for the fields the SDL declares.
 */
export function buildSchema(model: CompanyModel): GraphQLSchema {
  const sdl = makeExecutableSchema({ typeDefs: typeDefs() });
  const fromModel: ResolverMap = { ...entityTypeResolvers(model), Query: entityQueryResolvers(model) };
  const merged: ResolverMap = {};
  for (const [typeName, fields] of Object.entries(fromModel)) {
    const type = sdl.getType(typeName);
    if (!isObjectType(type)) continue;
    const declared = type.getFields();
    merged[typeName] = Object.fromEntries(Object.entries(fields).filter(([field]) => field in declared));
  }
  for (const [typeName, fields] of Object.entries(resolvers as ResolverMap)) merged[typeName] = { ...merged[typeName], ...fields };
  return makeExecutableSchema({ typeDefs: typeDefs(), resolvers: merged as never });
}

/** The API's own object types and their fields as the SDL declares them (for checking the policy's names). */
export function declaredTypes(): Map<string, string[]> {
  const schema = makeExecutableSchema({ typeDefs: typeDefs() });
  const out = new Map<string, string[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type) && !type.name.startsWith('__')) out.set(type.name, Object.keys(type.getFields()));
  }
  return out;
}
