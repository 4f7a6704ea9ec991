import { GraphQLError, GraphQLObjectType, isNonNullType, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';
import type { ILogicRule, IRule, IRules } from 'graphql-shield/typings/types';

type ShieldRule = IRule | ILogicRule;
import { randomUUID } from 'node:crypto';
import { ConfigError, HubError } from '../errors';
import type { HubContext } from '../hub/context';
import { logger } from '../logger';
import { applyMask, type MaskKind } from './masks';
import { kind, type PolicyBook } from './policy';

/**
 * The permission layer, generated from the policy and kept thin enough to swap:
 * - graphql-shield: one rule per Type.field (allow / mask → pass, deny → FORBIDDEN), fallbackRule deny,
 *   a fallbackError that passes coded errors through and masks everything else;
 * - a masking middleware for fields some role sees masked.
 * Row scopes are not here: they are in every adapter statement.
 */
export function withPermissions(schema: GraphQLSchema, policy: PolicyBook): GraphQLSchema {
  checkDeniableFieldsAreNullable(schema, policy);
  const rules: Record<string, Record<string, ShieldRule>> = {};
  const maskers: Record<string, Record<string, unknown>> = {};
  for (const type of objectTypes(schema)) {
    for (const field of Object.keys(type.getFields())) {
      (rules[type.name] ??= {})[field] = fieldRule(policy, type.name, field);
      if (maskable(policy, type.name, field)) (maskers[type.name] ??= {})[field] = masker(policy, type.name, field);
    }
  }
  const permissions = shield(rules as IRules, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: (thrown, _parent, _args, _ctx, info) => {
      if (thrown instanceof GraphQLError) return thrown;
      if (thrown instanceof Error) {
        const errorId = randomUUID();
        logger.error({ errorId, err: thrown, field: `${info.parentType.name}.${info.fieldName}` }, 'internal error');
        return new HubError('INTERNAL_SERVER_ERROR', `Internal error (id: ${errorId}).`, { errorId });
      }
      return new HubError('FORBIDDEN', `Not permitted: ${info.parentType.name}.${info.fieldName}.`);
    },
  });
  return applyMiddleware(schema, permissions, maskers as never);
}

function fieldRule(policy: PolicyBook, type: string, field: string): ShieldRule {
  const everyone = policy.field(type, field, Object.keys(policy.policy.roles));
  if (kind(everyone.decision) === 'allow' && isUniform(policy, type, field)) return allow;
  return rule(`${type}.${field}`, { cache: 'contextual' })((_parent, _args, ctx: HubContext) => {
    const verdict = policy.field(type, field, ctx.viewer.roles);
    if (kind(verdict.decision) !== 'deny') return true;
    ctx.audit.deny(`${type}.${field}`, verdict.rule);
    return new HubError('FORBIDDEN', `Not permitted: your roles (${ctx.viewer.roles.join(', ') || 'none'}) may not see ${type}.${field}.`, {
      field: `${type}.${field}`,
      rule: verdict.rule,
    });
  });
}

/** Every role gets the same decision: no per-request check needed. */
function isUniform(policy: PolicyBook, type: string, field: string): boolean {
  const decisions = new Set(Object.keys(policy.policy.roles).map((r) => policy.field(type, field, [r]).decision));
  return decisions.size === 1;
}

function maskable(policy: PolicyBook, type: string, field: string): boolean {
  return Object.keys(policy.policy.roles).some((r) => kind(policy.field(type, field, [r]).decision) === 'mask');
}

function masker(policy: PolicyBook, type: string, field: string) {
  return async (resolve: (...a: unknown[]) => Promise<unknown>, parent: unknown, args: unknown, ctx: HubContext, info: unknown) => {
    const value = await resolve(parent, args, ctx, info);
    const verdict = policy.field(type, field, ctx.viewer.roles);
    if (kind(verdict.decision) !== 'mask') return value;
    ctx.audit.mask(`${type}.${field}`, verdict.rule);
    return applyMask(verdict.decision.slice('mask:'.length) as MaskKind, value);
  };
}

function objectTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter((t): t is GraphQLObjectType => t instanceof GraphQLObjectType && !t.name.startsWith('__'));
}

/** A denied non-null field would null its parent (and a whole list): refuse such a policy at start. */
function checkDeniableFieldsAreNullable(schema: GraphQLSchema, policy: PolicyBook): void {
  const roles = Object.keys(policy.policy.roles);
  for (const type of objectTypes(schema)) {
    for (const [name, field] of Object.entries(type.getFields())) {
      if (!isNonNullType(field.type)) continue;
      const denied = roles.filter((r) => kind(policy.field(type.name, name, [r]).decision) === 'deny');
      if (denied.length) {
        throw new ConfigError(
          `Policy denies ${type.name}.${name} to ${denied.join(', ')}, but the field is non-null: make it nullable in the schema or allow it.`,
        );
      }
    }
  }
}
