import {
  defaultFieldResolver,
  getNamedType,
  GraphQLError,
  GraphQLObjectType,
  isAbstractType,
  isObjectType,
  type GraphQLSchema,
} from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, rule, shield, type IRule, type IRules } from 'graphql-shield';
import { randomUUID } from 'node:crypto';
import { ConfigError, HubError } from '../errors';
import type { HubContext } from '../app/context';
import { logger } from '../logger';
import { applyMask, type MaskKind } from '../auth/masks';
import { deniedNonNullProblems } from '../auth/deniable';
import { kind, maskable, type PolicyBook } from '../auth/policy';
import { guardPlainField, isPlainRowField, type PlainGuard } from './plain-rows';

/** One field's rule: a rule of ours, or shield's allow (the package's public exports only). */
type ShieldRule = IRule | typeof allow;

/**
 * The permission layer, generated from the policy. The policy decides per type, field and the viewer's
 * roles — never per row — so it is decided once per request, at the parent, and applied per row in one
 * synchronous step:
 * - graphql-shield holds the rules: one per root field and per field that returns an object or a list of
 *   them (cache `contextual`: once per request). Such a rule answers for its own field (deny → FORBIDDEN)
 *   and decides, for the request, every field of the type it returns; that decision is kept with the
 *   request's context. `fallbackRule: deny`: a field without a rule and without a guard is denied.
 * - a leaf field (scalar, enum) that not every role may see unmasked gets a synchronous guard that applies
 *   the decision taken at its parent: deny → FORBIDDEN (FIELD_DENIED) with one audit entry, mask → the
 *   value masked, allow → the value as resolved; a personal-data field (some role sees it masked) records
 *   the ids it was returned for. Shield's own wrapper, async per call, stays off the rows' leaves: on a
 *   10,000-row list it doubled the request.
 * - a field every role may see unmasked (decided here, once, from the policy) resolves unwrapped.
 * Errors a resolver throws pass through unchanged (shield's `allowExternalErrors`); formatError masks
 * what is not coded. Row scopes are not here: they are in every adapter statement.
 */
export function withPermissions(schema: GraphQLSchema, policy: PolicyBook): GraphQLSchema {
  const denied = deniedNonNullProblems(schema, policy);
  if (denied.length) throw new ConfigError(denied.join('\n'));
  const decisions = new Decisions(policy, schema);
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  const rules: Record<string, Record<string, ShieldRule>> = {};
  const guards: Record<string, Record<string, FieldGuard>> = {};
  /** Fields whose shield middleware is dropped: open ones, and fields a synchronous guard decides. */
  const unwrapped = new Set<string>();
  /** Guarded leaf fields: a plain row's (src/resolvers/plain-rows.ts) is guarded where it is filled. */
  const leaves = new Set<string>();
  for (const type of objectTypes(schema)) {
    for (const [field, def] of Object.entries(type.getFields())) {
      const name = `${type.name}.${field}`;
      const open = decisions.open(name);
      const children = childTypes(schema, getNamedType(def.type));
      const parent = children.some((c) => decisions.hasGuarded(c));
      if (roots.has(type)) {
        (rules[type.name] ??= {})[field] = parentRule(decisions, type.name, field, children);
      } else if (parent || (children.length > 0 && !open)) {
        // A nested field returning objects (a customer's contacts) runs once per row: its verdict and its
        // children's are the request's, applied by a synchronous guard (shield's async wrapper per row was
        // a large share of a 10,000-row list).
        (rules[type.name] ??= {})[field] = allow;
        unwrapped.add(name);
        (guards[type.name] ??= {})[field] = parentGuard(decisions, name, children);
        continue;
      } else if (open) {
        (rules[type.name] ??= {})[field] = allow;
        unwrapped.add(name);
      } else {
        unwrapped.add(name); // no rule (shield's fallback would deny): the guard decides
      }
      if (!open && (children.length === 0 || decisions.personal(name))) {
        (guards[type.name] ??= {})[field] = fieldGuard(decisions, name);
        if (children.length === 0) leaves.add(name);
      }
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
  const generated = (
    permissions as unknown as { generate(s: GraphQLSchema): Record<string, Record<string, unknown>> }
  ).generate(schema);
  for (const [type, fields] of Object.entries(generated)) {
    for (const field of Object.keys(fields)) if (unwrapped.has(`${type}.${field}`)) delete fields[field];
  }
  // graphql-middleware wraps `resolve` when a field has one and `subscribe` when it has only that: a
  // subscription's policy is checked when its stream is opened (src/resolvers/notices.ts). The first
  // middleware is the outer one: shield's rule, then the guard.
  const rootGuards: Record<string, Record<string, FieldGuard>> = {};
  for (const root of roots) if (root && guards[root.name]) rootGuards[root.name] = guards[root.name]!;
  const guarded = applyMiddleware(schema, generated as never, rootGuards as never);
  // The other guards wrap their field's resolver directly (no middleware closure per row), and a field left
  // with graphql-middleware's default resolver gets none back: graphql-jit then reads the property inline
  // (an entity's plain columns, src/resolvers/plain-rows.ts). A guarded plain column keeps no resolver
  // either: its guard is applied where the row is filled, so the property already holds what the viewer gets.
  for (const type of objectTypes(guarded)) {
    const own = roots.has(schema.getType(type.name) as GraphQLObjectType) ? undefined : guards[type.name];
    for (const [name, field] of Object.entries(type.getFields())) {
      if (field.resolve === defaultFieldResolver) field.resolve = undefined;
      const guard = own?.[name];
      if (!guard) continue;
      if (!field.resolve && isPlainRowField(field) && leaves.has(`${type.name}.${name}`)) {
        guardPlainField(field, plainGuard(decisions, `${type.name}.${name}`));
        continue;
      }
      const resolve = (field.resolve ?? defaultFieldResolver) as Resolve;
      field.resolve = (parent, args, ctx, info) => guard(resolve, parent, args, ctx as HubContext, info);
    }
  }
  return guarded;
}

/** Shield's rule for a root field or a field returning objects: its own verdict, then its children's. */
function parentRule(decisions: Decisions, type: string, field: string, children: readonly string[]): IRule {
  const name = `${type}.${field}`;
  return rule(name, { cache: 'contextual' })((_parent, _args, ctx: HubContext) => {
    const verdict = decisions.of(ctx, name);
    if (verdict.error) {
      ctx.audit.deny(name, verdict.rule);
      return verdict.error;
    }
    for (const child of children) decisions.decideType(ctx, child);
    return true;
  });
}

/**
 * A nested field returning objects: the same verdicts as `parentRule`, taken once per request (the policy
 * decides per type and field, never per row), applied synchronously to each row. A resolver's error passes
 * through unchanged, as under shield's `allowExternalErrors`.
 */
function parentGuard(decisions: Decisions, name: string, children: readonly string[]): FieldGuard {
  return (resolve, parent, args, ctx, info) => {
    const verdict = decisions.of(ctx, name);
    if (verdict.error) {
      ctx.audit.deny(name, verdict.rule);
      return verdict.error;
    }
    decisions.decideTypes(ctx, name, children);
    try {
      return resolve(parent, args, ctx, info);
    } catch (error) {
      return error;
    }
  };
}

type Resolve = (parent: unknown, args: unknown, ctx: HubContext, info: unknown) => unknown;
type FieldGuard = (resolve: Resolve, parent: unknown, args: unknown, ctx: HubContext, info: unknown) => unknown;

/** The synchronous guard of a field: applies the request's decision (taken at the parent) to each row. */
function fieldGuard(decisions: Decisions, name: string): FieldGuard {
  const personal = decisions.personal(name);
  return (resolve, parent, args, ctx, info) => {
    const verdict = decisions.of(ctx, name);
    if (verdict.error) {
      ctx.audit.deny(name, verdict.rule);
      return verdict.error;
    }
    let value: unknown;
    try {
      value = resolve(parent, args, ctx, info);
    } catch (error) {
      return error;
    }
    if (!personal) return value;
    // A personal-data field: the audit record keeps the ids it was returned for, masked or not.
    const id = (parent as { id?: unknown } | null)?.id;
    if (!(value instanceof Promise)) return personalValue(ctx, name, verdict, id, value);
    return value.then(
      (x) => personalValue(ctx, name, verdict, id, x),
      (error: unknown) => error,
    );
  };
}

/**
 * `fieldGuard` for a plain row's field, applied while the row is filled (no resolver, no closure per value):
 * the same verdict, denial error, mask and audit of returned ids.
 */
function plainGuard(decisions: Decisions, name: string): PlainGuard {
  const personal = decisions.personal(name);
  return {
    denied(ctx) {
      const verdict = decisions.of(ctx, name);
      if (!verdict.error) return null;
      ctx.audit.deny(name, verdict.rule);
      return verdict.error;
    },
    value(ctx, id, value) {
      return personal ? personalValue(ctx, name, decisions.of(ctx, name), id, value) : value;
    },
  };
}

/** A personal-data field's value as the viewer gets it, recorded as returned (and masked); no closure per row. */
function personalValue(ctx: HubContext, name: string, verdict: Verdict, id: unknown, value: unknown): unknown {
  if (value !== null && value !== undefined) ctx.audit.returned(name, id);
  if (!verdict.mask) return value;
  ctx.audit.mask(name, verdict.rule);
  return applyMask(verdict.mask, value);
}

/** One request's verdict on one field. */
interface Verdict {
  /** Denied: the error every occurrence of the field answers. */
  error: HubError | null;
  mask: MaskKind | null;
  rule: string;
}

/** The policy's decisions: static ones (open, personal) once here, per-request ones kept per context. */
class Decisions {
  private readonly byRequest = new WeakMap<
    object,
    { verdicts: Map<string, Verdict>; types: Set<string>; parents: Set<string> }
  >();
  private readonly openFields = new Set<string>();
  private readonly personalFields = new Set<string>();
  /** Type → its fields that need a per-request decision. */
  private readonly guarded = new Map<string, string[]>();

  constructor(
    private readonly policy: PolicyBook,
    schema: GraphQLSchema,
  ) {
    const roles = Object.keys(policy.policy.roles);
    for (const type of objectTypes(schema)) {
      const fields: string[] = [];
      for (const field of Object.keys(type.getFields())) {
        const name = `${type.name}.${field}`;
        const each = new Set(roles.map((r) => policy.field(type.name, field, [r]).decision));
        const everyone = policy.field(type.name, field, roles);
        if (maskable(policy, type.name, field)) this.personalFields.add(name);
        if (kind(everyone.decision) === 'allow' && each.size === 1 && !this.personalFields.has(name))
          this.openFields.add(name);
        else fields.push(field);
      }
      this.guarded.set(type.name, fields);
    }
  }

  /** Every role may see it, unmasked: no per-request decision. */
  open(name: string): boolean {
    return this.openFields.has(name);
  }

  /** Some role sees it masked: its returned ids are audited. */
  personal(name: string): boolean {
    return this.personalFields.has(name);
  }

  hasGuarded(type: string): boolean {
    return (this.guarded.get(type)?.length ?? 0) > 0;
  }

  /** `decideType` for every child type of the field `name`, skipped after the field's first row. */
  decideTypes(ctx: HubContext, name: string, children: readonly string[]): void {
    const request = this.request(ctx);
    if (request.parents.has(name)) return;
    request.parents.add(name);
    for (const child of children) this.decideType(ctx, child);
  }

  /** Decides, for this request, every field of `type` that needs it (once per request and type). */
  decideType(ctx: HubContext, type: string): void {
    const request = this.request(ctx);
    if (request.types.has(type)) return;
    request.types.add(type);
    for (const field of this.guarded.get(type) ?? []) this.of(ctx, `${type}.${field}`);
  }

  /** This request's verdict on `Type.field`, decided at most once. */
  of(ctx: HubContext, name: string): Verdict {
    const request = this.request(ctx);
    let verdict = request.verdicts.get(name);
    if (!verdict) request.verdicts.set(name, (verdict = this.decide(ctx, name)));
    return verdict;
  }

  private request(ctx: HubContext) {
    let request = this.byRequest.get(ctx);
    if (!request) this.byRequest.set(ctx, (request = { verdicts: new Map(), types: new Set(), parents: new Set() }));
    return request;
  }

  private decide(ctx: HubContext, name: string): Verdict {
    const dot = name.indexOf('.');
    const verdict = this.policy.field(name.slice(0, dot), name.slice(dot + 1), ctx.viewer.roles);
    const decision = kind(verdict.decision);
    if (decision === 'deny') {
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
  }
}

/** The object types a field of type `named` returns (none for a leaf). */
function childTypes(schema: GraphQLSchema, named: ReturnType<typeof getNamedType>): string[] {
  if (isObjectType(named)) return [named.name];
  if (isAbstractType(named)) return schema.getPossibleTypes(named).map((t) => t.name);
  return [];
}

function objectTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter(
    (t): t is GraphQLObjectType => t instanceof GraphQLObjectType && !t.name.startsWith('__'),
  );
}
