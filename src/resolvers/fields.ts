import type { GraphQLFieldResolver } from 'graphql';
import type { HubContext } from '../hub/context';
import { fieldValue, type EntityParent } from '../hub/entities';
import { ENTITIES, type EntityName } from '../model/entities';

type FieldResolvers = Record<string, GraphQLFieldResolver<EntityParent, HubContext>>;

/** `id` plus one resolver per conformed field: each reads the row at hand or asks the owning source. */
export function entityFieldResolvers(entity: EntityName): FieldResolvers {
  const resolvers: FieldResolvers = { id: (parent) => parent.id };
  for (const field of Object.keys(ENTITIES[entity].fields)) {
    resolvers[field] = (parent, _args, ctx) => fieldValue(ctx, parent, field);
  }
  return resolvers;
}
