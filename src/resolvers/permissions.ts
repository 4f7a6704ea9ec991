import { GraphQLError, GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, rule, shield, type IRule, type IRules } from 'graphql-shield';

/** One field's rule: a rule of ours, or shield's allow/deny (the package's public exports only). */
type ShieldRule = IRule | typeof allow;
import { randomUUID } from 'node:crypto';
import { ConfigError, HubError } from '../errors';
import type { HubContext } from '../app/context';
import { logger } from '../logger';
import { applyMask, type MaskKind } from '../auth/masks';
import { deniedNonNullProblems } from '../auth/deniable';
import { kind, maskable, type PolicyBook } from '../auth/policy';

/**
 * The permission layer, generated from the policy and kept thin enough to swap:
 * - graphql-shield: one rule per Type.field (allow / mask → pass, deny → FORBIDDEN), fallbackRule deny,
 *   a fallbackError that passes coded errors through and masks everything else;
 * - a masking middleware for fields some role sees masked.
 * Row scopes are not here: they are in every adapter statement.
 */
export function withPermissions(schema: GraphQLSchema, policy: PolicyBook): GraphQLSchema {
  const denied = deniedNonNullProblems(schema, policy);
  if (denied.length) throw new ConfigError(denied.join('\n'));
  const rules: Record<string, Record<string, ShieldRule>> = {};
  const maskers: Record<string, Record<string, unknown>> = {};
  /** Fields every role may see unmasked: decided once here, so they need no per-field wrapper at run time. */
  const open = new Set<string>();
  for (const type of objectTypes(schema)) {
    for (const field of Object.keys(type.getFields())) {
      const r = fieldRule(policy, type.name, field);
      (rules[type.name] ??= {})[field] = r;
      if (r === allow) open.add(`${type.name}.${field}`);
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
  // graphql-shield wraps every field of every type in an async function, allowed or not: on a 12-indicator
  // dashboard (290,000 cells × 2 fields) and a 10,000-row list that wrapper was most of the request's time.
  // Deny by default stays: every field some role may not see keeps shield's rule; only the statically
  // open ones (IndicatorCell.*, Order.*…) resolve unwrapped, and their errors are masked by formatError.
  const generated = (
    permissions as unknown as { generate(s: GraphQLSchema): Record<string, Record<string, unknown>> }
  ).generate(schema);
  for (const [type, fields] of Object.entries(generated)) {
    for (const field of Object.keys(fields)) if (open.has(`${type}.${field}`)) delete fields[field];
  }
  return applyMiddleware(schema, generated as never, maskers as never);
}

function fieldRule(policy: PolicyBook, type: string, field: string): ShieldRule {
  const everyone = policy.field(type, field, Object.keys(policy.policy.roles));
  if (kind(everyone.decision) === 'allow' && isUniform(policy, type, field)) return allow;
  return rule(`${type}.${field}`, { cache: 'contextual' })((_parent, _args, ctx: HubContext) => {
    const verdict = policy.field(type, field, ctx.viewer.roles);
    if (kind(verdict.decision) !== 'deny') return true;
    ctx.audit.deny(`${type}.${field}`, verdict.rule);
    return new HubError(
      'FORBIDDEN',
      `Not permitted: your roles (${ctx.viewer.roles.join(', ') || 'none'}) may not see ${type}.${field}.`,
      {
        reason: 'FIELD_DENIED',
        field: `${type}.${field}`,
        rule: verdict.rule,
      },
    );
  });
}

/** Every role gets the same decision: no per-request check needed. */
function isUniform(policy: PolicyBook, type: string, field: string): boolean {
  const decisions = new Set(Object.keys(policy.policy.roles).map((r) => policy.field(type, field, [r]).decision));
  return decisions.size === 1;
}

function masker(policy: PolicyBook, type: string, field: string) {
  // The verdict depends only on the viewer's roles: decided once per request, not once per row.
  const verdicts = new WeakMap<object, ReturnType<PolicyBook['field']>>();
  return (resolve: (...a: unknown[]) => unknown, parent: unknown, args: unknown, ctx: HubContext, info: unknown) => {
    let verdict = verdicts.get(ctx);
    if (!verdict) {
      verdict = policy.field(type, field, ctx.viewer.roles);
      verdicts.set(ctx, verdict);
    }
    const value = resolve(parent, args, ctx, info);
    // A personal-data field (some role sees it masked): the audit record keeps the ids it was returned for.
    const id = (parent as { id?: unknown } | null)?.id;
    const returned = (v: unknown) => {
      if (v !== null && v !== undefined) ctx.audit.returned(`${type}.${field}`, id);
      return v;
    };
    if (kind(verdict.decision) !== 'mask') return value instanceof Promise ? value.then(returned) : returned(value);
    const mask = verdict.decision.slice('mask:'.length) as MaskKind;
    const rule = verdict.rule;
    const apply = (v: unknown) => {
      ctx.audit.mask(`${type}.${field}`, rule);
      return applyMask(mask, returned(v));
    };
    return value instanceof Promise ? value.then(apply) : apply(value);
  };
}

function objectTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter(
    (t): t is GraphQLObjectType => t instanceof GraphQLObjectType && !t.name.startsWith('__'),
  );
}
