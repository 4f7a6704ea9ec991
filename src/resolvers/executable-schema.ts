import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import type { PolicyBook } from '../auth/policy';
import type { CompanyModel } from '../model/entities';
import { schemaTypeDefs } from '../schema/assemble';
import { resolvers } from './index';
import { entityQueryResolvers, entityTypeResolvers } from './entities';
import { organisationResolvers } from './organisation';
import { withPlainRows } from './plain-rows';

export type ResolverMap = Record<string, Record<string, unknown>>;

/**
 * The executable schema, generated at start with @graphql-tools/schema: the hand-written SDL and resolvers
 * plus the model's entity types and their resolvers (fields, relations, figures, indicators, lists, lookups).
 */
export function buildSchema(model: CompanyModel, policy: PolicyBook): GraphQLSchema {
  const typeDefs = schemaTypeDefs(model, policy);
  return withPlainRows(makeExecutableSchema({ typeDefs, resolvers: schemaResolvers(model) as never }), model);
}

/** Every resolver of the served schema: the model's entity types, lookups and lists, and the hand-written ones. */
export function schemaResolvers(model: CompanyModel): ResolverMap {
  const merged: ResolverMap = {
    ...entityTypeResolvers(model),
    ...organisationResolvers(model),
    Query: entityQueryResolvers(model),
  };
  for (const [typeName, fields] of Object.entries(resolvers as ResolverMap))
    merged[typeName] = { ...merged[typeName], ...fields };
  return merged;
}
