import { GraphQLError, GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { FieldAccessEntry, QueryResolvers, ViewerResolvers } from '../generated/graphql';
import { kind } from '../auth/policy';
import { personalCodes } from '../auth/personal-data';
import { resolveViewer } from '../auth/principal';
import type { Identity } from '../auth/authenticate';
import type { Viewer as HubViewer } from '../auth/viewer';
import { badInput } from '../errors';
import { conditionText, parseCondition } from '../values/condition';
import { peopleOf } from '../model/entities';
import { principalIdProblem } from '../auth/principal-id';
import type { HubContext } from '../app/context';

/** Permission reports for auditors: the matrix, "explain access", and the caller's own resolved view. */
export const accessQueries: Pick<QueryResolvers, 'me' | 'permissionMatrix' | 'explainAccess'> = {
  me: (_p, _a, ctx) => ctx.viewer as never,
  permissionMatrix: (_p, _a, ctx, info) => {
    const { policy } = ctx.runtime.policy;
    const roles = Object.keys(policy.roles);
    return {
      roles: Object.entries(policy.roles).map(([name, r]) => ({
        name,
        description: r.description,
        rows:
          r.rows === 'all'
            ? 'all'
            : rowRulesOf(r.rows)
                .map(({ entity, rule }) => `${entity}: ${rule}`)
                .join(', '),
        operations: r.operations,
        individuals: r.individuals,
      })),
      fields: schemaFields(info.schema).map((field) => {
        const [type, name] = field.split('.') as [string, string];
        return { field, decisions: roles.map((role) => ({ role, ...ctx.runtime.policy.field(type, name, [role]) })) };
      }),
      // From lineage over the published dictionary: every indicator reading a personal fact (policy personalData).
      personalIndicators: personalCodes(ctx.dictionary, ctx.runtime.policy).map(({ code, facts }) => ({
        code,
        facts,
        roles: policy.personalData.roles,
      })),
      minimumGroupSize: policy.minimumGroupSize,
    };
  },
  explainAccess: async (_p, args, ctx, info) => {
    const [type, name] = args.field.split('.');
    if (!type || !name || !schemaFields(info.schema).includes(args.field)) {
      throw badInput(`Unknown field "${args.field}": expected Type.field as listed by permissionMatrix.`, {
        argument: 'field',
      });
    }
    const identity = identityOf(ctx, args.principal);
    let viewer: HubViewer;
    try {
      viewer = await resolveViewer(
        identity,
        ctx.runtime.policy,
        ctx.runtime.org,
        new Date().toISOString().slice(0, 10),
      );
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return {
        principal: args.principal,
        admitted: false,
        reason: error.message,
        roles: [],
        scope: null,
        field: args.field,
        decision: null,
        rule: null,
      };
    }
    const verdict = ctx.runtime.policy.field(type, name, viewer.roles);
    return {
      principal: args.principal,
      admitted: true,
      reason: null,
      roles: [...viewer.roles],
      scope: viewer.scopeDescription,
      field: args.field,
      decision: verdict.decision,
      rule: verdict.rule,
    };
  },
};

export const ViewerType: ViewerResolvers = {
  principal: (v) => v.principal,
  roles: (v) => [...v.roles],
  scope: (v) => v.scopeDescription,
  operations: (v) => [...v.operations],
  fieldAccess: (v, args, ctx, info) => {
    const { policy } = ctx.runtime;
    const fields = schemaFields(info.schema);
    const known = new Set(fields.map((f) => f.split('.')[0]!));
    const unknown = (args.types ?? []).filter((t) => !known.has(t));
    if (unknown.length)
      throw badInput(
        `Unknown type${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: expected object types of the schema.`,
        {
          argument: 'types',
        },
      );
    const wanted = args.types ? new Set(args.types) : known;
    const byType = new Map<string, FieldAccessEntry[]>();
    for (const name of fields) {
      const [type, field] = name.split('.') as [string, string];
      if (!wanted.has(type)) continue;
      const verdict = policy.field(type, field, v.roles);
      const k = kind(verdict.decision);
      const entry: FieldAccessEntry = {
        field,
        access: k === 'allow' ? 'ALLOWED' : k === 'mask' ? 'MASKED' : 'DENIED',
        mask: k === 'mask' ? verdict.decision.slice('mask:'.length) : null,
        rule: verdict.rule,
      };
      byType.set(type, [...(byType.get(type) ?? []), entry]);
    }
    const roles = policy.policy.roles;
    return {
      types: [...byType].map(([type, entries]) => ({ type, fields: entries })),
      rowRules: v.roles.flatMap((role): Array<{ role: string; entity: string | null; rule: string }> => {
        const rows = roles[role]?.rows;
        if (rows === undefined) return [];
        return rows === 'all'
          ? [{ role, entity: null, rule: 'all rows' }]
          : rowRulesOf(rows).map((r) => ({ role, ...r }));
      }),
    };
  },
};

/** A role's row rules (policy.yaml `rows`), each condition in words. */
function rowRulesOf(rows: Readonly<Record<string, string>>): Array<{ entity: string; rule: string }> {
  return Object.entries(rows).map(([entity, condition]) => ({
    entity,
    rule: conditionText(parseCondition(condition)),
  }));
}

function identityOf(ctx: HubContext, principal: string): Identity {
  const people = peopleOf(ctx.runtime.model);
  const key = /^apikey:(.+)$/.exec(principal)?.[1];
  if (key === undefined && people && !principalIdProblem(people.key.type, principal))
    return { kind: 'person', personId: principal };
  const entry = key ? ctx.runtime.policy.policy.apiKeys.find((k) => k.id === key) : undefined;
  if (!entry) {
    const person = people ? `a ${people.name} id (${people.key.type === 'int' ? 'an integer' : 'text'}) or ` : '';
    throw badInput(`Unknown principal "${principal}": expected ${person}apikey:<id>.`, { argument: 'principal' });
  }
  return { kind: 'service', keyId: entry.id, roles: entry.roles };
}

export function schemaFields(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((t): t is GraphQLObjectType => t instanceof GraphQLObjectType && !t.name.startsWith('__'))
    .flatMap((t) => Object.keys(t.getFields()).map((f) => `${t.name}.${f}`))
    .sort();
}

/**
 * What one principal gets, all roles together: the decision per field is the most permissive of their
 * roles' (PolicyBook.field over the union), with the rule naming the role it came through, beside each
 * role's own decision — the per-role matrix alone misleads for a person holding two roles. Default fields:
 * those some role of the policy sees differently from another (the restricted ones).
 */
export async function effectiveAccess(
  ctx: HubContext,
  schema: GraphQLSchema,
  principal: string,
  asked: readonly string[] | null,
) {
  const all = schemaFields(schema);
  for (const f of asked ?? []) {
    if (!all.includes(f))
      throw badInput(`Unknown field "${f}": expected Type.field as listed by permissionMatrix.`, {
        argument: 'fields',
      });
  }
  const { policy } = ctx.runtime;
  const roleNames = Object.keys(policy.policy.roles);
  const differs = (f: string) => {
    const [type, name] = f.split('.') as [string, string];
    return new Set(roleNames.map((r) => policy.field(type, name, [r]).decision)).size > 1;
  };
  const fields = asked ? [...asked] : all.filter(differs);
  let viewer: HubViewer;
  try {
    viewer = await resolveViewer(
      identityOf(ctx, principal),
      policy,
      ctx.runtime.org,
      new Date().toISOString().slice(0, 10),
    );
  } catch (error) {
    if (!(error instanceof GraphQLError) || error.extensions.code === 'BAD_USER_INPUT') throw error;
    return {
      principal,
      admitted: false,
      reason: error.message,
      roles: [],
      scope: null,
      operations: [],
      individuals: false,
      fields: [],
    };
  }
  return {
    principal,
    admitted: true,
    reason: null,
    roles: [...viewer.roles],
    scope: viewer.scopeDescription,
    operations: [...viewer.operations],
    individuals: viewer.individuals,
    fields: fields.map((field) => {
      const [type, name] = field.split('.') as [string, string];
      const verdict = policy.field(type, name, viewer.roles);
      return {
        field,
        decision: verdict.decision,
        rule: verdict.rule,
        byRole: viewer.roles.map((role) => ({ role, ...policy.field(type, name, [role]) })),
      };
    }),
  };
}
