import { makeExecutableSchema } from '@graphql-tools/schema';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type GraphQLSchema } from 'graphql';
import { maskable } from '../auth/policy';
import type { PolicyBook } from '../auth/policy';
import { ConfigError } from '../errors';
import type { CompanyModel } from '../model/entities';
import { errorCodeSdl } from './error-codes';
import { entitySdl } from './generate';

const SCHEMA_DIR = join(__dirname, '..', 'schema');

/** The hand-written, company-independent SDL files of src/schema, in a stable order, and the ErrorCode enum. */
export function handWrittenTypeDefs(): string[] {
  return [...ownFiles(), errorCodeSdl()];
}

function ownFiles(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(SCHEMA_DIR, f), 'utf8'));
}

/**
 * The whole SDL: the hand-written files plus the model's entity types, lists and lookups
 * (src/schema/generate.ts). A field the policy masks for some role is published as String.
 */
export function schemaTypeDefs(model: CompanyModel, policy: PolicyBook): string[] {
  const own = handWrittenTypeDefs();
  const definitions = parse(own.join('\n')).definitions;
  const ownTypes = new Set(
    definitions
      .filter((d) => d.kind !== Kind.SCHEMA_DEFINITION && 'name' in d && d.name)
      .map((d) => (d as { name: { value: string } }).name.value),
  );
  for (const entity of Object.keys(model.entities)) {
    if (ownTypes.has(entity))
      throw new ConfigError(
        `Model directory ${model.dir}: entity "${entity}" has the name of one of the hub's own GraphQL types; rename the entity.`,
      );
  }
  const reservedQueryFields = new Set(
    definitions.flatMap((d) =>
      (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === 'Query'
        ? (d.fields ?? []).map((f) => f.name.value)
        : [],
    ),
  );
  return [...own, entitySdl(model, { masked: (type, field) => maskable(policy, type, field), reservedQueryFields })];
}

/** The whole SDL as a schema without resolvers: the served schema's types and fields, to check names against. */
export function typeDefinitions(model: CompanyModel, policy: PolicyBook): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: schemaTypeDefs(model, policy) });
}
