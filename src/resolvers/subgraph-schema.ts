import { buildSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse, type DocumentNode, type GraphQLSchema, type ObjectTypeDefinitionNode } from 'graphql';
import type { HubContext } from '../app/context';
import { kind, type PolicyBook } from '../auth/policy';
import { HubError } from '../errors';
import { entityById } from '../federation/entities';
import type { CompanyModel } from '../model/entities';
import { lowerFirst } from '../model/member-dimension';
import { schemaTypeDefs } from '../schema/assemble';
import { schemaResolvers } from './executable-schema';
import { withPlainRows } from './plain-rows';

/** The fields Apollo Federation adds to a subgraph: the gateway's, governed per entity below. */
const FEDERATION_FIELDS = new Set(['Query._entities', 'Query._service', '_Service.sdl']);

/**
 * The hub as an Apollo Federation 2 subgraph (`subgraph.enabled`): the same SDL and resolvers, its conformed
 * entities marked `@key(fields: "id")` so another subgraph can extend them, and `_entities` resolving each
 * representation through the same by-id lookup as `Query.<entity>(id:)` — the same Query rule decides
 * whether the viewer may look the entity up, and the entity's fields then pass the same field rules and
 * masks (src/resolvers/permissions.ts), row scopes and audit as on a direct query.
 */
export function buildSubgraph(model: CompanyModel, policy: PolicyBook): GraphQLSchema {
  const keyed = new Set(
    Object.values(model.entities)
      .filter((e) => e.conformed)
      .map((e) => e.name),
  );
  const typeDefs = withKeys(parse(schemaTypeDefs(model, policy).join('\n')), keyed);
  const resolvers = schemaResolvers(model);
  for (const name of keyed) {
    const lookup = `Query.${lowerFirst(name)}`;
    resolvers[name] = {
      ...resolvers[name],
      __resolveReference: (reference: { id?: unknown }, ctx: HubContext) => {
        const verdict = policy.field('Query', lowerFirst(name), ctx.viewer.roles);
        if (kind(verdict.decision) === 'deny') {
          ctx.audit.deny(lookup, verdict.rule);
          throw new HubError(
            'FORBIDDEN',
            `Not permitted: your roles (${ctx.viewer.roles.join(', ') || 'none'}) may not look up ${name} (${lookup}).`,
            { field: lookup, rule: verdict.rule },
          );
        }
        return entityById(ctx, name, String(reference.id));
      },
    };
  }
  return withPlainRows(buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]), model);
}

/**
 * The policy the subgraph's permission layer reads: the company's, plus the federation fields open to every
 * role (each entity behind `_entities` is checked by its own Query rule and field rules instead).
 */
export function subgraphPolicy(policy: PolicyBook): PolicyBook {
  const open = Object.create(policy) as PolicyBook;
  open.field = (type, field, roles) =>
    FEDERATION_FIELDS.has(`${type}.${field}`)
      ? { decision: 'allow', rule: 'Apollo Federation field (entities are checked one by one)' }
      : policy.field(type, field, roles);
  return open;
}

function withKeys(document: DocumentNode, keyed: ReadonlySet<string>): DocumentNode {
  const link = parse(
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])',
  ).definitions;
  const definitions = document.definitions.map((d) => {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION || !keyed.has(d.name.value)) return d;
    const key = {
      kind: Kind.DIRECTIVE,
      name: { kind: Kind.NAME, value: 'key' },
      arguments: [
        {
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: 'fields' },
          value: { kind: Kind.STRING, value: 'id' },
        },
      ],
    } as const;
    return { ...d, directives: [...(d.directives ?? []), key] } as ObjectTypeDefinitionNode;
  });
  return { ...document, definitions: [...link, ...definitions] };
}
