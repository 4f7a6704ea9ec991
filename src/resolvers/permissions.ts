import { GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { ConfigError, HubError } from '../errors';
import type { HubContext } from '../app/context';
import { applyMask, type MaskKind } from '../auth/masks';
import { deniedNonNullProblems } from '../auth/deniable';
import { kind, maskable, type PolicyBook } from '../auth/policy';

/**
 * The permission layer, generated from the policy and kept thin enough to swap. Deny by default:
 * - a field every role may see unmasked (decided once here, from the policy) resolves unwrapped;
 * - every other field of every object type gets one guard that decides **once per request** (the policy
 *   decides per type and field and the viewer's roles, never per row): deny → FORBIDDEN (FIELD_DENIED) and
 *   one audit entry, mask → the resolved value masked, allow → the value as resolved. A personal-data field
 *   (some role sees it masked) records the ids it was returned for.
 * The guard stays synchronous when the resolver is (graphql-shield, used before, made every guarded field
 * a promise per row: on a 10,000-row list that doubled the request). Errors a resolver throws pass through
 * unchanged, as shield's `allowExternalErrors` did; formatError masks what is not coded.
 * Row scopes are not here: they are in every adapter statement.
 */
export function withPermissions(schema: GraphQLSchema, policy: PolicyBook): GraphQLSchema {
  const denied = deniedNonNullProblems(schema, policy);
  if (denied.length) throw new ConfigError(denied.join('\n'));
  const guards: Record<string, Record<string, FieldGuard>> = {};
  for (const type of objectTypes(schema)) {
    for (const field of Object.keys(type.getFields())) {
      if (isOpen(policy, type.name, field)) continue;
      (guards[type.name] ??= {})[field] = fieldGuard(policy, type.name, field);
    }
  }
  // graphql-middleware wraps `resolve` when a field has one and `subscribe` when it has only that: a
  // subscription's policy is checked when its stream is opened (src/resolvers/notices.ts).
  return applyMiddleware(schema, guards as never);
}

/** Every role may see it, unmasked: no per-request check needed. */
function isOpen(policy: PolicyBook, type: string, field: string): boolean {
  const everyone = policy.field(type, field, Object.keys(policy.policy.roles));
  return kind(everyone.decision) === 'allow' && isUniform(policy, type, field) && !maskable(policy, type, field);
}

/** Every role gets the same decision. */
function isUniform(policy: PolicyBook, type: string, field: string): boolean {
  const decisions = new Set(Object.keys(policy.policy.roles).map((r) => policy.field(type, field, [r]).decision));
  return decisions.size === 1;
}

type Resolve = (parent: unknown, args: unknown, ctx: HubContext, info: unknown) => unknown;
type FieldGuard = (resolve: Resolve, parent: unknown, args: unknown, ctx: HubContext, info: unknown) => unknown;

/** One request's verdict on one field. */
interface Verdict {
  /** Denied: the error every occurrence of the field answers. */
  error: HubError | null;
  mask: MaskKind | null;
  rule: string;
}

function fieldGuard(policy: PolicyBook, type: string, field: string): FieldGuard {
  const name = `${type}.${field}`;
  const personal = maskable(policy, type, field);
  const verdicts = new WeakMap<object, Verdict>();
  const decide = (ctx: HubContext): Verdict => {
    const verdict = policy.field(type, field, ctx.viewer.roles);
    const decision = kind(verdict.decision);
    if (decision === 'deny') {
      ctx.audit.deny(name, verdict.rule);
      const roles = ctx.viewer.roles.join(', ') || 'none';
      return {
        error: new HubError('FORBIDDEN', `Not permitted: your roles (${roles}) may not see ${name}.`, {
          reason: 'FIELD_DENIED',
          field: name,
          rule: verdict.rule,
        }),
        mask: null,
        rule: verdict.rule,
      };
    }
    const mask = decision === 'mask' ? (verdict.decision.slice('mask:'.length) as MaskKind) : null;
    return { error: null, mask, rule: verdict.rule };
  };
  return (resolve, parent, args, ctx, info) => {
    let verdict = verdicts.get(ctx);
    if (!verdict) verdicts.set(ctx, (verdict = decide(ctx)));
    if (verdict.error) return verdict.error;
    let value: unknown;
    try {
      value = resolve(parent, args, ctx, info);
    } catch (error) {
      return error;
    }
    if (!personal) return value;
    const v = verdict;
    // A personal-data field: the audit record keeps the ids it was returned for, masked or not.
    const id = (parent as { id?: unknown } | null)?.id;
    const finish = (x: unknown) => {
      if (x !== null && x !== undefined) ctx.audit.returned(name, id);
      if (!v.mask) return x;
      ctx.audit.mask(name, v.rule);
      return applyMask(v.mask, x);
    };
    return value instanceof Promise ? value.then(finish, (error: unknown) => error) : finish(value);
  };
}

function objectTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter(
    (t): t is GraphQLObjectType => t instanceof GraphQLObjectType && !t.name.startsWith('__'),
  );
}
